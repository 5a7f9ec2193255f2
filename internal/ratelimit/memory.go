package ratelimit

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// memory keeps budgets in this process. Its keys sit in a list from most to
// least recently seen, so that forgetting idle keys is cheap and memory stays
// bounded however many distinct keys (addresses) a flood brings.
type memory struct {
	gcra    gcra
	period  time.Duration
	now     func() time.Time
	start   time.Time // times are kept as durations since start: small, monotonic
	maxKeys int

	mu   sync.Mutex
	keys map[string]*list.Element // of *entry
	lru  *list.List               // front: most recently seen
}

type entry struct {
	key  string
	tat  time.Duration
	seen time.Duration
}

// NewMemory keeps budgets in this process's memory: right for one instance.
// It remembers at most WithMaxKeys keys (DefaultMaxKeys). A key unseen for a
// whole Period has a full budget again, so forgetting it changes nothing;
// only when more keys than that are active within one Period does it forget
// the least recently seen early, giving it a fresh budget, because bounded
// memory matters more than exactness under a flood.
func NewMemory(rate Rate, opts ...Option) Limiter {
	if !rate.Enabled() {
		return unlimited{}
	}
	o := newOptions(opts)
	return &memory{
		gcra:    newGCRA(rate),
		period:  rate.Period,
		now:     o.now,
		start:   o.now(),
		maxKeys: o.maxKeys,
		keys:    make(map[string]*list.Element),
		lru:     list.New(),
	}
}

func (m *memory) Allow(_ context.Context, key string) (Decision, error) {
	now := m.now().Sub(m.start)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.forgetIdle(now)
	e := m.entry(key)
	d, tat := m.gcra.allow(now, e.tat)
	e.tat, e.seen = tat, now
	return d, nil
}

// entry finds key's entry and marks it most recently seen, making room for a
// new one if needed.
func (m *memory) entry(key string) *entry {
	if el, ok := m.keys[key]; ok {
		m.lru.MoveToFront(el)
		return el.Value.(*entry)
	}
	for m.lru.Len() >= m.maxKeys {
		m.remove(m.lru.Back())
	}
	e := &entry{key: key}
	m.keys[key] = m.lru.PushFront(e)
	return e
}

// forgetIdle drops keys unseen for a whole Period. A key's tat is at most one
// Period after it was last seen, so these keys have full budgets and are
// exactly like keys never seen. The list is in order of last sight, so the
// walk stops at the first key seen more recently: each call costs O(keys
// dropped).
func (m *memory) forgetIdle(now time.Duration) {
	for el := m.lru.Back(); el != nil; el = m.lru.Back() {
		if now-el.Value.(*entry).seen < m.period {
			return
		}
		m.remove(el)
	}
}

func (m *memory) remove(el *list.Element) {
	delete(m.keys, el.Value.(*entry).key)
	m.lru.Remove(el)
}

// size is how many keys m remembers (for tests).
func (m *memory) size() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lru.Len()
}
