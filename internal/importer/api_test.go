package importer_test

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/kopis"
	"github.com/claco/claco/internal/kopis/kopistest"
	"github.com/claco/claco/internal/testdb"
)

const key = "test-service-key"

func apiClient(t testing.TB, srv *kopistest.Server) *kopis.Client {
	c := kopis.NewClient(srv.URL, key)
	c.Backoff = time.Millisecond
	c.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	return c
}

func importerQuery(from, to time.Time, genres []string) importer.Query {
	return importer.Query{From: from, To: to, Genres: genres}
}

func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// wholeSeason spans every fixture period: nine months, split into windows.
func wholeSeason(t testing.TB, genres []string) importer.Query {
	return importerQuery(day(t, "2026-09-01"), day(t, "2027-05-31"), genres)
}

func TestImportAPI(t *testing.T) {
	db := testdb.Open(t)
	srv := kopistest.New(t, fixtures(t), key)
	api := apiClient(t, srv)
	q := wholeSeason(t, nil)
	sum, err := newImporter(t, db, firstRun).ImportAPI(context.Background(), api, q)
	if err != nil {
		t.Fatal(err)
	}
	expectSummary(t, sum, "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed")
	got := concerts(t, db)
	for _, m := range manifest(t) {
		c, ok := got[m.ID]
		if !ok || c.Area != m.Area || len(c.IntroImageUrls) != len(m.Images) || len(c.BookingLinks) != len(m.Relates) {
			t.Errorf("%s: imported as %+v", m.ID, c)
			continue
		}
		if top := topKeyword(t, c); top != m.Mood {
			t.Errorf("%s: top keyword %s, manifest %s", m.ID, top, m.Mood)
		}
	}
	sum, err = newImporter(t, db, secondRun).ImportAPI(context.Background(), api, q)
	if err != nil {
		t.Fatal(err)
	}
	expectSummary(t, sum, "imported 0 new, 0 updated, 150 unchanged, 0 skipped, 0 failed")
}

func TestImportAPIByGenreAndPeriod(t *testing.T) {
	db := testdb.Open(t)
	srv := kopistest.New(t, fixtures(t), key)
	sum, err := newImporter(t, db, firstRun).ImportAPI(context.Background(), apiClient(t, srv),
		importerQuery(day(t, "2026-12-01"), day(t, "2026-12-31"), []string{kopis.CodeDance}))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, m := range manifest(t) {
		if m.Genre == "BBBC" && m.From <= "2026.12.31" && m.To >= "2026.12.01" {
			want++
		}
	}
	if sum.New != want || sum.Failed != 0 || want == 0 {
		t.Fatalf("December dance: %v, want %d new", sum, want)
	}
	for id, c := range concerts(t, db) {
		if c.Genre != "DANCE" {
			t.Errorf("%s: %s imported by a dance query", id, c.Genre)
		}
	}
}

func TestImportAPISince(t *testing.T) {
	db := testdb.Open(t)
	fsys := fixtures(t)
	srv := kopistest.New(t, fsys, key)
	since := time.Date(2027, 1, 1, 0, 0, 0, 0, kopis.Seoul)
	want := 0
	for _, m := range manifest(t) {
		data, err := fs.ReadFile(fsys, "detail/"+m.ID+".xml")
		if err != nil {
			t.Fatal(err)
		}
		d, err := kopis.ParseDetail(data)
		if err != nil {
			t.Fatal(err)
		}
		if d.UpdateDate >= "2027-01-01 00:00:00" {
			want++
		}
	}
	if want == 0 || want == 150 {
		t.Fatalf("the fixtures do not test since: %d of 150 updated since %v", want, since)
	}
	q := wholeSeason(t, nil)
	q.Since = since
	sum, err := newImporter(t, db, firstRun).ImportAPI(context.Background(), apiClient(t, srv), q)
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != want || sum.Updated+sum.Unchanged+sum.Failed != 0 {
		t.Fatalf("since %v: %v, want %d new", since, sum, want)
	}
	for id, c := range concerts(t, db) {
		if c.KopisUpdatedAt.Before(since) {
			t.Errorf("%s updated %v, before since", id, c.KopisUpdatedAt)
		}
	}
}

func TestImportAPIMissingDetailFailsAlone(t *testing.T) {
	db := testdb.Open(t)
	fsys := fixtures(t)
	delete(fsys, "detail/PF070005.xml") // KOPIS answers an empty <dbs> for it
	srv := kopistest.New(t, fsys, key)
	sum, err := newImporter(t, db, firstRun).ImportAPI(context.Background(), apiClient(t, srv),
		wholeSeason(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	expectSummary(t, sum, "imported 149 new, 0 updated, 0 unchanged, 0 skipped, 1 failed")
}

func TestImportAPIWrongKeyStops(t *testing.T) {
	db := testdb.Open(t)
	srv := kopistest.New(t, fixtures(t), "the-real-key")
	_, err := newImporter(t, db, firstRun).ImportAPI(context.Background(), apiClient(t, srv),
		wholeSeason(t, nil))
	var apiErr *kopis.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "02" {
		t.Fatalf("wrong key: %v, want the KOPIS error 02", err)
	}
	if strings.Contains(err.Error(), key) {
		t.Fatalf("error shows the key: %v", err)
	}
	if n := db.Concert.Query().CountX(context.Background()); n != 0 {
		t.Fatalf("%d concerts imported with a wrong key", n)
	}
}

func TestImportAPIRejectsBadQueries(t *testing.T) {
	db := testdb.Open(t)
	srv := kopistest.New(t, fixtures(t), key)
	im := newImporter(t, db, firstRun)
	if _, err := im.ImportAPI(context.Background(), apiClient(t, srv), importerQuery(day(t, "2026-12-01"), day(t, "2026-11-01"), nil)); err == nil {
		t.Error("a period ending before it starts was accepted")
	}
	if _, err := im.ImportAPI(context.Background(), apiClient(t, srv), importerQuery(day(t, "2026-11-01"), day(t, "2026-12-01"), []string{kopis.CodeClassical, "AAAA"})); err == nil {
		t.Error("theatre (AAAA) was accepted as a genre")
	}
	if len(srv.Requests()) != 0 {
		t.Errorf("bad queries reached KOPIS: %v", srv.Requests())
	}
}
