package loader

import (
	"context"

	"github.com/claco/claco/ent"
)

// SimilarKey asks for the concerts most like one concert.
type SimilarKey struct {
	ConcertID, Limit int
}

// Similar returns the concerts most like the concert (see recs.Similar).
func (l *Loaders) Similar(ctx context.Context, concertID, limit int) ([]*ent.Concert, error) {
	return l.loaders().similar.load(ctx, SimilarKey{ConcertID: concertID, Limit: limit})
}

// fetchSimilar answers the same limit for every asked concert together: the
// engine works in memory, and the concerts it names load in one query.
func (l *Loaders) fetchSimilar(ctx context.Context, keys []SimilarKey) (map[SimilarKey][]*ent.Concert, error) {
	byLimit := map[int][]int{}
	for _, k := range keys {
		byLimit[k.Limit] = append(byLimit[k.Limit], k.ConcertID)
	}
	out := make(map[SimilarKey][]*ent.Concert, len(keys))
	for limit, ids := range byLimit {
		lists, err := l.deps.Recs.Similar(ctx, ids, limit)
		if err != nil {
			return nil, err
		}
		var shown []*ent.Concert
		for id, list := range lists {
			out[SimilarKey{ConcertID: id, Limit: limit}] = list
			shown = append(shown, list...)
		}
		l.AnnounceConcerts(shown)
	}
	return out, nil
}
