// Package loader owns the request-scoped batch loaders that resolve fields of
// many objects at once: whatever the page size, each kind of field costs one
// SQL statement (or a fixed few) per level of the GraphQL operation. Loaders
// cache for one request only, so a member never sees another request's data.
package loader

import (
	"context"
	"time"

	"github.com/graph-gophers/dataloader/v7"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/library"
)

// DefaultWait is how long a loader collects keys before it queries. gqlgen
// resolves the fields of a list's items in concurrent goroutines that all call
// Load within microseconds; a few milliseconds gather them even on a busy
// machine without adding noticeable latency.
const DefaultWait = 3 * time.Millisecond

// Loaders are one request's batch loaders.
type Loaders struct {
	concertKeywords *dataloader.Loader[int, []*ent.ConcertKeyword]
	likeCount       *dataloader.Loader[int, int]
	likedByViewer   *dataloader.Loader[int, bool]
	reviewStats     *dataloader.Loader[int, library.ReviewStats]
	concertReviews  *dataloader.Loader[ReviewPage, *ent.TicketReviewConnection]
	concert         *dataloader.Loader[int, *ent.Concert]
	member          *dataloader.Loader[int, *ent.Member]
	reviewTags      *dataloader.Loader[int, []*ent.TagCategory]
	reviewPlaces    *dataloader.Loader[int, []*ent.PlaceCategory]
	reviewImages    *dataloader.Loader[int, []*ent.TicketImage]
}

// Deps are what the loaders read from.
type Deps struct {
	DB      *ent.Client
	Library *library.Service
	Wait    time.Duration
}

// New returns fresh loaders for one request made by viewerID (0 when anonymous).
func New(d Deps, viewerID int) *Loaders {
	if d.Wait <= 0 {
		d.Wait = DefaultWait
	}
	w := d.Wait
	return &Loaders{
		concertKeywords: batch(w, concertKeywords(d.DB)),
		likeCount:       batch(w, likeCounts(d.DB)),
		likedByViewer:   batch(w, likedBy(d.DB, viewerID)),
		reviewStats:     batch(w, d.Library.ReviewStatsOf),
		concertReviews:  batch(w, concertReviews(d.Library)),
		concert:         batch(w, concertsByID(d.DB)),
		member:          batch(w, membersByID(d.DB)),
		reviewTags:      batch(w, reviewTags(d.DB)),
		reviewPlaces:    batch(w, reviewPlaces(d.DB)),
		reviewImages:    batch(w, reviewImages(d.DB)),
	}
}

type ctxKey struct{}

// With returns ctx carrying l.
func With(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// For returns the loaders of the request that ctx belongs to.
func For(ctx context.Context) *Loaders {
	l, _ := ctx.Value(ctxKey{}).(*Loaders)
	return l
}

// batch makes a loader from a function that fetches many keys at once and
// returns what it found by key; keys it did not find get V's zero value.
func batch[K comparable, V any](wait time.Duration, fetch func(context.Context, []K) (map[K]V, error)) *dataloader.Loader[K, V] {
	return dataloader.NewBatchedLoader(func(ctx context.Context, keys []K) []*dataloader.Result[V] {
		found, err := fetch(ctx, keys)
		results := make([]*dataloader.Result[V], len(keys))
		for i, k := range keys {
			if err != nil {
				results[i] = &dataloader.Result[V]{Error: err}
				continue
			}
			results[i] = &dataloader.Result[V]{Data: found[k]}
		}
		return results
	}, dataloader.WithWait[K, V](wait))
}
