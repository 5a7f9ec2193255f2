// Package kept keeps values read from the database for a moment, by key:
// what a page shows again and again (like counts, a member's likes, taste
// and ratings, review authors) is read once every few seconds instead of on
// every request.
// A write through this process drops everything kept at once (its owner's
// ent hook moves a database.Generation); another process's writes show when
// the moment has passed.
package kept

import (
	"math"
	"sync"
	"time"

	"github.com/claco/claco/internal/database"
)

// Moment is how long the API keeps what it reads of a member's activity:
// another instance's writes show within it.
const Moment = 2 * time.Second

// UntilWrite keeps values until a write moves the generation, however long
// that takes: for data that only changes with such writes (and polls).
const UntilWrite = time.Duration(math.MaxInt64)

// Values are values of type V kept by key K.
type Values[K comparable, V any] struct {
	gen   *database.Generation
	fresh time.Duration
	now   func() time.Time
	max   int

	mu     sync.Mutex
	of     uint64 // the generation of what is kept
	values map[K]value[V]
}

type value[V any] struct {
	v  V
	at time.Time
}

// New keeps values for fresh by the clock now (a test's clock stands
// still: what it reads is kept until it writes), at most max of them (past
// it, some make room: see makeRoom), until gen moves.
func New[K comparable, V any](gen *database.Generation, fresh time.Duration, now func() time.Time, max int) *Values[K, V] {
	return &Values[K, V]{gen: gen, fresh: fresh, now: now, max: max}
}

// A Token says when a value was read: a value read before a write is not kept.
type Token struct {
	generation uint64
	at         time.Time
}

// Read starts a read: values read after it are kept with Keep.
func (k *Values[K, V]) Read() Token {
	return Token{generation: k.gen.Load(), at: k.now()}
}

// Get returns the value kept for key, if it is fresh.
func (k *Values[K, V]) Get(key K) (V, bool) {
	now := k.now()
	k.mu.Lock()
	defer k.mu.Unlock()
	k.sync()
	v, ok := k.values[key]
	if !ok || now.Sub(v.at) >= k.fresh {
		var zero V
		return zero, false
	}
	return v.v, true
}

// Keep keeps the value of key read since t, unless a write came between.
func (k *Values[K, V]) Keep(t Token, key K, v V) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.sync() != t.generation {
		return
	}
	if _, ok := k.values[key]; !ok && len(k.values) >= k.max {
		k.makeRoom()
	}
	k.values[key] = value[V]{v, t.at}
}

// makeRoom drops what is no longer fresh and, when that is not enough, an
// arbitrary eighth of the rest (Go's map order: random, not least recently
// used), so that filling up costs a sweep every max/8 values rather than
// on each, and seven eighths of what was kept stays; k.mu is held.
func (k *Values[K, V]) makeRoom() {
	now := k.now()
	for key, v := range k.values {
		if now.Sub(v.at) >= k.fresh {
			delete(k.values, key)
		}
	}
	excess := len(k.values) - k.max*7/8
	for key := range k.values {
		if excess <= 0 {
			break
		}
		delete(k.values, key)
		excess--
	}
}

// Drop forgets the value kept for key: its owner found it out of date.
func (k *Values[K, V]) Drop(key K) {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.values, key)
}

// sync drops what is kept when the generation moved; k.mu is held.
func (k *Values[K, V]) sync() uint64 {
	g := k.gen.Load()
	if k.of != g || k.values == nil {
		k.of, k.values = g, map[K]value[V]{}
	}
	return g
}

// Load returns the value kept for key, or reads it and keeps it.
func (k *Values[K, V]) Load(key K, read func() (V, error)) (V, error) {
	if v, ok := k.Get(key); ok {
		return v, nil
	}
	t := k.Read()
	v, err := read()
	if err != nil {
		return v, err
	}
	k.Keep(t, key, v)
	return v, nil
}

// LoadMany returns the values of keys: those kept, and the others read in
// one call of read (given the keys it must read) and kept. A key read
// returns no value for is left out, and not kept.
func (k *Values[K, V]) LoadMany(keys []K, read func(missing []K) (map[K]V, error)) (map[K]V, error) {
	out := make(map[K]V, len(keys))
	var missing []K
	for _, key := range keys {
		if v, ok := k.Get(key); ok {
			out[key] = v
		} else {
			missing = append(missing, key)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	t := k.Read()
	got, err := read(missing)
	if err != nil {
		return nil, err
	}
	for key, v := range got {
		out[key] = v
		k.Keep(t, key, v)
	}
	return out, nil
}
