package library

import (
	"context"
	"fmt"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/ticketreview"
)

// BooksOf returns a member's live books, oldest first.
func (s *Service) BooksOf(ctx context.Context, memberID int) ([]*ent.ClacoBook, error) {
	return s.db.ClacoBook.Query().
		Where(clacobook.MemberID(memberID)).
		Order(clacobook.ByID()).
		All(ctx)
}

// TicketCounts returns how many live tickets each book holds, in one query.
func (s *Service) TicketCounts(ctx context.Context, bookIDs []int) (map[int]int, error) {
	var rows []struct {
		BookID int `json:"book_id"`
		Count  int `json:"count"`
	}
	err := s.db.TicketReview.Query().
		Where(ticketreview.BookIDIn(bookIDs...)).
		GroupBy(ticketreview.FieldBookID).
		Aggregate(ent.Count()).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("ticket counts: %w", err)
	}
	out := make(map[int]int, len(rows))
	for _, r := range rows {
		out[r.BookID] = r.Count
	}
	return out, nil
}

// Review returns the live ticket review with the id, or nil.
func (s *Service) Review(ctx context.Context, id int) (*ent.TicketReview, error) {
	r, err := s.db.TicketReview.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return r, err
}
