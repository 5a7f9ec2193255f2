package importer_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/kopis/kopistest"
	"github.com/claco/claco/internal/testdb"
)

// dump is what an import stored, by KOPIS id, in a comparable form.
func dump(t *testing.T, db *database.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for id, c := range concerts(t, db) {
		var scores []string
		for _, s := range c.Edges.KeywordScores {
			scores = append(scores, fmt.Sprintf("%s=%.4f%v", s.Edges.Keyword.Key, s.Score, s.Evidence))
		}
		slices.Sort(scores)
		out[id] = fmt.Sprintf("%s|%s|%v|%v|%v|%s", c.Title, c.Venue, c.Prices, ptr(c.MinPrice), c.BookingLinks, strings.Join(scores, ","))
	}
	return out
}

// The batch size changes how many records share a transaction, not what is
// stored or counted.
func TestBatchSizeChangesNothing(t *testing.T) {
	var want map[string]string
	for _, size := range []int{1, 0} {
		db := testdb.Open(t)
		fsys := fixtures(t)
		im := newImporter(t, db, firstRun)
		im.BatchSize = size
		sum, err := im.ImportFS(context.Background(), fsys)
		if err != nil {
			t.Fatal(err)
		}
		expectSummary(t, sum, "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed")
		got := dump(t, db)
		if want == nil {
			want = got
		} else if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("batch size %d stored something else", size)
		}
		edit(t, fsys, "detail/PF070000.xml", "&lt;현대음악 앙상블 신작&gt;", "&lt;비발디 사계&gt;")
		im = newImporter(t, db, secondRun)
		im.BatchSize = size
		sum, err = im.ImportFS(context.Background(), fsys)
		if err != nil {
			t.Fatal(err)
		}
		expectSummary(t, sum, "imported 0 new, 1 updated, 149 unchanged, 0 skipped, 0 failed")
	}
}

// A concert whose row cannot be written fails alone, also when it was to be
// written with others in one statement.
func TestBadConcertFailsAloneInABatch(t *testing.T) {
	db := testdb.Open(t)
	db.Concert.Use(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if id, _ := m.(*ent.ConcertMutation).KopisID(); id == "PF070004" && m.Op().Is(ent.OpCreate) {
				return nil, errors.New("refused")
			}
			return next.Mutate(ctx, m)
		})
	})
	im := newImporter(t, db, firstRun)
	im.BatchSize = 10
	sum, err := im.ImportFS(context.Background(), fixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	expectSummary(t, sum, "imported 149 new, 0 updated, 0 unchanged, 0 skipped, 1 failed")
	got := concerts(t, db)
	if _, ok := got["PF070004"]; ok || len(got) != 149 {
		t.Fatalf("%d concerts, PF070004 among them: %v", len(got), ok)
	}
	for _, c := range got {
		topKeyword(t, c) // every concert written kept its keyword rows
	}
}

// A second import of an unchanged catalogue reads it a batch at a time and
// writes nothing; the first writes each batch's concerts in one statement.
func TestImportStatements(t *testing.T) {
	db := testdb.Open(t)
	fsys := fixtures(t)
	before := db.Statements()
	importFS(t, db, fsys, firstRun)
	// The keywords; per batch the stored concerts and their scores, the new
	// concerts, their ids; per concert its keyword rows.
	if n := db.Statements() - before; n > 1+4+150 {
		t.Errorf("first import: %d statements for 150 concerts", n)
	}
	before = db.Statements()
	expectSummary(t, importFS(t, db, fsys, secondRun), "imported 0 new, 0 updated, 150 unchanged, 0 skipped, 0 failed")
	if n := db.Statements() - before; n > 3 {
		t.Errorf("unchanged import: %d statements, want 3 (keywords, concerts, their scores)", n)
	}
}

// The same concert twice (a detail file that names another listed concert)
// is written once, then updated, as if imported one record at a time.
func TestSameConcertTwiceInABatch(t *testing.T) {
	db := testdb.Open(t)
	fsys := fixtures(t)
	edit(t, fsys, "detail/PF070000.xml", "<mt20id>PF070000</mt20id>", "<mt20id>PF070001</mt20id>")
	expectSummary(t, importFS(t, db, fsys, firstRun), "imported 149 new, 1 updated, 0 unchanged, 0 skipped, 0 failed")
	n, err := db.Concert.Query().Where(concert.KopisID("PF070001")).Count(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("%d rows for PF070001 (%v)", n, err)
	}
}

// Details fetched concurrently are imported in list order: the summary, the
// stored concerts and even their row order do not depend on the concurrency.
func TestImportAPIConcurrency(t *testing.T) {
	var want []string
	for _, concurrency := range []int{1, 8} {
		db := testdb.Open(t)
		fsys := fixtures(t)
		delete(fsys, "detail/PF070005.xml") // fails
		srv := kopistest.New(t, fsys, key)
		im := newImporter(t, db, firstRun)
		im.Concurrency, im.BatchSize = concurrency, 7
		var progress [][2]int
		im.Progress = func(done, total int) { progress = append(progress, [2]int{done, total}) }
		sum, err := im.ImportAPI(context.Background(), apiClient(t, srv), wholeSeason(t, nil))
		if err != nil {
			t.Fatal(err)
		}
		expectSummary(t, sum, "imported 149 new, 0 updated, 0 unchanged, 0 skipped, 1 failed")
		if len(progress) != 151 || progress[0] != [2]int{0, 150} || progress[150] != [2]int{150, 150} {
			t.Fatalf("progress %v", progress)
		}
		for i, p := range progress {
			if p[0] != i {
				t.Fatalf("progress %v", progress)
			}
		}
		rows, err := db.Concert.Query().Order(concert.ByID()).Select(concert.FieldKopisID).Strings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = rows
		} else if !slices.Equal(rows, want) {
			t.Fatalf("concurrency %d stored the concerts in another order", concurrency)
		}
	}
}

// Cancelling an import stops it; the fetches it started end with it.
func TestImportAPICancelled(t *testing.T) {
	db := testdb.Open(t)
	srv := kopistest.New(t, fixtures(t), key)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	im := newImporter(t, db, firstRun)
	im.Concurrency, im.BatchSize = 4, 10
	im.Progress = func(done, total int) {
		if done == 35 {
			cancel()
		}
	}
	sum, err := im.ImportAPI(ctx, apiClient(t, srv), wholeSeason(t, nil))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v, %v", sum, err)
	}
	if n := db.Concert.Query().CountX(context.Background()); n != sum.New || sum.New < 30 || sum.New > 40 {
		t.Fatalf("%d concerts stored, summary %v", n, sum)
	}
}

// Generated catalogues import like the demo one.
func TestGeneratedCatalogue(t *testing.T) {
	fsys, err := kopistest.Generate(200)
	if err != nil {
		t.Fatal(err)
	}
	db := testdb.Open(t)
	srv := kopistest.New(t, fsys, key)
	im := newImporter(t, db, firstRun)
	im.Concurrency = 4
	sum, err := im.ImportAPI(context.Background(), apiClient(t, srv), wholeSeason(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	expectSummary(t, sum, "imported 200 new, 0 updated, 0 unchanged, 0 skipped, 0 failed")
	expectSummary(t, importFS(t, db, fsys, secondRun), "imported 0 new, 0 updated, 200 unchanged, 0 skipped, 0 failed")
}
