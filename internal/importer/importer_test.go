package importer_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/internal/concertinfo"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/kopis"
	"github.com/claco/claco/internal/softdelete"
	"github.com/claco/claco/internal/testdb"
)

func TestSummaryLine(t *testing.T) {
	s := importer.Summary{New: 3, Updated: 2, Unchanged: 1, Failed: 4}
	if got := s.String(); got != "imported 3 new, 2 updated, 1 unchanged, 0 skipped, 4 failed" {
		t.Fatalf("summary %q", got)
	}
}

// A record outside classical music and dance is skipped, not failed.
func TestRecordsOutsideClassicalAndDanceAreSkipped(t *testing.T) {
	db := testdb.Open(t)
	im := &importer.Importer{DB: db.Client, Now: func() time.Time { return firstRun }}
	gugak := importer.Record{Detail: &kopis.Detail{ID: "PF999001", Title: "국악 한마당", From: "2026.12.01", To: "2026.12.02", GenreName: "한국음악(국악)"}}
	outcome, err := im.ImportRecord(context.Background(), gugak)
	if err != nil || outcome != importer.Skipped {
		t.Fatalf("국악 record: %v, %v", outcome, err)
	}
	var sum importer.Summary
	sum.Add(outcome)
	expectSummary(t, sum, "imported 0 new, 0 updated, 0 unchanged, 1 skipped, 0 failed")
	if n := db.Concert.Query().CountX(context.Background()); n != 0 {
		t.Fatalf("a skipped record wrote %d concerts", n)
	}
}

func TestImportFixtures(t *testing.T) {
	db := testdb.Open(t)
	expectSummary(t, importFS(t, db, fixtures(t), firstRun), "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed")
	got := concerts(t, db)
	if len(got) != 150 {
		t.Fatalf("%d concerts, want 150", len(got))
	}
	for _, m := range manifest(t) {
		c, ok := got[m.ID]
		if !ok {
			t.Errorf("%s missing", m.ID)
			continue
		}
		var seats []concertinfo.SeatPrice
		lo, hi := 0, 0
		for i, s := range m.Seats {
			p := int(s[1].(float64))
			seats = append(seats, concertinfo.SeatPrice{Seat: s[0].(string), Price: p})
			if i == 0 || p < lo {
				lo = p
			}
			hi = max(hi, p)
		}
		if !slices.Equal(c.Prices, seats) || c.IsFree != m.Free || c.MinPrice == nil || *c.MinPrice != lo || c.MaxPrice == nil || *c.MaxPrice != hi {
			t.Errorf("%s: prices %v free=%v min=%v max=%v; manifest %v free=%v", m.ID, c.Prices, c.IsFree, ptr(c.MinPrice), ptr(c.MaxPrice), seats, m.Free)
		}
		var links []concertinfo.BookingLink
		for _, r := range m.Relates {
			links = append(links, concertinfo.BookingLink{Name: r[0], URL: r[1]})
		}
		if !slices.Equal(c.BookingLinks, links) || !slices.Equal(c.IntroImageUrls, m.Images) {
			t.Errorf("%s: links %v images %v; manifest %v %v", m.ID, c.BookingLinks, c.IntroImageUrls, links, m.Images)
		}
		wantGenre := map[string]concert.Genre{"CCCA": concert.GenreCLASSICAL, "BBBC": concert.GenreDANCE}[m.Genre]
		if c.Area != m.Area || c.Title != m.Title || c.Genre != wantGenre ||
			c.StartDate.Format("2006.01.02") != m.From || c.EndDate.Format("2006.01.02") != m.To {
			t.Errorf("%s: %q %s %s %s..%s; manifest %q %s %s %s..%s", m.ID, c.Title, c.Area, c.Genre,
				c.StartDate.Format(time.DateOnly), c.EndDate.Format(time.DateOnly), m.Title, m.Area, m.Genre, m.From, m.To)
		}
		if top := topKeyword(t, c); top != m.Mood {
			t.Errorf("%s: top keyword %s, manifest mood %s", m.ID, top, m.Mood)
		}
		if c.ImportedAt == nil || !c.ImportedAt.Equal(firstRun) || c.KopisUpdatedAt == nil {
			t.Errorf("%s: imported_at %v kopis_updated_at %v", m.ID, c.ImportedAt, c.KopisUpdatedAt)
		}
	}
}

