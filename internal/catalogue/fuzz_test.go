package catalogue

// Fuzz targets for the concert filter's validation and normalisation and
// the catalogue's enums. The seed corpus is the filters the API documents;
// crashers the fuzzer found are kept in testdata/fuzz. .ci/fuzz runs each
// target for a bounded time.

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/testdb"
)

// list splits a fuzzed string into list entries, one a line.
func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// FuzzFilter: a filter is refused exactly when it breaks a documented
// limit (a search text over 100 characters, an unknown region or keyword,
// more than 10 keywords or 50 regions or areas after duplicates are
// dropped, a window that ends before it starts, a negative price or a
// maximum below the minimum), always as BAD_USER_INPUT naming a field at
// fault; an accepted filter keeps each list entry once, in first-seen
// order, and its predicates build SQL.
func FuzzFilter(f *testing.F) {
	db := testdb.Open(f)
	ref, err := reference.Load(context.Background(), db.Client)
	if err != nil {
		f.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	s := New(db.Client, ref, func() time.Time { return now })

	f.Add("mahler", "grand\nclassical", "서울\n강원", "서울특별시", int64(0), int64(50000), true, true, int16(0), int16(30), true, true, "UPCOMING\nONGOING", uint8(0), true, false)
	f.Add("  MAHLER hall ", "", "", "", int64(-1), int64(0), true, false, int16(10), int16(5), true, true, "ENDED", uint8(1), false, false)
	f.Add(strings.Repeat("가", 101), "loud", "평양", "", int64(10), int64(5), true, true, int16(0), int16(0), false, false, "", uint8(2), true, true)
	f.Add(" "+strings.Repeat("a", 100)+" ", "grand\ngrand\ngrand", "서울\n서울", "a\na\nb", int64(0), int64(0), false, true, int16(-3), int16(-3), true, true, "", uint8(2), false, true)
	f.Add("100%_", "grand\ndelicate\nclassical\nmodern\nlyrical\ndynamic\nromantic\ntragic\nfamiliar\nnovel\ngrand", "", "", int64(0), int64(-5), false, true, int16(0), int16(0), false, false, "", uint8(0), false, false)

	f.Fuzz(func(t *testing.T, query, keywords, regions, areas string, minPrice, maxPrice int64, hasMin, hasMax bool,
		fromDay, toDay int16, hasFrom, hasTo bool, states string, includeEnded uint8, hasQuery, all bool,
	) {
		filter := &Filter{Keywords: list(keywords), Regions: list(regions), Areas: list(areas), KeywordMatch: MatchAny}
		if all {
			filter.KeywordMatch = MatchAll
		}
		if hasQuery {
			filter.Query = &query
		}
		lo, hi := int(minPrice), int(maxPrice)
		if hasMin {
			filter.MinPrice = &lo
		}
		if hasMax {
			filter.MaxPrice = &hi
		}
		from, to := Today(now).AddDate(0, 0, int(fromDay)), Today(now).AddDate(0, 0, int(toDay))
		if hasFrom {
			filter.From = &from
		}
		if hasTo {
			filter.To = &to
		}
		for _, st := range list(states) {
			var state State
			if state.UnmarshalGQL(st) == nil {
				filter.States = append(filter.States, state)
			}
		}
		switch includeEnded % 3 {
		case 1:
			yes := true
			filter.IncludeEnded = &yes
		case 2:
			no := false
			filter.IncludeEnded = &no
		}
		in := *filter
		in.Keywords, in.Regions, in.Areas = list(keywords), list(regions), list(areas)

		// What the API documents as invalid, by the field at fault.
		faults := map[string]bool{}
		if hasQuery && utf8.RuneCountInString(strings.TrimSpace(query)) > maxQueryChars {
			faults["filter.query"] = true
		}
		if len(distinct(in.Keywords)) > reference.KeywordCount {
			faults["filter.keywords"] = true
		}
		for _, k := range in.Keywords {
			if _, ok := ref.KeywordByKey(k); !ok {
				faults["filter.keywords"] = true
			}
		}
		if len(distinct(in.Regions)) > maxPlaces {
			faults["filter.regions"] = true
		}
		for _, r := range in.Regions {
			if _, ok := reference.RegionAreas(r); !ok {
				faults["filter.regions"] = true
			}
		}
		if len(distinct(in.Areas)) > maxPlaces {
			faults["filter.areas"] = true
		}
		if hasFrom && hasTo && to.Before(from) {
			faults["filter.to"] = true
		}
		if hasMin && lo < 0 {
			faults["filter.minPrice"] = true
		}
		if hasMax && (hi < 0 || hasMin && hi < lo) {
			faults["filter.maxPrice"] = true
		}

		ps, err := s.predicates(filter, "filter", false)
		if err != nil {
			var e *apperr.Error
			if !errors.As(err, &e) || e.Code != apperr.BadUserInput {
				t.Fatalf("refused with %#v, want BAD_USER_INPUT", err)
			}
			if !faults[e.Field] {
				t.Fatalf("refused on %q (%s), faults are %v", e.Field, e.Message, faults)
			}
			return
		}
		if len(faults) > 0 {
			t.Fatalf("accepted a filter with faults %v", faults)
		}
		for name, pair := range map[string][2][]string{
			"keywords": {filter.Keywords, in.Keywords}, "regions": {filter.Regions, in.Regions}, "areas": {filter.Areas, in.Areas},
		} {
			if got, want := pair[0], distinct(pair[1]); strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
				t.Fatalf("%s %q normalised to %q, want %q", name, pair[1], got, want)
			}
		}
		sel := sql.Select("*").From(sql.Table(concert.Table))
		for _, p := range ps {
			p(sel)
		}
		if _, _ = sel.Query(); sel.Err() != nil {
			t.Fatalf("predicates do not build: %v", sel.Err())
		}
	})
}

