package importer_test

import (
	"context"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/demo"
	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/keywordscore"
)

var (
	firstRun  = time.Date(2026, 11, 1, 3, 0, 0, 0, time.UTC)
	secondRun = time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)
)

func at(t time.Time) func() time.Time { return func() time.Time { return t } }

// fixtures is the demo catalogue as a mutable in-memory copy.
func fixtures(t testing.TB) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(demo.FS, "kopis", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(demo.FS, p)
		if err != nil {
			return err
		}
		out[strings.TrimPrefix(p, "kopis/")] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// edit replaces old by new in one fixture file, which must contain it.
func edit(t testing.TB, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f, ok := fsys[name]
	if !ok || !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
}

func manifest(t testing.TB) []demo.Fact {
	t.Helper()
	m, err := demo.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// newImporter returns an importer stamping now whose log goes to the test's output.
func newImporter(t testing.TB, db *database.DB, now time.Time) *importer.Importer {
	im := importer.New(db.Client, at(now))
	im.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	return im
}

func importFS(t testing.TB, db *database.DB, fsys fs.FS, now time.Time) importer.Summary {
	t.Helper()
	sum, err := newImporter(t, db, now).ImportFS(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func expectSummary(t testing.TB, got importer.Summary, want string) {
	t.Helper()
	if got.String() != want {
		t.Fatalf("summary %q, want %q", got, want)
	}
}

// concerts returns the live concerts by KOPIS id, with their keyword scores.
func concerts(t testing.TB, db *database.DB) map[string]*ent.Concert {
	t.Helper()
	all, err := db.Concert.Query().
		WithKeywordScores(func(q *ent.ConcertKeywordQuery) { q.WithKeyword() }).
		All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]*ent.Concert, len(all))
	for _, c := range all {
		out[c.KopisID] = c
	}
	return out
}

// topKeyword returns the key of a concert's highest keyword score and checks
// that it has one score per pair, each in 0.1..1.
func topKeyword(t testing.TB, c *ent.Concert) string {
	t.Helper()
	if len(c.Edges.KeywordScores) != keywordscore.Count/2 {
		t.Fatalf("%s: %d keyword scores, want one per pair", c.KopisID, len(c.Edges.KeywordScores))
	}
	pairs := map[int]bool{}
	best := c.Edges.KeywordScores[0]
	for _, s := range c.Edges.KeywordScores {
		if s.Score < 0.1 || s.Score > 1 {
			t.Fatalf("%s: %s scored %v", c.KopisID, s.Edges.Keyword.Key, s.Score)
		}
		if pairs[s.Edges.Keyword.Pair] {
			t.Fatalf("%s: two scores in pair %d", c.KopisID, s.Edges.Keyword.Pair)
		}
		pairs[s.Edges.Keyword.Pair] = true
		if s.Score > best.Score {
			best = s
		}
	}
	return best.Edges.Keyword.Key
}

func ptr[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
