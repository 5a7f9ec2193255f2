package importer

// A fuzz target for turning KOPIS records into concerts. The seed corpus is
// the demo catalogue's list pages and details and the real KOPIS details kept
// by keywordscore; crashers the fuzzer found are kept in testdata/fuzz.
// .ci/fuzz runs it for a bounded time.

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	_ "github.com/claco/claco/ent/runtime" // the schema's validators
	"github.com/claco/claco/internal/demo"
	"github.com/claco/claco/internal/keywordscore"
	"github.com/claco/claco/internal/kopis"
)

// FuzzConcertOf decodes a list page and a detail (either may fail to
// decode, or be missing) into a record, as the importer's sources do, and
// checks the concert it makes: one the schema accepts (so no record is lost
// to a column limit), with midnight-UTC dates, valid UTF-8 text cut only at
// the column limits, a consistent price range, non-nil lists, and keyword
// scores as keywordscore documents them; the same record always makes the
// same concert.
func FuzzConcertOf(f *testing.F) {
	var lists, details [][]byte
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
			if strings.HasPrefix(name, "kopis/list/") {
				lists = append(lists, data)
			} else {
				details = append(details, data)
			}
		}
	}
	real, err := filepath.Glob("../keywordscore/testdata/kopis-real/detail/*.xml")
	if err != nil || len(real) == 0 {
		f.Fatalf("real KOPIS details: %v (%d files)", err, len(real))
	}
	for _, name := range real {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		details = append(details, data)
	}
	for _, l := range lists {
		f.Add(l, []byte(nil), kopis.CodeClassical)
	}
	for i, d := range details {
		f.Add([]byte(nil), d, kopis.CodeClassical)
		if i < len(lists) {
			f.Add(lists[i], d, kopis.CodeDance)
		}
	}
	// A genre Claco does not know, listed under a code it does.
	f.Add([]byte(nil), []byte(`<dbs><db><mt20id>PF1</mt20id><prfnm>x</prfnm><prfpdfrom>2027.01.01</prfpdfrom><prfpdto>2027.01.02</prfpdto><genrenm>복합</genrenm></db></dbs>`), kopis.CodeDance)

	f.Fuzz(func(t *testing.T, listXML, detailXML []byte, genreCode string) {
		var r Record
		if items, err := kopis.ParseList(listXML); err == nil && len(items) > 0 {
			r.List = &items[0]
		}
		if d, err := kopis.ParseDetail(detailXML); err == nil {
			r.Detail = d
		}
		r.GenreCode = genreCode
		c, scores, err := concertOf(r)
		if err != nil {
			if c != nil {
				t.Fatalf("error %v with a concert", err)
			}
			return
		}
		if r.List == nil && r.Detail == nil {
			t.Fatal("a concert from an empty record")
		}
		c2, scores2, err := concertOf(r)
		if err != nil || !reflect.DeepEqual(c, c2) || !reflect.DeepEqual(scores, scores2) {
			t.Fatalf("not deterministic: %v", err)
		}
		checkSchema(t, c)
		checkConcert(t, r, c)
		checkScores(t, scores)
	})
}

// checkSchema runs the schema's validators, as saving the concert would.
func checkSchema(t *testing.T, c *ent.Concert) {
	t.Helper()
	strs := []struct {
		name  string
		check func(string) error
		value *string
	}{
		{"kopis_id", concert.KopisIDValidator, &c.KopisID},
		{"facility_id", concert.FacilityIDValidator, &c.FacilityID},
		{"title", concert.TitleValidator, &c.Title},
		{"venue", concert.VenueValidator, &c.Venue},
		{"area", concert.AreaValidator, &c.Area},
		{"genre_name", concert.GenreNameValidator, &c.GenreName},
		{"kopis_state", concert.KopisStateValidator, &c.KopisState},
		{"poster_url", concert.PosterURLValidator, c.PosterURL},
		{"runtime", concert.RuntimeValidator, c.Runtime},
		{"age_limit", concert.AgeLimitValidator, c.AgeLimit},
		{"producer", concert.ProducerValidator, c.Producer},
		{"producer_planning", concert.ProducerPlanningValidator, c.ProducerPlanning},
		{"producer_agency", concert.ProducerAgencyValidator, c.ProducerAgency},
		{"producer_host", concert.ProducerHostValidator, c.ProducerHost},
		{"producer_sponsor", concert.ProducerSponsorValidator, c.ProducerSponsor},
	}
	for _, s := range strs {
		if s.check == nil {
			t.Fatalf("no validator for %s: is ent/runtime linked?", s.name)
		}
		if s.value == nil {
			continue
		}
		if err := s.check(*s.value); err != nil {
			t.Fatalf("%s %q (%d bytes): %v", s.name, *s.value, len(*s.value), err)
		}
		if !utf8.ValidString(*s.value) {
			t.Fatalf("%s %q is not UTF-8", s.name, *s.value)
		}
	}
	if err := concert.GenreValidator(c.Genre); err != nil {
		t.Fatalf("genre %q: %v", c.Genre, err)
	}
	if c.KopisID == "" || c.Title == "" {
		t.Fatalf("kopis_id %q, title %q", c.KopisID, c.Title)
	}
	for _, p := range []*string{c.PosterURL, c.Synopsis, c.Runtime, c.AgeLimit, c.Producer, c.ProducerPlanning,
		c.ProducerAgency, c.ProducerHost, c.ProducerSponsor, c.PriceGuidance, c.ScheduleGuidance} {
		if p != nil && *p == "" {
			t.Fatal("a blank optional text is stored as \"\", not NULL")
		}
	}
}

