package library

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/softdelete"
)

// Rating is one member's rating of a concert they saw, for recommendations.
type Rating struct {
	MemberID, ConcertID int
	Rating              float64
	At                  time.Time
}

// AllRatings returns the rating of every live review no admin hid.
func (s *Service) AllRatings(ctx context.Context) ([]Rating, error) {
	return s.readRatings(ctx, s.db.TicketReview.Query().Where(shown()))
}

// RatingsOf returns the ratings of the member's live reviews no admin hid.
func (s *Service) RatingsOf(ctx context.Context, memberID int) ([]Rating, error) {
	kept, err := s.ratings.Load(memberID, func() ([]Rating, error) {
		return s.readRatings(ctx, s.db.TicketReview.Query().Where(ticketreview.MemberID(memberID), shown()))
	})
	return slices.Clone(kept), err
}

func (s *Service) readRatings(ctx context.Context, q *ent.TicketReviewQuery) ([]Rating, error) {
	rows, err := q.Select(ticketreview.FieldMemberID, ticketreview.FieldConcertID, ticketreview.FieldRating, ticketreview.FieldCreatedAt).
		Order(ticketreview.ByID()).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("ratings: %w", err)
	}
	out := make([]Rating, len(rows))
	for i, r := range rows {
		out[i] = Rating{MemberID: r.MemberID, ConcertID: r.ConcertID, Rating: r.Rating, At: r.CreatedAt}
	}
	return out, nil
}

// BestReviewsBy returns, in one query, the best shown live review of each of the
// members (highest rated, then newest), in the members' order, leaving out
// the viewer's own: what recommendedTickets shows.
func (s *Service) BestReviewsBy(ctx context.Context, memberIDs []int, viewerID int) ([]*ent.TicketReview, error) {
	if len(memberIDs) == 0 {
		return []*ent.TicketReview{}, nil
	}
	q := s.db.TicketReview.Query().Where(ticketreview.MemberIDIn(memberIDs...), ticketreview.MemberIDNEQ(viewerID), shown())
	q.Modify(entgql.LimitPerRow(ticketreview.FieldMemberID, 1,
		sql.Expr(sql.Desc(ticketreview.FieldRating)), sql.Expr(sql.Desc(ticketreview.FieldID))))
	rows, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("best reviews: %w", err)
	}
	byMember := make(map[int]*ent.TicketReview, len(rows))
	for _, r := range rows {
		byMember[r.MemberID] = r
	}
	out := make([]*ent.TicketReview, 0, len(rows))
	for _, id := range memberIDs {
		if r, ok := byMember[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// Version fingerprints the reviews (see database.Fingerprint).
func (s *Service) Version(ctx context.Context) (string, error) {
	return database.Fingerprint(softdelete.IncludeDeleted(ctx), s.db.TicketReview.Query().Modify(database.CountAndLatest))
}
