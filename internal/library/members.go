package library

import (
	"context"
	"fmt"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/ticketreview"
)

// Holdings is how much of the library a member keeps, for admins.
type Holdings struct {
	Books, Tickets int
}

// HoldingsOf returns each member's live books and tickets (hidden ones
// included), in two queries.
func (s *Service) HoldingsOf(ctx context.Context, memberIDs []int) (map[int]Holdings, error) {
	var books, tickets []struct {
		MemberID int `json:"member_id"`
		Count    int `json:"count"`
	}
	err := s.db.ClacoBook.Query().Where(clacobook.MemberIDIn(memberIDs...)).
		GroupBy(clacobook.FieldMemberID).Aggregate(ent.Count()).Scan(ctx, &books)
	if err != nil {
		return nil, fmt.Errorf("book counts: %w", err)
	}
	err = s.db.TicketReview.Query().Where(ticketreview.MemberIDIn(memberIDs...)).
		GroupBy(ticketreview.FieldMemberID).Aggregate(ent.Count()).Scan(ctx, &tickets)
	if err != nil {
		return nil, fmt.Errorf("ticket counts: %w", err)
	}
	out := make(map[int]Holdings, len(memberIDs))
	for _, r := range books {
		h := out[r.MemberID]
		h.Books = r.Count
		out[r.MemberID] = h
	}
	for _, r := range tickets {
		h := out[r.MemberID]
		h.Tickets = r.Count
		out[r.MemberID] = h
	}
	return out, nil
}
