package kopis_test

// Fuzz targets for the KOPIS parsers. The seed corpus is the demo catalogue
// (list and detail pages), the real KOPIS details kept by keywordscore, the
// error envelopes in testdata/errors and the seat guidances, runtimes and
// dates those records carry; crashers the fuzzer found are kept in
// testdata/fuzz. .ci/fuzz runs each target for a bounded time.

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/demo"
	"github.com/claco/claco/internal/kopis"
)

// realDetailDir holds real KOPIS detail responses (kept by keywordscore).
const realDetailDir = "../keywordscore/testdata/kopis-real/detail"

// seedDocuments returns KOPIS XML documents to seed the fuzzers with: the
// demo catalogue's list pages and details, the real details and the error
// envelopes.
func seedDocuments(f *testing.F) [][]byte {
	f.Helper()
	var docs [][]byte
	for _, pattern := range []string{"kopis/list/*.xml", "kopis/detail/*.xml"} {
		names, err := fs.Glob(demo.FS, pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			data, err := fs.ReadFile(demo.FS, name)
			if err != nil {
				f.Fatal(err)
			}
			docs = append(docs, data)
		}
	}
	for _, pattern := range []string{filepath.Join(realDetailDir, "*.xml"), "testdata/errors/*.xml"} {
		names, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			docs = append(docs, data)
		}
	}
	if len(docs) < 100 {
		f.Fatalf("only %d seed documents; are the demo catalogue and %s there?", len(docs), realDetailDir)
	}
	// Shapes the fixtures do not show: the envelope as the root, a row
	// without the envelope's code, odd whitespace and flags.
	docs = append(docs,
		[]byte(`<db><returncode>02</returncode><errmsg>SERVICE KEY IS NOT REGISTERED ERROR.</errmsg></db>`),
		[]byte(`<dbs><db><returncode>00</returncode><mt20id> PF1 </mt20id><prfnm>x</prfnm></db></dbs>`),
		[]byte("<dbs>\r\n<db><mt20id>PF2</mt20id><openrun> y </openrun><styurls><styurl> </styurl></styurls><relates><relate><relatenm>a</relatenm><relateurl> </relateurl></relate></relates></db></dbs><!-- c -->\n"),
		[]byte(`<?xml version="1.0" encoding="UTF-8"?><dbs></dbs>trailing`),
		[]byte(`<dbs><db><prfnm>&lt;베토벤&gt; &amp; 브람스</prfnm></db></dbs>`),
	)
	return docs
}

// seedGuidances are the seat guidances of the seed details, plus shapes
// the parser documents.
func seedGuidances(f *testing.F) []string {
	f.Helper()
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, doc := range seedDocuments(f) {
		if d, err := kopis.ParseDetail(doc); err == nil {
			add(d.PriceGuidance)
		}
	}
	for _, s := range []string{
		"R석 100,000원, S석 70,000원", "VIP석 80,000원 / R석 60,000원", "VIP석 80,000원,\nR석 60,000원",
		"전석 20,000원", "전석 무료", "무료", "10000원", "R석 50,000원, 학생석 무료", "추후 공지", "",
		"R석: 50,000원", "R석 -5,000원",
	} {
		add(s)
	}
	return out
}

// FuzzParseList: any bytes either fail to decode (no rows) or decode into
// rows whose every field is valid UTF-8 without surrounding whitespace; the
// rows written back as XML decode to the same rows; an error envelope comes
// back as an *APIError with a failure code.
func FuzzParseList(f *testing.F) {
	for _, doc := range seedDocuments(f) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := kopis.ParseList(data)
		if err != nil {
			if items != nil {
				t.Fatalf("error %v with %d rows", err, len(items))
			}
			checkAPIError(t, err)
			return
		}
		again, err2 := kopis.ParseList(data)
		if err2 != nil || !reflect.DeepEqual(items, again) {
			t.Fatalf("not deterministic: %v / %v", err2, err)
		}
		for i := range items {
			it := &items[i]
			checkTrimmed(t, fmt.Sprintf("row %d", i), it.ID, it.Title, it.From, it.To, it.Venue, it.Poster,
				it.Area, it.GenreName, it.State, it.UpdateDate)
		}
		type page struct {
			XMLName xml.Name         `xml:"dbs"`
			Rows    []kopis.ListItem `xml:"db"`
		}
		out, err := xml.Marshal(page{Rows: items})
		if err != nil {
			t.Fatalf("marshal rows: %v", err)
		}
		back, err := kopis.ParseList(out)
		if err != nil {
			t.Fatalf("rows written back do not parse: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back, items) {
			t.Fatalf("round trip changed the rows:\n got %+v\nwant %+v", back, items)
		}
	})
}

