package catalogue

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/pager"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/testdb"
)

var keywordKeys = []string{"grand", "delicate", "classical", "modern", "lyrical", "dynamic", "romantic", "tragic", "familiar", "novel"}

// randomCatalogue writes n concerts with varied dates (a third ended),
// places, genres, prices (some unknown, some free), texts and keyword
// scores.
func randomCatalogue(t *testing.T, db *ent.Client, ref *reference.Set, r *rand.Rand, today time.Time, n int) {
	t.Helper()
	ctx := context.Background()
	words := []string{"베토벤", "교향곡", "말러", "Mahler", "mahler", "밤", "피아노", "리사이틀", "발레", "호두까기", "인형", "gala", "100%", "봄의 제전", "가", "오케스트라"}
	regions := reference.Static.Regions.List
	phrase := func(k int) string {
		var parts []string
		for range k {
			parts = append(parts, words[r.IntN(len(words))])
		}
		return strings.Join(parts, " ")
	}
	for i := range n {
		start := today.AddDate(0, 0, r.IntN(120)-60)
		end := start.AddDate(0, 0, r.IntN(40))
		region := regions[r.IntN(len(regions))]
		area := region.Areas[r.IntN(len(region.Areas))]
		create := db.Concert.Create().
			SetKopisID(fmt.Sprintf("PFT%06d", i)).
			SetTitle(phrase(1 + r.IntN(3))).
			SetCastText(phrase(r.IntN(3))).
			SetVenue(phrase(1)).
			SetStartDate(start).
			SetEndDate(end).
			SetArea(area).
			SetGenre([]concert.Genre{concert.GenreCLASSICAL, concert.GenreDANCE}[r.IntN(2)])
		switch r.IntN(4) {
		case 0: // prices unknown
		case 1:
			create.SetIsFree(true).SetMinPrice(0).SetMaxPrice(0)
		default:
			low := 10_000 * r.IntN(10)
			create.SetMinPrice(low).SetMaxPrice(low + 10_000*r.IntN(10))
		}
		c := create.SaveX(ctx)
		for _, key := range keywordKeys {
			if r.IntN(4) == 0 {
				k, _ := ref.KeywordByKey(key)
				score := []float64{0, 0.2, 0.5, 0.9}[r.IntN(4)]
				db.ConcertKeyword.Create().SetConcertID(c.ID).SetKeywordID(k.ID).SetScore(score).SetEvidence([]string{}).SaveX(ctx)
			}
		}
	}
}

func randomFilter(r *rand.Rand, today time.Time) *Filter {
	f := &Filter{KeywordMatch: MatchAny}
	pick := func() bool { return r.IntN(3) == 0 }
	if pick() {
		q := []string{"베토벤", "말러", "MAHLER", "밤", "가", "봄의", "100%", "리사", "없는말", "토벤 교", "l"}[r.IntN(11)]
		f.Query = &q
	}
	if pick() {
		f.Genres = []concert.Genre{[]concert.Genre{concert.GenreCLASSICAL, concert.GenreDANCE}[r.IntN(2)]}
	}
	if pick() {
		regions := reference.Static.Regions.List
		f.Regions = []string{regions[r.IntN(len(regions))].Label}
	}
	if pick() {
		from := today.AddDate(0, 0, r.IntN(60)-30)
		f.From = &from
		if pick() {
			to := from.AddDate(0, 0, r.IntN(30))
			f.To = &to
		}
	}
	if r.IntN(10) == 0 { // the ends of what a Date can be
		from, to := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		f.From, f.To = &from, &to
	}
	if pick() {
		f.Keywords = []string{keywordKeys[r.IntN(10)], keywordKeys[r.IntN(10)]}
		if pick() {
			f.KeywordMatch = MatchAll
		}
	}
	if pick() {
		p := 10_000 * r.IntN(10)
		if r.IntN(2) == 0 {
			f.MinPrice = &p
		} else {
			f.MaxPrice = &p
		}
	}
	if pick() {
		f.States = []State{[]State{Upcoming, Ongoing, Ended}[r.IntN(3)]}
	}
	if pick() {
		yes := r.IntN(2) == 0
		f.IncludeEnded = &yes
	}
	return f
}

func ids(conn *ent.ConcertConnection) []int {
	out := make([]int, len(conn.Edges))
	for i, e := range conn.Edges {
		out[i] = e.Node.ID
	}
	return out
}

