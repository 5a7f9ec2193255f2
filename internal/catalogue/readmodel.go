package catalogue

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"

	"time"

	"golang.org/x/sync/singleflight"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/hook"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/kept"
	"github.com/claco/claco/internal/pager"
)

// The catalogue changes only when concerts or their keyword scores are
// written: by the importer (another process), by an admin, by test fixtures.
// What is derived from it — the totals of filtered lists, their pages,
// search suggestions — is kept per generation of the catalogue, so that
// browsing costs no COUNT(*) scan and no walk past ended concerts.
// Writes through this process's client move the generation at once (ent
// hooks); another process's writes move it at the next Poll, which
// compares the catalogue's Version.

// maxCached bounds each kind of value kept; past it they start over. A
// kept page holds up to 100 concerts: a thousand pages stay within tens
// of megabytes.
const maxCached = 1_000

type readModel struct {
	generation database.Generation
	mu         sync.Mutex
	version    string // the database's Version at the last Poll
	pages      generationCache[*ent.ConcertConnection]
	found      generationCache[[]*ent.Concert]
	concerts   *kept.Values[int, *ent.Concert] // by id, per generation
	snap       atomic.Pointer[snapshot]
	builds     singleflight.Group // of snapshots
}

// generationCache keeps values of one catalogue generation; m.mu guards it.
type generationCache[V any] struct {
	of     uint64 // the generation the values belong to
	values map[string]V
}

// watch moves the generation after every write of concerts and keyword
// scores made through db.
func (m *readModel) watch(db *ent.Client) {
	bump := hook.On(m.generation.Hook(), ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne)
	db.Concert.Use(bump)
	db.ConcertKeyword.Use(bump)
}

// cached returns c's value of key in the current generation, or computes it
// and keeps it unless the catalogue changed meanwhile. Values are shared by
// every request: callers never change them.
func cached[V any](m *readModel, c *generationCache[V], key string, compute func() (V, error)) (V, error) {
	g := m.generation.Load()
	m.mu.Lock()
	if c.of == g {
		if v, ok := c.values[key]; ok {
			m.mu.Unlock()
			return v, nil
		}
	}
	m.mu.Unlock()
	v, err := compute()
	if err != nil {
		return v, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.generation.Load() != g {
		return v, nil
	}
	if c.values == nil || c.of != g || len(c.values) >= maxCached {
		c.of, c.values = g, map[string]V{}
	}
	c.values[key] = v
	return v, nil
}

// pageKey names a page of a filtered, ordered list on a day: the same page
// of the same catalogue on the same day has the same concerts.
func (s *Service) pageKey(filter *Filter, order *Order, args pager.Args) (string, bool) {
	b, err := json.Marshal(struct {
		Filter *Filter
		Order  *Order
		Args   pager.Args
	}{filter, order, args})
	if err != nil {
		return "", false
	}
	return s.Today().Format(time.DateOnly) + string(b), true
}

// Poll compares the catalogue's Version with the one seen last and, when
// another process changed the catalogue (or the day turned), starts a new
// generation. Servers call it every few seconds.
func (s *Service) Poll(ctx context.Context) error {
	v, err := s.Version(ctx)
	if err != nil {
		return err
	}
	s.model.mu.Lock()
	changed := v != s.model.version
	s.model.version = v
	s.model.mu.Unlock()
	if changed {
		s.model.generation.Bump()
	}
	return nil
}

// maxConcertsKept bounds the concerts kept by id: about 1.5 KB each, so
// some 15 MB. A page, a concert's detail, a recommendation read them again
// and again, and a concert row (with its JSON columns) costs more to decode
// than to keep.
const maxConcertsKept = 10_000
