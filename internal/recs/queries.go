package recs

import (
	"context"
	"errors"
	"slices"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/likes"
	"github.com/claco/claco/internal/members"
	"github.com/claco/claco/recommend"
)

// Pick is a recommended concert: how well it fits and the keywords
// (positions in the vector) that made it fit most.
type Pick struct {
	Concert  *ent.Concert
	Score    float64
	Keywords []int
}

// Caps on what one request may ask of the engine.
const (
	maxLimit = 20
	// spare asks the engine for a few more than needed, for concerts that
	// ended or left since the index was built.
	spare = 5
)

// ForMember recommends concerts for the member's taste: declared keywords
// refined by their likes and reviews, boosted by their regions, types and
// price range; never ended or already liked or reviewed concerts.
func (s *Service) ForMember(ctx context.Context, memberID, limit int) ([]Pick, error) {
	if err := checkLimit(limit); err != nil {
		return nil, err
	}
	p, taste, err := s.profile(ctx, memberID)
	if err != nil || limit == 0 {
		return []Pick{}, err
	}
	found, err := timed(s, QueryRecommended, func() ([]recommend.Recommendation, error) {
		return s.engine.Recommend(p, recommend.Query{K: limit + spare, Boosts: boostsFor(taste)}, nil)
	})
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(found))
	for i, r := range found {
		ids[i] = int(r.ItemID)
	}
	concerts, err := s.current(ctx, ids)
	if err != nil {
		return nil, err
	}
	picks := make([]Pick, 0, limit)
	for _, r := range found {
		c, ok := concerts[int(r.ItemID)]
		if !ok || len(picks) == limit {
			continue
		}
		pick := Pick{Concert: c, Score: float64(r.Score)}
		for _, f := range r.Reasons.Features() {
			pick.Keywords = append(pick.Keywords, f.Feature)
		}
		picks = append(picks, pick)
	}
	return picks, nil
}

// LikeBased is "because you liked …": the basis, its top keywords and the
// concerts most like it.
type LikeBased struct {
	Basis *ent.Concert // nil without likes
	// Liked says whether the member has liked anything; without likes the
	// concerts are the most-liked upcoming ones.
	Liked    bool
	Concerts []*ent.Concert
}

// LikeBasedFor recommends concerts like the one the member liked last.
func (s *Service) LikeBasedFor(ctx context.Context, memberID, limit int) (LikeBased, error) {
	if err := checkLimit(limit); err != nil {
		return LikeBased{}, err
	}
	liked, err := s.likes.Of(ctx, memberID)
	if err != nil {
		return LikeBased{}, err
	}
	if len(liked) == 0 {
		popular, err := s.cat.UpcomingByLikes(ctx, limit)
		return LikeBased{Concerts: popular}, err
	}
	exclude := make([]int64, len(liked))
	for i, l := range liked {
		exclude[i] = int64(l.ConcertID)
	}
	basis := liked[0].ConcertID
	similar, err := timed(s, QueryLikeBased, func() ([]recommend.SimilarItem, error) {
		return s.engine.SimilarItems(int64(basis), limit+spare, exclude, nil)
	})
	if err != nil && !errors.Is(err, recommend.ErrUnknownItem) {
		return LikeBased{}, err
	}
	ids := []int{basis}
	for _, r := range similar {
		ids = append(ids, int(r.ItemID))
	}
	concerts, err := s.cat.ConcertsByID(ctx, ids)
	if err != nil {
		return LikeBased{}, err
	}
	out := LikeBased{Basis: concerts[basis], Liked: true, Concerts: []*ent.Concert{}}
	today := s.cat.Today()
	for _, id := range ids[1:] {
		if c, ok := concerts[id]; ok && !today.After(c.EndDate) && len(out.Concerts) < limit {
			out.Concerts = append(out.Concerts, c)
		}
	}
	return out, nil
}

