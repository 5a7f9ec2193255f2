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
// viewer's own, at most limit of them: what recommendedTickets shows. Which
// review is a member's best is kept for a moment (any review written
// through this process drops it); only the reviews shown are read, by id.
func (s *Service) BestReviewsBy(ctx context.Context, memberIDs []int, viewerID, limit int) ([]*ent.TicketReview, error) {
	others := slices.DeleteFunc(slices.Clone(memberIDs), func(m int) bool { return m == viewerID })
	best, err := s.bestOf(ctx, others)
	if err != nil {
		return nil, err
	}
	var candidates []int // review ids, in the members' order
	for _, m := range others {
		if id := best[m]; id != 0 {
			candidates = append(candidates, id)
		}
	}
	out := make([]*ent.TicketReview, 0, min(limit, len(candidates)))
	// A best review another instance hid or deleted since it was kept is
	// not found; the next member's takes its place.
	for len(out) < limit && len(candidates) > 0 {
		batch := candidates[:min(limit-len(out), len(candidates))]
		candidates = candidates[len(batch):]
		rows, err := s.db.TicketReview.Query().Where(ticketreview.IDIn(batch...), shown()).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("best reviews: %w", err)
		}
		byID := make(map[int]*ent.TicketReview, len(rows))
		for _, r := range rows {
			byID[r.ID] = r
		}
		for _, id := range batch {
			if r, ok := byID[id]; ok {
				out = append(out, r)
			} else {
				s.forgetBest(id, best)
			}
		}
	}
	return out, nil
}

// forgetBest drops the kept best review of the member whose best it was,
// so that the next request reads their best again instead of missing it
// again.
func (s *Service) forgetBest(review int, best map[int]int) {
	for m, id := range best {
		if id == review {
			s.best.Drop(m)
		}
	}
}

// bestOf returns the id of each member's best shown review (0 for a member
// without one): kept for a moment, the others read in one query.
func (s *Service) bestOf(ctx context.Context, memberIDs []int) (map[int]int, error) {
	best := make(map[int]int, len(memberIDs)) // member → review
	var missing []int
	for _, m := range memberIDs {
		if id, ok := s.best.Get(m); ok {
			best[m] = id
		} else {
			missing = append(missing, m)
		}
	}
	if len(missing) == 0 {
		return best, nil
	}
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
	return best, nil
}

// Version fingerprints the reviews (see database.Fingerprint).
func (s *Service) Version(ctx context.Context) (string, error) {
	return database.Fingerprint(softdelete.IncludeDeleted(ctx), s.db.TicketReview.Query().Modify(database.CountAndLatest))
}
