package likes

import (
	"sync"
	"time"

	"github.com/claco/claco/internal/database"
)

// Every page of concerts shows how many members like each and whether the
// viewer does; both are read far more often than likes change. They are
// kept for freshFor: a like through this process is seen at once (its
// write moves the generation, which drops everything kept), another
// instance's within freshFor, by the service's clock (a test's clock stands
// still: what it reads is kept until it writes).
const freshFor = 2 * time.Second

// Bounds of what is kept: past them it starts over.
const (
	maxMembersKept  = 10_000
	maxLikesKept    = 2_000 // a member with more likes is asked the database each time
	maxConcertsKept = 100_000
)

type cache struct {
	gen    database.Generation
	mu     sync.Mutex
	of     uint64 // the generation of what is kept
	counts map[int]kept[int]
	liked  map[int]kept[memberLikes] // by member
}

type kept[V any] struct {
	value V
	at    time.Time
}

// sync drops what is kept when the generation moved; c.mu is held.
func (c *cache) sync() uint64 {
	g := c.gen.Load()
	if c.of != g || c.counts == nil {
		c.of, c.counts, c.liked = g, map[int]kept[int]{}, map[int]kept[memberLikes]{}
	}
	return g
}

// cachedCounts returns the counts kept fresh, and the concerts it has none for.
func (c *cache) cachedCounts(ids []int, now time.Time) (map[int]int, []int, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	g := c.sync()
	out := make(map[int]int, len(ids))
	var missing []int
	for _, id := range ids {
		if k, ok := c.counts[id]; ok && now.Sub(k.at) < freshFor {
			out[id] = k.value
		} else {
			missing = append(missing, id)
		}
	}
	return out, missing, g
}

// keepCounts keeps counts read at generation g (0 for the concerts of ids
// that have none), unless a like was written since.
func (c *cache) keepCounts(g uint64, ids []int, counts map[int]int, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sync() != g {
		return
	}
	if len(c.counts)+len(ids) > maxConcertsKept {
		c.counts = map[int]kept[int]{}
	}
	for _, id := range ids {
		c.counts[id] = kept[int]{counts[id], now}
	}
}

// cachedLiked returns the member's likes, if kept fresh.
func (c *cache) cachedLiked(memberID int, now time.Time) (memberLikes, bool, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	g := c.sync()
	k, ok := c.liked[memberID]
	if !ok || now.Sub(k.at) >= freshFor {
		return memberLikes{}, false, g
	}
	return k.value, true, g
}

func (c *cache) keepLiked(g uint64, memberID int, liked memberLikes, now time.Time) {
	if len(liked.list) > maxLikesKept {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sync() != g {
		return
	}
	if len(c.liked) >= maxMembersKept {
		c.liked = map[int]kept[memberLikes]{}
	}
	c.liked[memberID] = kept[memberLikes]{liked, now}
}
