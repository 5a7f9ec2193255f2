package pager

// Fuzz targets for cursor decoding and page-argument validation. The seed
// corpus is cursors as the server writes them for every kind of sort value,
// plus broken ones; crashers the fuzzer found are kept in testdata/fuzz.
// .ci/fuzz runs each target for a bounded time.

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"testing"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/internal/apperr"
)

// keyOf is a key of the kind, ordering by a column.
func keyOf(kind ValueKind) Key {
	if kind == NoValue {
		return Key{}
	}
	return Key{Expr: Column("v"), Kind: kind}
}

var kinds = []ValueKind{NoValue, TimeValue, StringValue, IntValue, FloatValue}

// encode writes a cursor the way the GraphQL layer does, without the quotes.
func encode(t testing.TB, c Cursor) string {
	var b bytes.Buffer
	c.MarshalGQL(&b)
	s, err := strconv.Unquote(b.String())
	if err != nil {
		t.Fatalf("cursor %q: %v", b.String(), err)
	}
	return s
}

// FuzzCursorRoundTrip: a cursor the server writes, for any row id and any
// sort value of the order's kind, decodes to the same row and value and is
// accepted by the order it came from.
func FuzzCursorRoundTrip(f *testing.F) {
	f.Add(1, "베토벤 교향곡", int64(3), 4.5, int64(1_795_000_000_000_000_000))
	f.Add(0, "", int64(0), 0.0, int64(0))
	f.Add(-7, "\x00", int64(-1), -0.5, int64(-62135596800_000_000_0))
	f.Add(math.MaxInt, "a\"b\\c", int64(math.MaxInt64), math.MaxFloat64, int64(math.MaxInt64))
	f.Add(math.MinInt, "\xff", int64(math.MinInt64), math.SmallestNonzeroFloat64, int64(math.MinInt64))
	f.Fuzz(func(t *testing.T, id int, s string, n int64, x float64, nanos int64) {
		day := time.Unix(0, nanos).UTC().Truncate(24 * time.Hour)
		values := map[ValueKind]any{NoValue: nil, TimeValue: day, StringValue: s, IntValue: n, FloatValue: x}
		for _, kind := range kinds {
			if kind == FloatValue && (math.IsNaN(x) || math.IsInf(x, 0)) {
				continue // no row sorts by these
			}
			if kind == TimeValue && (day.Year() < 1 || day.Year() > 9999) {
				continue
			}
			orig := Cursor{ID: id, Value: values[kind]}
			var back Cursor
			if err := back.UnmarshalGQL(encode(t, orig)); err != nil {
				t.Fatalf("kind %d: cursor %+v does not decode: %v", kind, orig, err)
			}
			p, err := New(Args{After: &back, Before: &back}, keyOf(kind))
			if err != nil {
				t.Fatalf("kind %d: cursor %+v (decoded %#v) refused: %v", kind, orig, back.Value, err)
			}
			for _, got := range []*Cursor{p.after, p.before} {
				if got.ID != id || !sameValue(got.Value, orig.Value) {
					t.Fatalf("kind %d: cursor %+v came back as %+v", kind, orig, *got)
				}
			}
		}
	})
}

func sameValue(a, b any) bool {
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb) && ta.Location() == time.UTC
	}
	if s, ok := b.(string); ok {
		// Strings reach the driver as they were, invalid UTF-8 and all.
		sa, ok := a.(string)
		return ok && sa == s
	}
	return a == b
}