// FuzzParseDetail: like FuzzParseList, for the detail; besides, a detail
// keeps only non-blank intro images and vendor links with a URL, and a
// document without a row is ErrNotFound.
func FuzzParseDetail(f *testing.F) {
	for _, doc := range seedDocuments(f) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := kopis.ParseDetail(data)
		if err != nil {
			if d != nil {
				t.Fatalf("error %v with a detail", err)
			}
			checkAPIError(t, err)
			return
		}
		checkTrimmed(t, "detail", d.ID, d.FacilityID, d.Title, d.From, d.To, d.Venue, d.Cast, d.Crew,
			d.Runtime, d.Age, d.Producer, d.ProducerPlanning, d.ProducerAgency, d.ProducerHost,
			d.ProducerSponsor, d.PriceGuidance, d.Poster, d.Synopsis, d.Area, d.GenreName,
			d.UpdateDate, d.State, d.Schedule)
		for i, u := range d.IntroImages {
			if u == "" {
				t.Fatalf("intro image %d is blank", i)
			}
			checkTrimmed(t, "intro image", u)
		}
		for i, r := range d.Relates {
			if r.URL == "" {
				t.Fatalf("vendor link %d has no URL", i)
			}
			checkTrimmed(t, "vendor link", r.Name, r.URL)
		}
		type page struct {
			XMLName xml.Name       `xml:"dbs"`
			Rows    []kopis.Detail `xml:"db"`
		}
		out, err := xml.Marshal(page{Rows: []kopis.Detail{*d}})
		if err != nil {
			t.Fatalf("marshal detail: %v", err)
		}
		back, err := kopis.ParseDetail(out)
		if err != nil {
			t.Fatalf("detail written back does not parse: %v\n%s", err, out)
		}
		if want := normalDetail(*d); !reflect.DeepEqual(normalDetail(*back), want) {
			t.Fatalf("round trip changed the detail:\n got %+v\nwant %+v", *back, want)
		}
	})
}

// normalDetail reads an empty list and a missing one alike.
func normalDetail(d kopis.Detail) kopis.Detail {
	if len(d.IntroImages) == 0 {
		d.IntroImages = nil
	}
	if len(d.Relates) == 0 {
		d.Relates = nil
	}
	return d
}

func checkAPIError(t *testing.T, err error) {
	t.Helper()
	var apiErr *kopis.APIError
	if errors.As(err, &apiErr) {
		if apiErr.Code == "" || apiErr.Code == "00" || apiErr.Code != strings.TrimSpace(apiErr.Code) {
			t.Fatalf("API error with code %q", apiErr.Code)
		}
		if apiErr.Message != strings.TrimSpace(apiErr.Message) {
			t.Fatalf("API error message %q is not trimmed", apiErr.Message)
		}
	}
	if err.Error() == "" {
		t.Fatal("error without a message")
	}
}

func checkTrimmed(t *testing.T, what string, fields ...string) {
	t.Helper()
	for i, s := range fields {
		if !utf8.ValidString(s) {
			t.Fatalf("%s: field %d is not UTF-8: %q", what, i, s)
		}
		if s != strings.TrimSpace(s) {
			t.Fatalf("%s: field %d keeps surrounding whitespace: %q", what, i, s)
		}
	}
}

// FuzzParsePrices: prices are never negative and fit a GraphQL Int; Min and
// Max are both set or both nil, Min ≤ Max, and they are the lowest and
// highest seat price; a free concert lists no seats and costs 0; seat names
// are never blank; the same guidance always parses the same.
func FuzzParsePrices(f *testing.F) {
	for _, s := range seedGuidances(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, guidance string) {
		p := kopis.ParsePrices(guidance)
		if again := kopis.ParsePrices(guidance); !reflect.DeepEqual(p, again) {
			t.Fatalf("not deterministic: %+v / %+v", p, again)
		}
		if (p.Min == nil) != (p.Max == nil) {
			t.Fatalf("Min %v and Max %v: one is nil", p.Min, p.Max)
		}
		if p.Min == nil {
			if p.Free || len(p.Seats) > 0 {
				t.Fatalf("no price range but free %v, seats %+v", p.Free, p.Seats)
			}
			return
		}
		lo, hi := *p.Min, *p.Max
		if lo < 0 || lo > hi || hi > math.MaxInt32 {
			t.Fatalf("price range %d..%d", lo, hi)
		}
		if p.Free != (hi == 0) {
			t.Fatalf("free %v with range %d..%d", p.Free, lo, hi)
		}
		if p.Free {
			if len(p.Seats) != 0 {
				t.Fatalf("free, but seats %+v", p.Seats)
			}
			return
		}
		if len(p.Seats) == 0 {
			t.Fatalf("range %d..%d without seats", lo, hi)
		}
		seatLo, seatHi := p.Seats[0].Price, p.Seats[0].Price
		for _, s := range p.Seats {
			if s.Seat == "" || s.Seat != strings.TrimSpace(s.Seat) {
				t.Fatalf("seat name %q", s.Seat)
			}
			if utf8.ValidString(guidance) && !utf8.ValidString(s.Seat) {
				t.Fatalf("seat name %q is not UTF-8", s.Seat)
			}
			if s.Price < 0 || s.Price > math.MaxInt32 {
				t.Fatalf("seat %q costs %d", s.Seat, s.Price)
			}
			seatLo, seatHi = min(seatLo, s.Price), max(seatHi, s.Price)
		}
		if seatLo != lo || seatHi != hi {
			t.Fatalf("range %d..%d, seats %d..%d", lo, hi, seatLo, seatHi)
		}
	})
}

