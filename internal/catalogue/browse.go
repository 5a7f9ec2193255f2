package catalogue

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/likes"
	"github.com/claco/claco/internal/pager"
)

// Browse returns one page of the concerts that pass filter, in order (the
// default order when nil), with their total. Pages are found in the
// catalogue's snapshot, except in orders by like or review counts, which
// change with every like and are paged by the database.
func (s *Service) Browse(ctx context.Context, args pager.Args, filter *Filter, order *Order, wantTotal bool) (*ent.ConcertConnection, error) {
	c, err := s.compile(filter, "filter", false)
	if err != nil {
		return nil, err
	}
	if order == nil {
		order = &DefaultOrder
	}
	key, value, err := order.key()
	if err != nil {
		return nil, err
	}
	if order.Field == ByLikeCount || order.Field == ByReviewCount {
		q := s.reader(ctx).Concert.Query().Where(c.predicates()...)
		return s.page(ctx, q, args, key, value, wantTotal)
	}
	fetch := func() (*ent.ConcertConnection, error) {
		snap, err := s.snapshot(ctx)
		if err != nil {
			return nil, err
		}
		return s.browseSnapshot(ctx, snap, c, order, args)
	}
	pageKey, keyed := s.pageKey(filter, order, args)
	if !keyed {
		return fetch()
	}
	conn, err := cached(s.model, &s.model.pages, pageKey, fetch)
	if err != nil {
		return nil, err
	}
	out := *conn // kept pages are shared
	return &out, nil
}

// LikedBy returns one page of the concerts a member likes, most recently
// liked first. Ended concerts are included unless the filter hides them.
func (s *Service) LikedBy(ctx context.Context, memberID int, args pager.Args, filter *Filter, wantTotal bool) (*ent.ConcertConnection, error) {
	ps, err := s.predicates(filter, "filter", true)
	if err != nil {
		return nil, err
	}
	q := s.db.Concert.Query().Where(likes.LikedByMember(memberID)).Where(ps...)
	return s.page(ctx, q, args, likes.RecentFirst(memberID), selectedSortValue, wantTotal)
}

// page pages a concert query by key; value reads a row's sort value.
func (s *Service) page(ctx context.Context, q *ent.ConcertQuery, args pager.Args, key pager.Key, value func(*ent.Concert) any, wantTotal bool) (*ent.ConcertConnection, error) {
	plan, err := pager.New(args, key)
	if err != nil {
		return nil, err
	}
	conn := &ent.ConcertConnection{Edges: []*ent.ConcertEdge{}}
	if wantTotal {
		if conn.TotalCount, err = q.Clone().Count(ctx); err != nil {
			return nil, err
		}
	}
	rows, err := q.
		Where(plan.Where(concert.FieldID)).
		Order(plan.Order(concert.FieldID), selectComputed(key)).
		Limit(plan.Limit()).
		All(ctx)
	if err != nil {
		return nil, err
	}
	rows, cursors, info := pager.Finish(plan, rows, func(c *ent.Concert) pager.Cursor {
		return pager.Cursor{ID: c.ID, Value: value(c)}
	})
	for i, c := range rows {
		conn.Edges = append(conn.Edges, &ent.ConcertEdge{Node: c, Cursor: cursors[i]})
	}
	conn.PageInfo = info
	return conn, nil
}

// selectComputed selects a computed sort value beside the concert's columns
// so that cursors can carry it. Column sort values are read from the row.
func selectComputed(key pager.Key) func(*sql.Selector) {
	return func(s *sql.Selector) {
		if key.Kind == pager.IntValue {
			s.AppendSelectExprAs(key.Expr(s), sortValueColumn)
		}
	}
}