// FuzzCursorDecode: any text either fails to decode as a cursor (without
// a panic: DecodeCursor is what the GraphQL layer checks cursors with), or decodes
// to one that every order either refuses as bad input on the cursor's
// argument, or accepts with a value of the type the SQL drivers take (a UTC
// time within years 1..9999, a string, an int64, a finite float64, or none);
// an accepted cursor written again decodes to the same cursor.
func FuzzCursorDecode(f *testing.F) {
	for _, c := range []Cursor{
		{ID: 1}, {ID: 42, Value: time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC)}, {ID: 3, Value: "가곡의 밤"},
		{ID: 9, Value: int64(12)}, {ID: 5, Value: 3.5}, {ID: 6, Value: []any{1, "a"}}, {ID: 7, Value: map[string]any{"a": 1}},
		{ID: 8, Value: math.NaN()}, {ID: 9, Value: math.Inf(-1)}, {ID: 10, Value: time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{ID: 11, Value: uint64(math.MaxUint64)}, {ID: 12, Value: true}, {ID: 13, Value: float32(2.5)}, {ID: 14, Value: []byte{1}},
	} {
		f.Add(encode(f, c))
	}
	for _, s := range []string{"", "=", "gqFpAQ", "gqFpAaF2", "not a cursor", "////", "kQ", "3wAAAAE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := DecodeCursor(s)
		if err != nil {
			return
		}
		for _, kind := range kinds {
			p, err := New(Args{After: &c}, keyOf(kind))
			if err != nil {
				var e *apperr.Error
				if !errors.As(err, &e) || e.Code != apperr.BadUserInput || e.Field != "after" {
					t.Fatalf("kind %d: cursor %+v refused with %#v, want BAD_USER_INPUT on after", kind, c, err)
				}
				continue
			}
			got := p.after
			if got.ID != c.ID {
				t.Fatalf("kind %d: id %d became %d", kind, c.ID, got.ID)
			}
			switch v := got.Value.(type) {
			case nil:
				if kind != NoValue {
					t.Fatalf("kind %d: no value", kind)
				}
			case time.Time:
				if kind != TimeValue || v.Location() != time.UTC || v.Year() < 1 || v.Year() > 9999 {
					t.Fatalf("kind %d: time %v", kind, v)
				}
			case string:
				if kind != StringValue {
					t.Fatalf("kind %d: string %q", kind, v)
				}
			case int64:
				if kind != IntValue {
					t.Fatalf("kind %d: int %d", kind, v)
				}
			case float64:
				if kind != FloatValue || math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("kind %d: float %v", kind, v)
				}
			default:
				t.Fatalf("kind %d: value %#v of type %T", kind, v, v)
			}
			// The accepted cursor survives being written again.
			var back Cursor
			if err := back.UnmarshalGQL(encode(t, *got)); err != nil {
				t.Fatalf("kind %d: cursor %+v written again does not decode: %v", kind, *got, err)
			}
			p2, err := New(Args{After: &back}, keyOf(kind))
			if err != nil || p2.after.ID != got.ID || !sameValue(p2.after.Value, got.Value) {
				t.Fatalf("kind %d: cursor %+v written again came back as %+v, %v", kind, *got, back, err)
			}
			// The predicate it makes builds.
			s := sql.Select("*").From(sql.Table("t"))
			p.Where("id")(s)
			p.Order("id")(s)
			if _, _ = s.Query(); s.Err() != nil {
				t.Fatalf("kind %d: query: %v", kind, s.Err())
			}
		}
	})
}

// FuzzArgs: first and last are accepted exactly when one (or neither) is
// given and it lies in 0..MaxSize; the page is then that size, or
// DefaultSize; refusals are BAD_USER_INPUT on the argument at fault.
func FuzzArgs(f *testing.F) {
	f.Add(20, 0, true, false)
	f.Add(0, 100, false, true)
	f.Add(101, 5, true, true)
	f.Add(-1, -1, false, true)
	f.Add(math.MaxInt, math.MinInt, true, false)
	f.Fuzz(func(t *testing.T, first, last int, hasFirst, hasLast bool) {
		var args Args
		if hasFirst {
			args.First = &first
		}
		if hasLast {
			args.Last = &last
		}
		p, err := New(args, Key{})
		want, field := DefaultSize, ""
		switch {
		case hasFirst && hasLast:
			field = "last"
		case hasFirst:
			want = first
			if first < 0 || first > MaxSize {
				field = "first"
			}
		case hasLast:
			want = last
			if last < 0 || last > MaxSize {
				field = "last"
			}
		}
		if field != "" {
			var e *apperr.Error
			if err == nil || !errors.As(err, &e) || e.Code != apperr.BadUserInput || e.Field != field {
				t.Fatalf("first %v last %v: got %v, want BAD_USER_INPUT on %s", args.First, args.Last, err, field)
			}
			return
		}
		if err != nil {
			t.Fatalf("first %v last %v: %v", args.First, args.Last, err)
		}
		if p.Limit() != want+1 || p.backward != hasLast {
			t.Fatalf("first %v last %v: limit %d backward %v", args.First, args.Last, p.Limit(), p.backward)
		}
	})
}