func TestImportFillsEveryField(t *testing.T) {
	db := testdb.Open(t)
	importFS(t, db, fixtures(t), firstRun)
	got := concerts(t, db)

	c := got["PF070011"] // split producer fields, one of them blank
	checks := []struct {
		field string
		got   any
		want  any
	}{
		{"producer", ptr(c.Producer), "(주)미리내아트"},
		{"producer_planning", ptr(c.ProducerPlanning), "(주)미리내아트"},
		{"producer_agency", ptr(c.ProducerAgency), nil},
		{"producer_host", ptr(c.ProducerHost), "(주)미리내아트"},
		{"producer_sponsor", ptr(c.ProducerSponsor), "(주)미리내아트"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("PF070011 %s = %v, want %v", ch.field, ch.got, ch.want)
		}
	}

	p := got["PF070000"]
	seoul := time.Date(2027, 1, 6, 1, 0, 0, 0, time.UTC) // 2027-01-06 10:00:00 in Seoul
	wantFields := []struct {
		field string
		got   any
		want  any
	}{
		{"title", p.Title, "새봄 필하모닉 오케스트라 송년음악회 <현대음악 앙상블 신작>"},
		{"venue", p.Venue, "롯데콘서트홀 (롯데콘서트홀)"},
		{"genre_name", p.GenreName, "서양음악(클래식)"},
		{"kopis_state", p.KopisState, "공연예정"},
		{"open_run", p.OpenRun, false},
		{"poster_url", ptr(p.PosterURL), "http://www.kopis.or.kr/upload/pfmPoster/PF_PF070000_270228_100000.jpg"},
		{"synopsis", ptr(p.Synopsis), nil}, // blank in KOPIS
		{"cast_text", p.CastText, "조예준, 이도윤, 최하은, 신유준"},
		{"crew_text", p.CrewText, ""},
		{"runtime", ptr(p.Runtime), "2시간 10분"},
		{"runtime_minutes", ptr(p.RuntimeMinutes), 130},
		{"age_limit", ptr(p.AgeLimit), "초등학생 이상 관람가"},
		{"producer", ptr(p.Producer), nil},
		{"price_guidance", ptr(p.PriceGuidance), "전석 무료"},
		{"is_free", p.IsFree, true},
		{"min_price", ptr(p.MinPrice), 0},
		{"max_price", ptr(p.MaxPrice), 0},
		{"schedule_guidance", ptr(p.ScheduleGuidance), "화요일 ~ 수요일(15:00), 토요일(14:00,17:00)"},
		{"visit", p.Visit, false},
		{"kopis_updated_at", p.KopisUpdatedAt.UTC(), seoul},
	}
	// Without an LLM the summary is composed from the concert's facts and keywords.
	if p.Summary == nil || utf8.RuneCountInString(*p.Summary) < 50 || utf8.RuneCountInString(*p.Summary) > 100 || !strings.Contains(*p.Summary, "롯데콘서트홀") {
		t.Errorf("PF070000 summary = %v, want 50-100 characters about the concert", ptr(p.Summary))
	}
	for _, ch := range wantFields {
		if ch.got != ch.want {
			t.Errorf("PF070000 %s = %v, want %v", ch.field, ch.got, ch.want)
		}
	}
	long := got["PF070009"]
	if len(long.CastText) <= 255 || !strings.HasSuffix(long.CastText, "박지호11") {
		t.Errorf("long cast stored as %d bytes: %q", len(long.CastText), long.CastText)
	}
	if got["PF070001"].Synopsis == nil || got["PF070001"].RuntimeMinutes == nil {
		t.Errorf("PF070001 synopsis/runtime missing")
	}
}

func TestSecondImportChangesNothing(t *testing.T) {
	db := testdb.Open(t)
	fsys := fixtures(t)
	importFS(t, db, fsys, firstRun)
	before := concerts(t, db)
	expectSummary(t, importFS(t, db, fsys, secondRun), "imported 0 new, 0 updated, 150 unchanged, 0 skipped, 0 failed")
	for id, c := range concerts(t, db) {
		if !c.ImportedAt.Equal(firstRun) || !c.UpdatedAt.Equal(before[id].UpdatedAt) {
			t.Fatalf("%s was written again: imported_at %v updated_at %v -> %v", id, c.ImportedAt, before[id].UpdatedAt, c.UpdatedAt)
		}
	}
}