func checkConcert(t *testing.T, r Record, c *ent.Concert) {
	t.Helper()
	for _, d := range []time.Time{c.StartDate, c.EndDate} {
		if d.Location() != time.UTC || !d.Equal(d.Truncate(24*time.Hour)) {
			t.Fatalf("date %v is not midnight UTC", d)
		}
	}
	if c.KopisUpdatedAt != nil && c.KopisUpdatedAt.Location() != time.UTC {
		t.Fatalf("kopis_updated_at %v is not UTC", c.KopisUpdatedAt)
	}
	// The detail's fields win; cut text is a prefix of what KOPIS sent.
	title := ""
	if r.List != nil {
		title = r.List.Title
	}
	if r.Detail != nil && r.Detail.Title != "" {
		title = r.Detail.Title
	}
	if !strings.HasPrefix(title, c.Title) || (len(title) <= maxTitle && c.Title != title) {
		t.Fatalf("title %q from %q", c.Title, title)
	}
	if r.Detail != nil && r.Detail.ID != "" && c.KopisID != r.Detail.ID {
		t.Fatalf("kopis_id %q, detail says %q", c.KopisID, r.Detail.ID)
	}
	if c.IntroImageUrls == nil || c.Prices == nil || c.BookingLinks == nil {
		t.Fatal("a nil list")
	}
	for _, u := range c.IntroImageUrls {
		if strings.TrimSpace(u) == "" {
			t.Fatal("a blank intro image")
		}
	}
	for _, b := range c.BookingLinks {
		if b.URL == "" {
			t.Fatalf("booking link %q without a URL", b.Name)
		}
	}
	if (c.MinPrice == nil) != (c.MaxPrice == nil) {
		t.Fatalf("min price %v, max price %v", c.MinPrice, c.MaxPrice)
	}
	if c.MinPrice != nil {
		lo, hi := *c.MinPrice, *c.MaxPrice
		if lo < 0 || lo > hi || hi > math.MaxInt32 {
			t.Fatalf("price range %d..%d", lo, hi)
		}
		if c.IsFree != (hi == 0) {
			t.Fatalf("free %v, range %d..%d", c.IsFree, lo, hi)
		}
		for _, p := range c.Prices {
			if p.Price < lo || p.Price > hi || p.Seat == "" {
				t.Fatalf("seat %+v outside %d..%d", p, lo, hi)
			}
		}
	} else if c.IsFree || len(c.Prices) > 0 {
		t.Fatalf("no price range, but free %v and prices %+v", c.IsFree, c.Prices)
	}
	if c.RuntimeMinutes != nil && (*c.RuntimeMinutes < 0 || *c.RuntimeMinutes > math.MaxInt32) {
		t.Fatalf("runtime %d minutes", *c.RuntimeMinutes)
	}
}

// checkScores: in each pair exactly one keyword scores, in 0.1..1.0, and
// only a score has evidence.
func checkScores(t *testing.T, r keywordscore.Result) {
	t.Helper()
	for a := 0; a < keywordscore.Count; a += 2 {
		x, y := r.Scores[a], r.Scores[a+1]
		if (x == 0) == (y == 0) || math.Max(x, y) < 0.1 || math.Max(x, y) > 1 || math.Min(x, y) != 0 {
			t.Fatalf("pair %s/%s scores %v/%v", keywordscore.Keys[a], keywordscore.Keys[a+1], x, y)
		}
	}
	for i, ev := range r.Evidence {
		if len(ev) > 0 && r.Scores[i] == 0 {
			t.Fatalf("%s has evidence %q but no score", keywordscore.Keys[i], ev)
		}
	}
}
