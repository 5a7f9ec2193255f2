package kopis_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/claco/claco/internal/concertinfo"
	"github.com/claco/claco/internal/demo"
	"github.com/claco/claco/internal/kopis"
)

func fmtAny(v ...any) string { return fmt.Sprint(v...) }

// fixtures is the demo catalogue: list/, detail/ and MANIFEST.json.
func fixtures(t testing.TB) fs.FS {
	t.Helper()
	sub, err := fs.Sub(demo.FS, "kopis")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(fixtures(t), name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func manifest(t testing.TB) []demo.Fact {
	t.Helper()
	m, err := demo.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 150 {
		t.Fatalf("manifest has %d concerts, want 150", len(m))
	}
	return m
}

func seatPrices(f demo.Fact) []concertinfo.SeatPrice {
	var out []concertinfo.SeatPrice
	for _, s := range f.Seats {
		out = append(out, concertinfo.SeatPrice{Seat: s[0].(string), Price: int(s[1].(float64))})
	}
	return out
}

func TestParseListFixtures(t *testing.T) {
	pages := map[string]int{"list/CCCA-p1.xml": 100, "list/CCCA-p2.xml": 8, "list/BBBC-p1.xml": 42}
	byID := map[string]kopis.ListItem{}
	for name, want := range pages {
		items, err := kopis.ParseList(readFixture(t, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(items) != want {
			t.Fatalf("%s: %d rows, want %d", name, len(items), want)
		}
		for _, it := range items {
			byID[it.ID] = it
		}
	}
	for _, m := range manifest(t) {
		it, ok := byID[m.ID]
		if !ok {
			t.Errorf("%s not listed", m.ID)
			continue
		}
		// Titles hold escaped &, < and >; they come back as written.
		if it.Title != m.Title || it.From != m.From || it.To != m.To || it.Area != m.Area {
			t.Errorf("%s: list row %q %s..%s %s, manifest %q %s..%s %s", m.ID, it.Title, it.From, it.To, it.Area, m.Title, m.From, m.To, m.Area)
		}
		if it.Poster == "" || it.Venue == "" || it.GenreName == "" || it.State == "" {
			t.Errorf("%s: list row lost a field: %+v", m.ID, it)
		}
	}
	first := byID["PF070001"]
	if first.Title != "라온 심포니 오케스트라 & 신년음악회 왈츠와 폴카" || bool(first.OpenRun) || first.State != "공연예정" {
		t.Errorf("PF070001 = %+v", first)
	}
}

func TestParseDetailFixture(t *testing.T) {
	d, err := kopis.ParseDetail(readFixture(t, "detail/PF070000.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := &kopis.Detail{
		ID:            "PF070000",
		Title:         "새봄 필하모닉 오케스트라 송년음악회 <현대음악 앙상블 신작>",
		From:          "2027.02.28",
		To:            "2027.02.28",
		Venue:         "롯데콘서트홀 (롯데콘서트홀)",
		Cast:          "조예준, 이도윤, 최하은, 신유준",
		Runtime:       "2시간 10분",
		Age:           "초등학생 이상 관람가",
		PriceGuidance: "전석 무료",
		Poster:        "http://www.kopis.or.kr/upload/pfmPoster/PF_PF070000_270228_100000.jpg",
		Area:          "서울특별시",
		GenreName:     "서양음악(클래식)",
		UpdateDate:    "2027-01-06 10:00:00",
		State:         "공연예정",
		IntroImages: []string{
			"http://www.kopis.or.kr/upload/pfmIntroImage/PF_PF070000_270228_0.jpg",
			"http://www.kopis.or.kr/upload/pfmIntroImage/PF_PF070000_270228_1.jpg",
		},
		Schedule: "화요일 ~ 수요일(15:00), 토요일(14:00,17:00)",
	}
	// Blank elements (a single space: prfcrew, entrpsnm*, sty) read as empty.
	if !reflect.DeepEqual(d, want) {
		t.Fatalf("detail =\n%+v\nwant\n%+v", d, want)
	}
}

func TestParseDetailFieldVariants(t *testing.T) {
	split, err := kopis.ParseDetail(readFixture(t, "detail/PF070011.xml"))
	if err != nil {
		t.Fatal(err)
	}
	gotSplit := [5]string{split.Producer, split.ProducerPlanning, split.ProducerAgency, split.ProducerHost, split.ProducerSponsor}
	if wantSplit := [5]string{"(주)미리내아트", "(주)미리내아트", "", "(주)미리내아트", "(주)미리내아트"}; gotSplit != wantSplit {
		t.Errorf("PF070011 producer fields = %q, want %q", gotSplit, wantSplit)
	}
	long, err := kopis.ParseDetail(readFixture(t, "detail/PF070009.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(long.Cast) <= 255 || !strings.HasSuffix(long.Cast, "박지호11") {
		t.Errorf("PF070009 cast cut: %d bytes", len(long.Cast))
	}
	if long.Producer != "(주)새봄아트" || len(long.Relates) != 1 ||
		long.Relates[0] != (kopis.Relate{Name: "예스24", URL: "https://ticket.yes24.com/Perf/82021083"}) {
		t.Errorf("PF070009 producer/relates = %q %+v", long.Producer, long.Relates)
	}
	for id, images := range map[string]int{"PF070020": 0, "PF070007": 0, "PF070002": 3} {
		d, err := kopis.ParseDetail(readFixture(t, "detail/"+id+".xml"))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.IntroImages) != images {
			t.Errorf("%s: %d intro images, want %d", id, len(d.IntroImages), images)
		}
	}
	flags, err := kopis.ParseDetail([]byte(`<dbs><db><mt20id>PF1</mt20id><openrun>Y</openrun><visit>Y</visit><child>Y</child>` +
		`<daehakro>Y</daehakro><festival>Y</festival><musicallicense>Y</musicallicense><musicalcreate>Y</musicalcreate>` +
		`<mt10id>FC001247</mt10id></db></dbs>`))
	if err != nil {
		t.Fatal(err)
	}
	if !flags.OpenRun || !flags.Visit || !flags.Child || !flags.Daehakro || !flags.Festival || !flags.MusicalLicense || !flags.MusicalCreate || flags.FacilityID != "FC001247" {
		t.Errorf("Y flags / mt10id not decoded: %+v", flags)
	}
}

// Every detail agrees with the manifest once its text fields are parsed.
func TestDetailFixturesMatchManifest(t *testing.T) {
	for _, m := range manifest(t) {
		d, err := kopis.ParseDetail(readFixture(t, "detail/"+m.ID+".xml"))
		if err != nil {
			t.Fatalf("%s: %v", m.ID, err)
		}
		p := kopis.ParsePrices(d.PriceGuidance)
		if !reflect.DeepEqual(p.Seats, seatPrices(m)) || p.Free != m.Free {
			t.Errorf("%s: %q parsed to %v free=%v; manifest %v free=%v", m.ID, d.PriceGuidance, p.Seats, p.Free, seatPrices(m), m.Free)
		}
		if p.Min == nil || p.Max == nil {
			t.Errorf("%s: %q has no min/max", m.ID, d.PriceGuidance)
		}
		if !reflect.DeepEqual(d.IntroImages, m.Images) && (len(d.IntroImages) != 0 || len(m.Images) != 0) {
			t.Errorf("%s: intro images %v, manifest %v", m.ID, d.IntroImages, m.Images)
		}
		var relates [][2]string
		for _, r := range d.Relates {
			relates = append(relates, [2]string{r.Name, r.URL})
		}
		if !reflect.DeepEqual(relates, m.Relates) && (len(relates) != 0 || len(m.Relates) != 0) {
			t.Errorf("%s: relates %v, manifest %v", m.ID, relates, m.Relates)
		}
		if d.Area != m.Area || d.Title != m.Title {
			t.Errorf("%s: area/title %q %q, manifest %q %q", m.ID, d.Area, d.Title, m.Area, m.Title)
		}
		if _, err := kopis.ParseUpdateDate(d.UpdateDate); err != nil {
			t.Errorf("%s: %v", m.ID, err)
		}
		if _, ok := kopis.GenreOfName(d.GenreName); !ok {
			t.Errorf("%s: genre %q unknown", m.ID, d.GenreName)
		}
	}
}

func TestParseErrorEnvelope(t *testing.T) {
	data, err := os.ReadFile("testdata/errors/invalid-key.xml")
	if err != nil {
		t.Fatal(err)
	}
	for name, parse := range map[string]func([]byte) error{
		"list":   func(b []byte) error { _, err := kopis.ParseList(b); return err },
		"detail": func(b []byte) error { _, err := kopis.ParseDetail(b); return err },
	} {
		err := parse(data)
		var apiErr *kopis.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%s: error %v is not an APIError", name, err)
		}
		if apiErr.Code != "02" || apiErr.Message != "SERVICE KEY IS NOT REGISTERED ERROR." {
			t.Fatalf("%s: APIError = %+v", name, apiErr)
		}
		if !strings.Contains(err.Error(), "02") || !strings.Contains(err.Error(), "SERVICE KEY IS NOT REGISTERED") {
			t.Fatalf("%s: message %q lacks code or text", name, err)
		}
	}
	// The envelope may also come as a bare <db> root.
	_, err = kopis.ParseList([]byte(`<?xml version="1.0"?><db><returncode>99</returncode><errmsg>SYSTEM ERROR</errmsg></db>`))
	var apiErr *kopis.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "99" {
		t.Fatalf("bare envelope: %v", err)
	}
}

func TestParseEmptyPage(t *testing.T) {
	data, err := os.ReadFile("testdata/errors/empty.xml")
	if err != nil {
		t.Fatal(err)
	}
	items, err := kopis.ParseList(data)
	if err != nil || len(items) != 0 {
		t.Fatalf("empty page = %v, %v; want no rows and no error", items, err)
	}
	if _, err := kopis.ParseDetail(data); !errors.Is(err, kopis.ErrNotFound) {
		t.Fatalf("empty detail = %v, want ErrNotFound", err)
	}
}

func TestParseTruncated(t *testing.T) {
	data, err := os.ReadFile("testdata/errors/truncated.xml")
	if err != nil {
		t.Fatal(err)
	}
	if items, err := kopis.ParseList(data); err == nil {
		t.Fatalf("truncated list parsed: %v", items)
	}
	if d, err := kopis.ParseDetail(data); err == nil {
		t.Fatalf("truncated detail parsed: %+v", d)
	}
	for _, bad := range []string{"", "   ", "<html><body>502 Bad Gateway</body></html>", "<dbs></dbs><dbs></dbs>", "<dbs></dbs> junk"} {
		if _, err := kopis.ParseList([]byte(bad)); err == nil {
			t.Errorf("ParseList(%q) accepted", bad)
		}
	}
}