func TestChangedRecordIsUpdated(t *testing.T) {
	db := testdb.Open(t)
	fsys := fixtures(t)
	importFS(t, db, fsys, firstRun)
	oldScores, err := db.ConcertKeyword.Query().Where(concertkeyword.HasConcertWith(concert.KopisID("PF070000"))).IDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	// KOPIS changed the program and the prices of one concert and blanked the
	// synopsis of another.
	edit(t, fsys, "detail/PF070000.xml", "<pcseguidance>전석 무료</pcseguidance>", "<pcseguidance>R석 50,000원 / S석 30,000원</pcseguidance>")
	edit(t, fsys, "detail/PF070000.xml", "&lt;현대음악 앙상블 신작&gt;", "&lt;비발디 사계&gt;")
	edit(t, fsys, "detail/PF070000.xml", "<updatedate>2027-01-06 10:00:00</updatedate>", "<updatedate>2027-01-08 15:30:00</updatedate>")
	edit(t, fsys, "detail/PF070001.xml", "<sty>신년음악회 왈츠와 폴카 프로그램으로 꾸민 무대. 웅장한 오케스트라의 매력을 전합니다.</sty>", "<sty> </sty>")
	expectSummary(t, importFS(t, db, fsys, secondRun), "imported 0 new, 2 updated, 148 unchanged, 0 skipped, 0 failed")

	got := concerts(t, db)
	c := got["PF070000"]
	want := []concertinfo.SeatPrice{{Seat: "R석", Price: 50000}, {Seat: "S석", Price: 30000}}
	if !slices.Equal(c.Prices, want) || c.IsFree || *c.MinPrice != 30000 || *c.MaxPrice != 50000 {
		t.Errorf("PF070000 prices %v free=%v min=%v max=%v", c.Prices, c.IsFree, *c.MinPrice, *c.MaxPrice)
	}
	if !strings.HasSuffix(c.Title, "<비발디 사계>") || !c.ImportedAt.Equal(secondRun) ||
		!c.KopisUpdatedAt.Equal(time.Date(2027, 1, 8, 6, 30, 0, 0, time.UTC)) {
		t.Errorf("PF070000 title %q imported_at %v kopis_updated_at %v", c.Title, c.ImportedAt, c.KopisUpdatedAt)
	}
	if top := topKeyword(t, c); top != "familiar" {
		t.Errorf("PF070000 now plays Vivaldi's Four Seasons: top keyword %s, want familiar", top)
	}
	for _, s := range c.Edges.KeywordScores {
		if slices.Contains(oldScores, s.ID) {
			t.Errorf("PF070000 keeps its old keyword row %d", s.ID)
		}
	}
	if got["PF070001"].Synopsis != nil {
		t.Errorf("PF070001 synopsis %q survived KOPIS blanking it", *got["PF070001"].Synopsis)
	}
	if !got["PF070002"].ImportedAt.Equal(firstRun) {
		t.Errorf("an unchanged concert was rewritten")
	}
}

func TestDeletedConcertIsNotRevived(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	fsys := fixtures(t)
	importFS(t, db, fsys, firstRun)
	deleted := concerts(t, db)["PF070001"]
	if err := db.Concert.DeleteOne(deleted).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	// Even a concert KOPIS changed stays deleted.
	edit(t, fsys, "detail/PF070001.xml", "<pcseguidance>전석 20,000원</pcseguidance>", "<pcseguidance>전석 25,000원</pcseguidance>")
	expectSummary(t, importFS(t, db, fsys, secondRun), "imported 0 new, 0 updated, 150 unchanged, 0 skipped, 0 failed")
	if _, ok := concerts(t, db)["PF070001"]; ok {
		t.Fatal("the deleted concert is live again")
	}
	n, err := db.Concert.Query().Where(concert.KopisID("PF070001")).Count(softdelete.IncludeDeleted(ctx))
	if err != nil || n != 1 {
		t.Fatalf("%d rows for PF070001 (%v), want the one deleted row", n, err)
	}
}

func TestBadRecordFailsAlone(t *testing.T) {
	db := testdb.Open(t)
	fsys := fixtures(t)
	truncated := fsys["detail/PF070002.xml"].Data
	fsys["detail/PF070002.xml"] = &fstest.MapFile{Data: truncated[:len(truncated)/2]}
	edit(t, fsys, "detail/PF070004.xml", "<prfpdfrom>2026.10.22</prfpdfrom>", "<prfpdfrom>2026.10.32</prfpdfrom>")
	expectSummary(t, importFS(t, db, fsys, firstRun), "imported 148 new, 0 updated, 0 unchanged, 0 skipped, 2 failed")
	got := concerts(t, db)
	if _, ok := got["PF070002"]; ok {
		t.Error("the concert with a truncated detail was imported")
	}
	if _, ok := got["PF070004"]; ok {
		t.Error("the concert with an impossible date was imported")
	}
	if len(got) != 148 {
		t.Errorf("%d concerts, want 148", len(got))
	}
}

