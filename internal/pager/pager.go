// Package pager owns Relay cursor pagination over SQL ordered by any
// expression (a column, or a count computed in a subquery), with the row id as
// the tie-breaker. It validates first/last/after/before against the contract
// (default 20, at most 100) and turns them into keyset predicates, so a page
// costs one indexed query however deep it is.
package pager

import (
	"fmt"
	"math"
	"sort"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/internal/apperr"
)

// The contract's page sizes.
const (
	DefaultSize = 20
	MaxSize     = 100
)

// Cursor marks a row in an ordered list: its id and its sort value.
type Cursor = entgql.Cursor[int]

// DecodeCursor reads a cursor as the GraphQL layer does (Cursor.UnmarshalGQL),
// but answers with an error where the msgpack decoder panics on a forged
// cursor (e.g. a map that repeats the value's key).
func DecodeCursor(s string) (c Cursor, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = Cursor{}, fmt.Errorf("cannot decode cursor: %v", r)
		}
	}()
	err = c.UnmarshalGQL(s)
	return c, err
}

// Args are a connection field's paging arguments.
type Args struct {
	First, Last   *int
	After, Before *Cursor
}

// Key is what rows are ordered by: an expression, then the id.
type Key struct {
	// Expr is the sort expression for the selector of the paged table; nil
	// orders by id alone.
	Expr func(s *sql.Selector) sql.Querier
	// Kind says how to read a sort value back from a cursor.
	Kind ValueKind
	// Desc orders from the largest value.
	Desc bool
	// IDDesc orders rows with equal values from the largest id. Ids grow with
	// insertion, so this puts the newest first.
	IDDesc bool
}

// ValueKind is the type of a sort value.
type ValueKind int

// The kinds of sort values.
const (
	// NoValue is the kind of a Key without Expr.
	NoValue ValueKind = iota
	TimeValue
	StringValue
	IntValue
	FloatValue
)

// Plan is a validated page request, ready to be applied to a query.
type Plan struct {
	key      Key
	limit    int
	backward bool
	after    *Cursor
	before   *Cursor
}

// New validates args for ordering by key.
func New(args Args, key Key) (*Plan, error) {
	p := &Plan{key: key, limit: DefaultSize}
	switch {
	case args.First != nil && args.Last != nil:
		return nil, apperr.Invalid("last", "pass first or last, not both")
	case args.First != nil:
		if err := checkSize("first", *args.First); err != nil {
			return nil, err
		}
		p.limit = *args.First
	case args.Last != nil:
		if err := checkSize("last", *args.Last); err != nil {
			return nil, err
		}
		p.limit, p.backward = *args.Last, true
	}
	if key.Expr == nil {
		p.key.Kind = NoValue
	}
	var err error
	if p.after, err = normalize("after", args.After, p.key.Kind); err != nil {
		return nil, err
	}
	if p.before, err = normalize("before", args.Before, p.key.Kind); err != nil {
		return nil, err
	}
	return p, nil
}

func checkSize(field string, n int) error {
	if n < 0 || n > MaxSize {
		return apperr.Invalid(field, "%s must be between 0 and %d", field, MaxSize)
	}
	return nil
}

// normalize checks that a cursor's value has the kind the order needs (a
// cursor from another ordering, or a forged one, is bad input) and converts
// what msgpack decoded into the type the SQL drivers take.
func normalize(field string, c *Cursor, kind ValueKind) (*Cursor, error) {
	if c == nil {
		return nil, nil
	}
	bad := apperr.Invalid(field, "the cursor does not belong to this list or ordering")
	if kind == NoValue {
		if c.Value != nil {
			return nil, bad
		}
		return &Cursor{ID: c.ID}, nil
	}
	// Cursors omit zero values (msgpack omitempty): a missing value is the
	// zero value of the kind.
	var v any
	switch kind {
	case TimeValue:
		t, ok := c.Value.(time.Time)
		if c.Value == nil {
			t, ok = time.Time{}, true
		}
		// No row sorts by a time outside the years SQL dates hold.
		if !ok || t.UTC().Year() < 1 || t.UTC().Year() > 9999 {
			return nil, bad
		}
		v = t.UTC()
	case StringValue:
		s, ok := c.Value.(string)
		if c.Value == nil {
			s, ok = "", true
		}
		if !ok {
			return nil, bad
		}
		v = s
	case IntValue:
		n, ok := asInt64(orZero(c.Value))
		if !ok {
			return nil, bad
		}
		v = n
	case FloatValue:
		f, ok := asFloat64(orZero(c.Value))
		// No row sorts by NaN or an infinity, and SQL cannot compare them.
		if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, bad
		}
		v = f
	}
	return &Cursor{ID: c.ID, Value: v}, nil
}

func orZero(v any) any {
	if v == nil {
		return int64(0)
	}
	return v
}

func asInt64(v any) (int64, bool) {
	switch n := v.(type) {
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case int:
		return int64(n), true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint64:
		if n > math.MaxInt64 {
			return 0, false
		}
		return int64(n), true
	}
	return 0, false
}

func asFloat64(v any) (float64, bool) {
	switch f := v.(type) {
	case float64:
		return f, true
	case float32:
		return float64(f), true
	}
	n, ok := asInt64(v)
	return float64(n), ok
}