// FuzzParseRuntime: a running time is nil or between 0 and the largest
// GraphQL Int, and "H시간 M분" (followed by any commentary) reads as H·60+M.
func FuzzParseRuntime(f *testing.F) {
	for _, s := range []string{
		"1시간 40분", "100분", "2시간", "약 90분", "1시간30분", "1시간 40분 (인터미션 15분 포함)", "미정", "", " ",
		"120분(인터미션 20분 포함)", "약 2시간 30분",
	} {
		f.Add(s, uint16(1), uint16(40))
	}
	f.Fuzz(func(t *testing.T, s string, hours, minutes uint16) {
		got := kopis.ParseRuntime(s)
		if got != nil && (*got < 0 || *got > math.MaxInt32) {
			t.Fatalf("ParseRuntime(%q) = %d", s, *got)
		}
		again := kopis.ParseRuntime(s)
		if (got == nil) != (again == nil) || (got != nil && *got != *again) {
			t.Fatalf("ParseRuntime(%q) not deterministic", s)
		}
		// What follows the running time is commentary, whatever it is.
		text := fmt.Sprintf("%d시간 %d분%s", hours, minutes, s)
		want := int(hours)*60 + int(minutes)
		if got := kopis.ParseRuntime(text); got == nil || *got != want {
			t.Fatalf("ParseRuntime(%q) = %v, want %d", text, got, want)
		}
	})
}

// FuzzParseDate: a date either fails to parse or is midnight UTC and
// written back as yyyy.MM.dd it is the text read (round trip); any day of
// the years 0..9999 written that way reads back as itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2027.02.28", " 2026.10.28 ", "2027-02-28", "2027.02.30", "27.02.28", "", "0000.01.01", "9999.12.31"} {
		f.Add(s, int64(20270228))
	}
	f.Fuzz(func(t *testing.T, s string, day int64) {
		got, err := kopis.ParseDate(s)
		if err == nil {
			if got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0 {
				t.Fatalf("ParseDate(%q) = %v, want midnight UTC", s, got)
			}
			if back := got.Format("2006.01.02"); back != strings.TrimSpace(s) {
				t.Fatalf("ParseDate(%q) = %v, written back %q", s, got, back)
			}
		} else if !strings.Contains(err.Error(), "yyyy.MM.dd") {
			t.Fatalf("ParseDate(%q): error %q does not say the format", s, err)
		}
		// Any day in 0000..9999 round-trips.
		d := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(uint64(day)%3652425))
		text := d.Format("2006.01.02")
		back, err := kopis.ParseDate(text)
		if err != nil || !back.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v, %v; want %v", text, back, err, d)
		}
	})
}

// FuzzParseUpdateDate: an update date either fails to parse or is a UTC
// instant that, in Seoul, is written as the text read (to the second).
func FuzzParseUpdateDate(f *testing.F) {
	for _, s := range []string{"2027-01-06 10:00:00", "2026-03-01 08:30:15", " 2027-01-06 10:00:00 ", "2027.01.06", "2027-01-06", "", "2027-01-06 10:00:00.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := kopis.ParseUpdateDate(s)
		if err != nil {
			return
		}
		if got.Location() != time.UTC {
			t.Fatalf("ParseUpdateDate(%q) = %v, want UTC", s, got)
		}
		// Written back in KOPIS's form, it reads as the same instant. (The
		// text need not match: Go reads an hour without its leading zero.)
		back := got.In(kopis.Seoul).Format(time.DateTime)
		again, err := kopis.ParseUpdateDate(back)
		if err != nil || !again.Equal(got.Truncate(time.Second)) {
			t.Fatalf("ParseUpdateDate(%q) = %v, %v; want %v", back, again, err, got.Truncate(time.Second))
		}
	})
}

// FuzzGenre: a genre name or code maps to one of Claco's genres or none;
// a genre's code maps back to it.
func FuzzGenre(f *testing.F) {
	for _, s := range []string{"서양음악(클래식)", "무용(서양/한국무용)", "무용", " 무용 ", "뮤지컬", "", "CCCA", "bbbc", " CCCA ", "AAAA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lookup := range []func(string) (concert.Genre, bool){kopis.GenreOfName, kopis.GenreOfCode} {
			g, ok := lookup(s)
			if !ok {
				if g != "" {
					t.Fatalf("%q: genre %q without ok", s, g)
				}
				continue
			}
			if err := concert.GenreValidator(g); err != nil {
				t.Fatalf("%q: genre %q: %v", s, g, err)
			}
			code, ok := kopis.CodeOf(g)
			if !ok {
				t.Fatalf("genre %q has no code", g)
			}
			if back, ok := kopis.GenreOfCode(code); !ok || back != g {
				t.Fatalf("code %q of %q maps to %q", code, g, back)
			}
		}
	})
}