// Similar returns, for each concert, up to limit live concerts most like it
// (never itself or ended ones); all of them loaded in one query.
func (s *Service) Similar(ctx context.Context, concertIDs []int, limit int) (map[int][]*ent.Concert, error) {
	if err := checkLimit(limit); err != nil {
		return nil, err
	}
	lists := make(map[int][]int64, len(concertIDs))
	var all []int
	var buf []recommend.SimilarItem
	for _, id := range concertIDs {
		found, err := timed(s, QuerySimilar, func() ([]recommend.SimilarItem, error) {
			return s.engine.SimilarItems(int64(id), limit+spare, nil, buf)
		})
		if err != nil && !errors.Is(err, recommend.ErrUnknownItem) && !errors.Is(err, recommend.ErrNoIndex) {
			return nil, err
		}
		for _, r := range found {
			lists[id] = append(lists[id], r.ItemID)
			all = append(all, int(r.ItemID))
		}
		buf = found
	}
	concerts, err := s.current(ctx, all)
	if err != nil {
		return nil, err
	}
	out := make(map[int][]*ent.Concert, len(concertIDs))
	for _, id := range concertIDs {
		list := []*ent.Concert{}
		for _, other := range lists[id] {
			if c, ok := concerts[int(other)]; ok && len(list) < limit {
				list = append(list, c)
			}
		}
		out[id] = list
	}
	return out, nil
}

// TicketsFor returns reviews by the members whose taste is most like the
// member's (declared taste blended with co-likes): each one's best review,
// never the member's own; empty when nobody is similar.
func (s *Service) TicketsFor(ctx context.Context, memberID, limit int) ([]*ent.TicketReview, error) {
	if err := checkLimit(limit); err != nil {
		return nil, err
	}
	p, _, err := s.profile(ctx, memberID)
	if err != nil || limit == 0 {
		return []*ent.TicketReview{}, err
	}
	similar, err := timed(s, QueryTickets, func() ([]recommend.SimilarMember, error) {
		return s.engine.SimilarMembers(p, limit*4, nil)
	})
	if err != nil {
		return nil, err
	}
	ids := make([]int, 0, len(similar))
	for _, m := range similar {
		ids = append(ids, int(m.MemberID))
	}
	return s.lib.BestReviewsBy(ctx, ids, memberID, limit)
}

// profile reads the member's live profile: declared taste, likes, ratings.
func (s *Service) profile(ctx context.Context, memberID int) (recommend.Profile, members.Taste, error) {
	p := recommend.Profile{MemberID: int64(memberID)}
	taste, ok, err := s.members.TasteOf(ctx, memberID)
	if err != nil {
		return p, taste, err
	}
	if ok {
		p.Taste = tasteVector(taste)
	}
	liked, err := s.likes.Of(ctx, memberID)
	if err != nil {
		return p, taste, err
	}
	ratings, err := s.lib.RatingsOf(ctx, memberID)
	if err != nil {
		return p, taste, err
	}
	p.Events = make([]recommend.Event, 0, len(liked)+len(ratings))
	for _, l := range liked {
		p.Events = append(p.Events, likeEvent(l))
	}
	for _, r := range ratings {
		p.Events = append(p.Events, recommend.Event{Item: int64(r.ConcertID), Weight: ratingWeight(r.Rating), Time: r.At.Unix()})
	}
	return p, taste, nil
}

func likeEvent(l likes.Like) recommend.Event {
	return recommend.Event{Item: int64(l.ConcertID), Weight: likeWeight, Time: l.At.Unix()}
}

// current loads the concerts that are live and have not ended, by id.
func (s *Service) current(ctx context.Context, ids []int) (map[int]*ent.Concert, error) {
	concerts, err := s.cat.ConcertsByID(ctx, slices.Compact(slices.Sorted(slices.Values(ids))))
	if err != nil {
		return nil, err
	}
	today := s.cat.Today()
	for id, c := range concerts {
		if today.After(c.EndDate) {
			delete(concerts, id)
		}
	}
	return concerts, nil
}

// checkLimit bounds how many results a request may ask for.
func checkLimit(limit int) error {
	if limit < 0 || limit > maxLimit {
		return apperr.Invalid("limit", "limit must be between 0 and %d", maxLimit)
	}
	return nil
}