// Limit is how many rows to fetch: one more than the page, to learn whether more exist.
func (p *Plan) Limit() int { return p.limit + 1 }

// Where restricts the rows to those between the cursors.
func (p *Plan) Where(idColumn string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		if p.after != nil {
			s.Where(p.beyond(s, idColumn, p.after, false))
		}
		if p.before != nil {
			s.Where(p.beyond(s, idColumn, p.before, true))
		}
	}
}

// beyond is "after c" in the direction of the key, or against it when
// reverse is set: (expr, id) compared as a tuple, each part in its own direction.
func (p *Plan) beyond(s *sql.Selector, idColumn string, c *Cursor, reverse bool) *sql.Predicate {
	id := s.C(idColumn)
	idBeyond := sql.GT(id, c.ID)
	if p.key.IDDesc != reverse {
		idBeyond = sql.LT(id, c.ID)
	}
	if p.key.Expr == nil {
		return idBeyond
	}
	op := sql.OpGT
	if p.key.Desc != reverse {
		op = sql.OpLT
	}
	expr := p.key.Expr(s)
	compare := func(op sql.Op) *sql.Predicate {
		return sql.P().Append(func(b *sql.Builder) { b.Join(expr).WriteOp(op).Arg(c.Value) })
	}
	return sql.Or(compare(op), sql.And(compare(sql.OpEQ), idBeyond))
}

// Order sorts the rows in the direction of travel: from the end when paging
// backward (Finish puts the page back in order).
func (p *Plan) Order(idColumn string) func(*sql.Selector) {
	return func(s *sql.Selector) { s.OrderExpr(p.Terms(s, idColumn)...) }
}

// Terms are the ORDER BY terms of the direction of travel.
func (p *Plan) Terms(s *sql.Selector, idColumn string) []sql.Querier {
	id := sql.Expr(s.C(idColumn))
	if p.key.IDDesc != p.backward {
		id = sql.DescExpr(id)
	}
	if p.key.Expr == nil {
		return []sql.Querier{id}
	}
	expr := p.key.Expr(s)
	if p.key.Desc != p.backward {
		expr = sql.DescExpr(expr)
	}
	return []sql.Querier{expr, id}
}

// Window picks the rows of the page out of a list held in memory, sorted
// in the key's order (the order of a forward page). compare orders row i
// against a cursor: negative when row i comes first. It returns the rows'
// indexes in the direction of travel, at most Limit() of them, as the SQL
// query of Where, Order and Limit would; Finish does the rest.
func (p *Plan) Window(n int, compare func(i int, c *Cursor) int) []int {
	lo, hi := 0, n
	if p.after != nil {
		lo = sort.Search(n, func(i int) bool { return compare(i, p.after) > 0 })
	}
	if p.before != nil {
		hi = max(lo, sort.Search(n, func(i int) bool { return compare(i, p.before) >= 0 }))
	}
	out := make([]int, 0, min(p.Limit(), hi-lo))
	for k := 0; k < hi-lo && len(out) < p.Limit(); k++ {
		if p.backward {
			out = append(out, hi-1-k)
		} else {
			out = append(out, lo+k)
		}
	}
	return out
}

// Finish trims the extra row, restores the order of a backward page and
// returns the page with its cursors and page info.
func Finish[T any](p *Plan, rows []T, cursor func(T) Cursor) ([]T, []Cursor, entgql.PageInfo[int]) {
	var info entgql.PageInfo[int]
	more := len(rows) > p.limit
	if more {
		rows = rows[:p.limit]
	}
	if p.backward {
		for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
			rows[i], rows[j] = rows[j], rows[i]
		}
		info.HasPreviousPage = more
		info.HasNextPage = p.before != nil
	} else {
		info.HasNextPage = more
		info.HasPreviousPage = p.after != nil
	}
	cursors := make([]Cursor, len(rows))
	for i, r := range rows {
		cursors[i] = cursor(r)
	}
	if len(cursors) > 0 {
		info.StartCursor, info.EndCursor = &cursors[0], &cursors[len(cursors)-1]
	}
	return rows, cursors, info
}

// Column is a Key expression for a column of the paged table.
func Column(name string) func(*sql.Selector) sql.Querier {
	return func(s *sql.Selector) sql.Querier { return sql.Expr(s.C(name)) }
}

// NewestFirst pages rows newest first (by id, from the largest), the order of
// logs and admin lists. fetch runs the caller's query restricted by where,
// sorted by order and limited to limit rows; id reads a row's id.
func NewestFirst[T any](args Args, fetch func(where, order func(*sql.Selector), limit int) ([]T, error), id func(T) int) ([]T, []Cursor, entgql.PageInfo[int], error) {
	plan, err := New(args, Key{IDDesc: true})
	if err != nil {
		return nil, nil, entgql.PageInfo[int]{}, err
	}
	rows, err := fetch(plan.Where("id"), plan.Order("id"), plan.Limit())
	if err != nil {
		return nil, nil, entgql.PageInfo[int]{}, err
	}
	rows, cursors, info := Finish(plan, rows, func(row T) Cursor { return Cursor{ID: id(row)} })
	return rows, cursors, info, nil
}