func TestFailureRollsBackTheWholeConcert(t *testing.T) {
	db := testdb.Open(t)
	// The first keyword row written fails, after its concert row was inserted.
	var calls int
	db.ConcertKeyword.Use(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if m.Op().Is(ent.OpCreate) {
				if calls++; calls == 1 {
					return nil, context.DeadlineExceeded
				}
			}
			return next.Mutate(ctx, m)
		})
	})
	expectSummary(t, importFS(t, db, fixtures(t), firstRun), "imported 149 new, 0 updated, 0 unchanged, 0 skipped, 1 failed")
	got := concerts(t, db)
	if len(got) != 149 {
		t.Fatalf("%d concerts, want 149: the failed concert's row must be rolled back", len(got))
	}
	if _, ok := got["PF070002"]; ok {
		t.Fatal("PF070002, whose keyword row failed, is in the table")
	}
	for _, c := range got {
		topKeyword(t, c)
	}
}

func TestListRowWithoutDetail(t *testing.T) {
	db := testdb.Open(t)
	fsys := fixtures(t)
	delete(fsys, "detail/PF070005.xml")
	expectSummary(t, importFS(t, db, fsys, firstRun), "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed")
	c := concerts(t, db)["PF070005"]
	if c == nil {
		t.Fatal("PF070005 not imported from its list row")
	}
	if c.Title == "" || c.Area == "" || c.Venue == "" || c.PosterURL == nil || c.KopisState == "" || c.StartDate.IsZero() {
		t.Errorf("list fields missing: %+v", c)
	}
	if len(c.Prices) != 0 || c.MinPrice != nil || c.IsFree || c.CastText != "" || c.KopisUpdatedAt != nil || c.Synopsis != nil {
		t.Errorf("detail fields invented: %+v", c)
	}
	topKeyword(t, c)
}

func TestDetailWithoutListRow(t *testing.T) {
	db := testdb.Open(t)
	fsys := fixtures(t)
	for name := range fsys {
		if strings.HasPrefix(name, "list/") {
			delete(fsys, name)
		}
	}
	expectSummary(t, importFS(t, db, fsys, firstRun), "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed")
}

func TestEmptyDirectoryIsAnError(t *testing.T) {
	db := testdb.Open(t)
	if _, err := newImporter(t, db, firstRun).ImportFS(context.Background(), fstest.MapFS{}); err == nil {
		t.Fatal("a directory without KOPIS files imported fine")
	}
	fsys := fixtures(t)
	fsys["list/CCCA-p1.xml"] = &fstest.MapFile{Data: []byte("<dbs><db><mt20id>PF")}
	if _, err := newImporter(t, db, firstRun).ImportFS(context.Background(), fsys); err == nil {
		t.Fatal("a truncated list page imported fine")
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	db := testdb.Open(t)
	im := newImporter(t, db, firstRun)
	im.DryRun = true
	sum, err := im.ImportFS(context.Background(), fixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	expectSummary(t, sum, "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed")
	if n := db.Concert.Query().CountX(context.Background()); n != 0 {
		t.Fatalf("dry run wrote %d concerts", n)
	}
	if n := db.ConcertKeyword.Query().CountX(context.Background()); n != 0 {
		t.Fatalf("dry run wrote %d keyword scores", n)
	}
}

func TestLoadDemo(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	sum, err := importer.LoadDemo(ctx, db.Client, firstRun)
	if err != nil {
		t.Fatal(err)
	}
	expectSummary(t, sum, "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed")
	sum, err = importer.LoadDemo(ctx, db.Client, secondRun)
	if err != nil || sum != (importer.Summary{}) {
		t.Fatalf("second LoadDemo = %v, %v; want nothing done", sum, err)
	}
	if n := db.Concert.Query().CountX(ctx); n != 150 {
		t.Fatalf("%d concerts after two LoadDemo, want 150", n)
	}
}

func TestLoadDemoLeavesDeletedDataAlone(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	c := db.Concert.Create().SetKopisID("PF000001").SetTitle("지난 공연").SetGenre(concert.GenreCLASSICAL).
		SetStartDate(firstRun).SetEndDate(firstRun).SaveX(ctx)
	db.Concert.DeleteOne(c).ExecX(ctx)
	sum, err := importer.LoadDemo(ctx, db.Client, firstRun)
	if err != nil || sum != (importer.Summary{}) {
		t.Fatalf("LoadDemo over a deleted concert = %v, %v", sum, err)
	}
	if n := db.Concert.Query().CountX(ctx); n != 0 {
		t.Fatalf("demo loaded into a used database: %d live concerts", n)
	}
}

func TestUnseededKeywordsAreAnError(t *testing.T) {
	db, err := database.Open(testdb.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, err = newImporter(t, db, firstRun).ImportFS(context.Background(), fixtures(t))
	if err == nil || !strings.Contains(err.Error(), "seed") {
		t.Fatalf("import without keywords: %v", err)
	}
}