// distinct is values without repeats, first seen first.
func distinct(values []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// FuzzEnums: the catalogue's enums accept exactly their values (a keyword
// match also null, meaning ANY) and write back what they read.
func FuzzEnums(f *testing.F) {
	for _, s := range []string{"ANY", "ALL", "any", "START_DATE", "END_DATE", "TITLE", "LIKE_COUNT", "REVIEW_COUNT", "UPCOMING", "ONGOING", "ENDED", "", "\"ANY\""} {
		f.Add(s, false)
	}
	f.Add("", true)
	f.Fuzz(func(t *testing.T, s string, null bool) {
		var v any = s
		if null {
			v = nil
		}
		type enum interface {
			UnmarshalGQL(any) error
		}
		var (
			match KeywordMatch
			field OrderField
			state State
			dir   entgql.OrderDirection
		)
		for _, c := range []struct {
			e     enum
			valid []string
			write func() string
		}{
			{&match, []string{"ANY", "ALL"}, func() string { var b bytes.Buffer; match.MarshalGQL(&b); return b.String() }},
			{&field, []string{"START_DATE", "END_DATE", "TITLE", "LIKE_COUNT", "REVIEW_COUNT"}, func() string { var b bytes.Buffer; field.MarshalGQL(&b); return b.String() }},
			{&state, []string{"UPCOMING", "ONGOING", "ENDED"}, func() string { var b bytes.Buffer; state.MarshalGQL(&b); return b.String() }},
			{&dir, []string{"ASC", "DESC"}, func() string { var b bytes.Buffer; dir.MarshalGQL(&b); return b.String() }},
		} {
			err := c.e.UnmarshalGQL(v)
			want, read := !null && contains(c.valid, s), s
			if c.e == enum(&match) && null {
				want, read = true, "ANY"
			}
			if (err == nil) != want {
				t.Fatalf("%T.UnmarshalGQL(%#v): %v", c.e, v, err)
			}
			if err == nil {
				if got := c.write(); got != strconv.Quote(read) {
					t.Fatalf("%T read %#v, writes %s", c.e, v, got)
				}
			}
		}
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