// The snapshot answers every filter, order and page exactly as the
// database does: the same concerts, total, cursors and page info. The
// database's answer comes from the same criteria rendered as SQL.
func TestSnapshotPagesAsTheDatabaseDoes(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	ref, err := reference.Load(ctx, db.Client)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	s := New(db.Client, ref, func() time.Time { return now })
	r := rand.New(rand.NewPCG(1, 2))
	randomCatalogue(t, db.Client, ref, r, s.Today(), 300)
	snap, err := s.snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	orders := []OrderField{ByStartDate, ByEndDate, ByTitle}
	nonEmpty := 0
	for n := range 150 {
		filter := randomFilter(r, s.Today())
		order := &Order{Field: orders[r.IntN(len(orders))], Direction: []entgql.OrderDirection{entgql.OrderDirectionAsc, entgql.OrderDirectionDesc}[r.IntN(2)]}
		c, err := s.compile(filter, "filter", false)
		if err != nil {
			t.Fatal(err)
		}
		key, value, _ := order.key()
		size := 1 + r.IntN(7)
		args := pager.Args{First: &size}
		if r.IntN(3) == 0 {
			args = pager.Args{Last: &size}
		}
		// Walk the whole list, page by page, both ways at once.
		for page := 0; page < 100; page++ {
			want, err := s.page(ctx, db.Client.Concert.Query().Where(c.predicates()...), args, key, value, true)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.browseSnapshot(ctx, snap, c, order, args)
			if err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("case %d page %d: filter %+v order %v args first=%v last=%v", n, page, *filter, *order, args.First != nil, args.Last != nil)
			if !slices.Equal(ids(got), ids(want)) || got.TotalCount != want.TotalCount {
				t.Fatalf("%s:\nsnapshot %v (total %d)\ndatabase %v (total %d)", where, ids(got), got.TotalCount, ids(want), want.TotalCount)
			}
			if got.PageInfo.HasNextPage != want.PageInfo.HasNextPage || got.PageInfo.HasPreviousPage != want.PageInfo.HasPreviousPage {
				t.Fatalf("%s: page info %+v, database %+v", where, got.PageInfo, want.PageInfo)
			}
			if want.TotalCount > 0 {
				nonEmpty++
			}
			if args.First != nil && want.PageInfo.HasNextPage {
				args.After = want.PageInfo.EndCursor
			} else if args.Last != nil && want.PageInfo.HasPreviousPage {
				args.Before = want.PageInfo.StartCursor
			} else {
				break
			}
		}
	}
	if nonEmpty < 100 {
		t.Fatalf("only %d pages had concerts: the random filters test little", nonEmpty)
	}
}

// Suggestions rank as documented: title starts with the text, then title,
// cast, venue contain it (case-insensitively, wildcards literal); then the
// soonest; ended concerts never. The expectation is worked out over all
// concerts, by brute force.
func TestSuggestionsRankAsDocumented(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	ref, err := reference.Load(ctx, db.Client)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	s := New(db.Client, ref, func() time.Time { return now })
	r := rand.New(rand.NewPCG(3, 4))
	randomCatalogue(t, db.Client, ref, r, s.Today(), 300)
	all := db.Client.Concert.Query().AllX(ctx)
	for _, q := range []string{"베토벤", "토벤", "MAHLER", "Mahler", "밤", "가", "봄의 제전", "의 제", "100%", "%", "l", "gala 밤", "없는말"} {
		for _, limit := range []int{1, 5, 20} {
			got, err := s.Suggest(ctx, q, limit)
			if err != nil {
				t.Fatal(err)
			}
			want := bruteForceSuggestions(all, q, limit, s.Today())
			if g, w := concertIDs(got), concertIDs(want); !slices.Equal(g, w) {
				t.Fatalf("%q limit %d: got %v, want %v", q, limit, g, w)
			}
		}
	}
}

func concertIDs(cs []*ent.Concert) []int {
	out := make([]int, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func bruteForceSuggestions(all []*ent.Concert, q string, limit int, today time.Time) []*ent.Concert {
	q = strings.ToLower(q)
	rank := func(c *ent.Concert) int {
		title := strings.ToLower(c.Title)
		switch {
		case strings.HasPrefix(title, q):
			return 0
		case strings.Contains(title, q):
			return 1
		case strings.Contains(strings.ToLower(c.CastText), q):
			return 2
		case strings.Contains(strings.ToLower(c.Venue), q):
			return 3
		}
		return -1
	}
	var out []*ent.Concert
	for _, c := range all {
		if rank(c) >= 0 && !c.EndDate.Before(today) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *ent.Concert) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		if c := a.StartDate.Compare(b.StartDate); c != 0 {
			return c
		}
		return a.ID - b.ID
	})
	return out[:min(limit, len(out))]
}

// A concert written in a transaction shows once the transaction commits,
// even when the catalogue was read between the write and the commit (which
// then could not see it).
func TestSnapshotSeesWhatATransactionCommitted(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	ref, err := reference.Load(ctx, db.Client)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	s := New(db.Client, ref, func() time.Time { return now })
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx.Concert.Create().SetKopisID("PFTX").SetTitle("커밋 뒤").SetStartDate(s.Today()).SetEndDate(s.Today()).
		SetGenre(concert.GenreCLASSICAL).SaveX(ctx)
	query := "커밋"
	before, err := s.Browse(ctx, pager.Args{}, &Filter{Query: &query}, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if before.TotalCount != 0 {
		t.Fatalf("an uncommitted concert shows: %d", before.TotalCount)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	after, err := s.Browse(ctx, pager.Args{}, &Filter{Query: &query}, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if after.TotalCount != 1 || len(after.Edges) != 1 {
		t.Fatalf("after the commit: %d concerts", after.TotalCount)
	}
}
