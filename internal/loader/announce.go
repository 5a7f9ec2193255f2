package loader

import (
	"context"
	"sync"
	"time"

	"github.com/graph-gophers/dataloader/v7"
)

// keyed is a batch loader that can be told in advance which rows are coming.
//
// A dataloader batches the keys that arrive within its wait; under load the
// goroutines that resolve a long list can take longer than that, and the
// batch splits. So list resolvers announce the ids of their rows: the first
// Load that belongs to an announced row fetches the keys of all announced
// rows in one go and primes the cache. The SQL an operation costs then does
// not depend on timing. Keys nobody announced (a single concert(id:)) still
// batch by time.
//
// A key belongs to a row (its parent): usually the key is the row id; for a
// page of a concert's reviews it is the concert id plus the page arguments.
type keyed[P, K comparable, V any] struct {
	loader *dataloader.Loader[K, V]
	fetch  func(context.Context, []K) (map[K]V, error)
	parent func(K) P
	// expand gives the keys like key (same arguments) of the given rows.
	expand func(key K, rows []P) []K

	mu        sync.Mutex
	announced map[P]struct{}
	// fetched holds, for each key fetched or being fetched with the
	// announced rows, a channel closed once its value is primed.
	fetched map[K]chan struct{}
}

func newKeyed[P, K comparable, V any](wait time.Duration, fetch func(context.Context, []K) (map[K]V, error), parent func(K) P, expand func(K, []P) []K) *keyed[P, K, V] {
	return &keyed[P, K, V]{
		loader:    batch(wait, fetch),
		fetch:     fetch,
		parent:    parent,
		expand:    expand,
		announced: map[P]struct{}{},
		fetched:   map[K]chan struct{}{},
	}
}

// byID is a keyed loader whose key is the row id.
func byID[V any](wait time.Duration, fetch func(context.Context, []int) (map[int]V, error)) *keyed[int, int, V] {
	return newKeyed(wait, fetch, func(id int) int { return id }, func(_ int, rows []int) []int { return rows })
}

// byPage is a keyed loader of pages: the key is a parent row's id plus the
// page's arguments, and the same page of every announced parent is fetched together.
func byPage[K comparable, V any](wait time.Duration, fetch func(context.Context, []K) (map[K]V, error), parent func(K) int, ofParent func(K, int) K) *keyed[int, K, V] {
	return newKeyed(wait, fetch, parent, func(key K, parents []int) []K {
		keys := make([]K, len(parents))
		for i, id := range parents {
			keys[i] = ofParent(key, id)
		}
		return keys
	})
}

// announce says that keys of these rows will be loaded soon.
func (k *keyed[P, K, V]) announce(rows []P) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, r := range rows {
		k.announced[r] = struct{}{}
	}
}

// load returns the value of key, first fetching the same key of every
// announced row if key's row is one of them.
func (k *keyed[P, K, V]) load(ctx context.Context, key K) (V, error) {
	if err := k.fetchAnnounced(ctx, key); err != nil {
		var zero V
		return zero, err
	}
	return k.loader.Load(ctx, key)()
}

// fetchAnnounced fetches the key of every announced row when key's row is
// one of them. The lock is not held while fetching: a fetch announces rows
// to other loaders, whose fetches announce to this one, and holding it would
// deadlock two such fetches. Loads of keys being fetched wait for the prime.
func (k *keyed[P, K, V]) fetchAnnounced(ctx context.Context, key K) error {
	k.mu.Lock()
	if _, ok := k.announced[k.parent(key)]; !ok {
		k.mu.Unlock()
		return nil
	}
	if done, ok := k.fetched[key]; ok {
		k.mu.Unlock()
		select {
		case <-done:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	rows := make([]P, 0, len(k.announced))
	for r := range k.announced {
		rows = append(rows, r)
	}
	done := make(chan struct{})
	var keys []K
	for _, kk := range k.expand(key, rows) {
		if _, ok := k.fetched[kk]; !ok {
			keys = append(keys, kk)
			k.fetched[kk] = done
		}
	}
	k.mu.Unlock()

	defer close(done)
	found, err := k.fetch(ctx, keys)
	if err != nil {
		// Loads of these keys fall back to batching by time.
		k.mu.Lock()
		for _, kk := range keys {
			delete(k.fetched, kk)
		}
		k.mu.Unlock()
		return err
	}
	for _, kk := range keys {
		k.loader.Prime(ctx, kk, found[kk])
	}
	return nil
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
