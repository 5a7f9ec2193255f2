package catalogue

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/pager"
)

// textMatches returns the positions of the concerts whose text contains the
// criteria's (a set, as a bitmap), or nil when the criteria search no text.
func (snap *snapshot) textMatches(c *criteria) bitmap {
	if c.text == "" {
		return nil
	}
	set := newBitmap(len(snap.entries))
	for _, i := range snap.text.match(fold(c.text)) {
		set.add(i)
	}
	return set
}

// bitmap is a set of snapshot positions.
type bitmap []uint64

func newBitmap(n int) bitmap      { return make(bitmap, (n+63)/64) }
func (b bitmap) add(i int32)      { b[i/64] |= 1 << (i % 64) }
func (b bitmap) has(i int32) bool { return b[i/64]&(1<<(i%64)) != 0 }

// orderOf returns the snapshot's positions in the order's ascending order.
func (snap *snapshot) orderOf(f OrderField) []int32 {
	switch f {
	case ByEndDate:
		return snap.byEnd
	case ByTitle:
		return snap.byTitle
	}
	return snap.byStart
}

// liveOrderOf is orderOf without the concerts that ended before today (Unix
// seconds), made once per snapshot and day: lists hide ended concerts by
// default, and they were 40 % of a walk. The last few days are kept.
func (snap *snapshot) liveOrderOf(f OrderField, today int64) []int32 {
	key := liveKey{field: f, today: today}
	snap.liveMu.Lock()
	defer snap.liveMu.Unlock()
	if order, ok := snap.live[key]; ok {
		return order
	}
	all := snap.orderOf(f)
	order := make([]int32, 0, len(all))
	for _, i := range all {
		if snap.hot[i].end >= today {
			order = append(order, i)
		}
	}
	if snap.live == nil || len(snap.live) >= maxLiveOrders {
		snap.live = map[liveKey][]int32{}
	}
	snap.live[key] = order
	return order
}

// maxLiveOrders bounds liveOrderOf's lists: three orders for two days.
const maxLiveOrders = 6

// compareTo orders entry e against a cursor of the order, ascending.
func compareTo(e *entry, f OrderField, c *pager.Cursor) int {
	var v int
	switch f {
	case ByEndDate:
		t, _ := c.Value.(time.Time)
		v = e.end.Compare(t)
	case ByTitle:
		s, _ := c.Value.(string)
		v = strings.Compare(e.title, s)
	default:
		t, _ := c.Value.(time.Time)
		v = e.start.Compare(t)
	}
	if v != 0 {
		return v
	}
	return cmp.Compare(e.id, c.ID)
}

// browseSnapshot answers Browse from the snapshot: the concerts that pass
// are found and counted in memory, and only the page's rows are read.
func (s *Service) browseSnapshot(ctx context.Context, snap *snapshot, c *criteria, order *Order, args pager.Args) (*ent.ConcertConnection, error) {
	key, value, err := order.key()
	if err != nil {
		return nil, err
	}
	plan, err := pager.New(args, key)
	if err != nil {
		return nil, err
	}
	text := snap.textMatches(c)
	ascending := snap.orderOf(order.Field)
	if c.hideEnded {
		ascending = snap.liveOrderOf(order.Field, seconds(c.today))
	}
	desc := order.Direction == entgql.OrderDirectionDesc
	m := snap.matcher(c)
	passed := make([]int32, 0, 64)
	for k := range ascending {
		i := ascending[k]
		if desc {
			i = ascending[len(ascending)-1-k]
		}
		if (text == nil || text.has(i)) && m.matches(&snap.hot[i]) {
			passed = append(passed, i)
		}
	}
	window := plan.Window(len(passed), func(k int, cur *pager.Cursor) int {
		v := compareTo(&snap.entries[passed[k]], order.Field, cur)
		if desc {
			return -v
		}
		return v
	})
	ids := make([]int, len(window))
	for k, w := range window {
		ids[k] = snap.entries[passed[w]].id
	}
	rows, err := s.concertsInOrder(ctx, ids)
	if err != nil {
		return nil, err
	}
	if len(rows) < len(ids) {
		// Another process deleted a concert since the snapshot was taken:
		// this page is not kept, and the next request reads a new snapshot.
		s.model.generation.Bump()
	}
	rows, cursors, info := pager.Finish(plan, rows, func(c *ent.Concert) pager.Cursor {
		return pager.Cursor{ID: c.ID, Value: value(c)}
	})
	conn := &ent.ConcertConnection{Edges: make([]*ent.ConcertEdge, len(rows)), PageInfo: info, TotalCount: len(passed)}
	for i, r := range rows {
		conn.Edges[i] = &ent.ConcertEdge{Node: r, Cursor: cursors[i]}
	}
	return conn, nil
}

// concertsInOrder reads the concerts with the ids, in the ids' order, in one
// query; a concert deleted since the snapshot was taken is left out.
func (s *Service) concertsInOrder(ctx context.Context, ids []int) ([]*ent.Concert, error) {
	if len(ids) == 0 {
		return []*ent.Concert{}, nil
	}
	found, err := s.ConcertsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	rows := make([]*ent.Concert, 0, len(ids))
	for _, id := range ids {
		if c, ok := found[id]; ok {
			rows = append(rows, c)
		}
	}
	return rows, nil
}

// suggestSnapshot answers Suggest from the snapshot: concerts not ended whose
// text contains q, title prefix first, then title, cast, venue; then the
// soonest, then by id.
func (s *Service) suggestSnapshot(ctx context.Context, snap *snapshot, text string, limit int) ([]*ent.Concert, error) {
	q := fold(text)
	if q == "" {
		return []*ent.Concert{}, nil
	}
	today := s.Today()
	type found struct {
		rank int
		e    *entry
	}
	best := make([]found, 0, limit+1)
	better := func(a, b found) int {
		if a.rank != b.rank {
			return cmp.Compare(a.rank, b.rank)
		}
		if c := a.e.start.Compare(b.e.start); c != 0 {
			return c
		}
		return cmp.Compare(a.e.id, b.e.id)
	}
	for _, i := range snap.text.match(q) {
		e := &snap.entries[i]
		if e.end.Before(today) {
			continue
		}
		f := found{rank: snap.text.rank(i, q), e: e}
		if len(best) == limit && better(f, best[limit-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(best, f, better)
		best = slices.Insert(best, at, f)
		if len(best) > limit {
			best = best[:limit]
		}
	}
	ids := make([]int, len(best))
	for k, f := range best {
		ids[k] = f.e.id
	}
	return s.concertsInOrder(ctx, ids)
}
