package library

import (
	"context"
	"fmt"
	"slices"
	"time"

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

// BestReviewsBy returns the best shown live review of each of the members
// (highest rated, then newest), in the members' order, leaving out the
// viewer's own: what recommendedTickets shows. Which review is a member's
// best is kept for a moment (any review written through this process drops
// it); the reviews themselves are read in one query by id.
func (s *Service) BestReviewsBy(ctx context.Context, memberIDs []int, viewerID int) ([]*ent.TicketReview, error) {
	best := make(map[int]int, len(memberIDs)) // member → review
	var missing []int
	for _, m := range memberIDs {
		if m == viewerID {
			continue
		}
		if id, ok := s.best.Get(m); ok {
			best[m] = id
		} else {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		t := s.best.Read()
		rows, err := s.db.TicketReview.Query().
			Where(ticketreview.MemberIDIn(missing...), shown()).
			Select(ticketreview.FieldID, ticketreview.FieldMemberID).
			Order(ticketreview.ByMemberID(), ticketreview.ByRating(sql.OrderDesc()), ticketreview.ByID(sql.OrderDesc())).
			All(ctx)
		if err != nil {
			return nil, fmt.Errorf("best reviews: %w", err)
		}
		for _, r := range rows {
			if _, seen := best[r.MemberID]; !seen {
				best[r.MemberID] = r.ID
			}
		}
		for _, m := range missing {
			s.best.Keep(t, m, best[m]) // 0: the member has no shown review
		}
	}
	ids := make([]int, 0, len(best))
	for _, id := range best {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return []*ent.TicketReview{}, nil
	}
	rows, err := s.db.TicketReview.Query().Where(ticketreview.IDIn(ids...), shown()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("best reviews: %w", err)
	}
	byMember := make(map[int]*ent.TicketReview, len(rows))
	for _, r := range rows {
		byMember[r.MemberID] = r
	}
	out := make([]*ent.TicketReview, 0, len(rows))
	for _, m := range memberIDs {
		if r, ok := byMember[m]; ok && m != viewerID {
			out = append(out, r)
		}
	}
	return out, nil
}

// Version fingerprints the reviews (see database.Fingerprint).
func (s *Service) Version(ctx context.Context) (string, error) {
	return database.Fingerprint(softdelete.IncludeDeleted(ctx), s.db.TicketReview.Query().Modify(database.CountAndLatest))
}
