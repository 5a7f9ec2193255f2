package catalogue

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/hook"
)

// The catalogue changes only when concerts or their keyword scores are
// written: by the importer (another process), by an admin, by test fixtures.
// What is derived from it — the totals of filtered lists — is kept per
// generation of the catalogue, so that browsing costs no COUNT(*) scan.
// Writes through this process's client move the generation at once (ent
// hooks); another process's writes move it at the next Poll, which
// compares the catalogue's Version.

// maxCachedTotals bounds the totals kept; past it they start over.
const maxCachedTotals = 10_000

type readModel struct {
	generation atomic.Uint64
	mu         sync.Mutex
	totalsOf   uint64         // the generation totals belong to
	totals     map[string]int // by filter and day
	version    string         // the database's Version at the last Poll
}

// watch moves the generation after every write of concerts and keyword
// scores made through db. A write inside a transaction moves it before
// the commit; a total read in between is corrected at the next Poll.
func (m *readModel) watch(db *ent.Client) {
	bump := func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, mu)
			m.generation.Add(1)
			return v, err
		})
	}
	db.Concert.Use(hook.On(bump, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne))
	db.ConcertKeyword.Use(hook.On(bump, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne))
}

// total returns the cached total of key in the current generation, or
// computes it with count and keeps it unless the catalogue changed meanwhile.
func (m *readModel) total(key string, count func() (int, error)) (int, error) {
	g := m.generation.Load()
	m.mu.Lock()
	if m.totalsOf == g {
		if n, ok := m.totals[key]; ok {
			m.mu.Unlock()
			return n, nil
		}
	}
	m.mu.Unlock()
	n, err := count()
	if err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.generation.Load() != g {
		return n, nil
	}
	if m.totals == nil || m.totalsOf != g || len(m.totals) >= maxCachedTotals {
		m.totalsOf, m.totals = g, map[string]int{}
	}
	m.totals[key] = n
	return n, nil
}

// totalKey names a filtered list on a day: the same filter on the same day
// over the same catalogue has the same total.
func (s *Service) totalKey(filter *Filter) (string, bool) {
	b, err := json.Marshal(filter)
	if err != nil {
		return "", false
	}
	return s.Today().Format("2006-01-02") + string(b), true
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
		s.model.generation.Add(1)
	}
	return nil
}
