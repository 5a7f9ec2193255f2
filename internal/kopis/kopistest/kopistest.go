// Package kopistest owns a fake KOPIS open API for tests: an httptest server
// that serves a directory laid out like internal/demo/kopis (list/<genre>-p<N>.xml
// and detail/<mt20id>.xml) the way KOPIS answers queries, so that the client,
// the importer and the command can be tested without the network. It records
// every request (Requests, Observe); Generate invents catalogues of any size,
// in memory, for benchmarks.
package kopistest

import (
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claco/claco/internal/kopis"
)

// Server is a running fake KOPIS.
type Server struct {
	*httptest.Server
	// Key is the only service key it accepts; others get the error envelope.
	Key string
	// PageCap, when set, serves at most this many rows a page whatever the
	// query asks, so that tests see many pages from a small catalogue.
	PageCap int
	// Observe, when set, is called with every request as it arrives, before
	// it is answered (one call at a time), e.g. to stamp it with a test clock.
	Observe func(r *http.Request)

	fsys    fs.FS
	rows    map[string][]row // by genre code, in file order
	mu      sync.Mutex
	fail    int // answer this many next requests with 503
	queries []string
}

// New serves fsys with key until the test ends.
func New(t testing.TB, fsys fs.FS, key string) *Server {
	t.Helper()
	s := &Server{Key: key, fsys: fsys, rows: map[string][]row{}}
	names, err := fs.Glob(fsys, "list/*.xml")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names) // CCCA-p1 before CCCA-p2
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		items, err := kopis.ParseList(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		genre, _, _ := strings.Cut(path.Base(name), "-")
		for _, it := range items {
			start, errA := kopis.ParseDate(it.From)
			end, errB := kopis.ParseDate(it.To)
			s.rows[genre] = append(s.rows[genre], row{it, start, end, errA != nil || errB != nil})
		}
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// row is a list row with its period, parsed once.
type row struct {
	kopis.ListItem
	start, end time.Time
	undated    bool // a period KOPIS wrote wrong: listed in every query
}

// FailNext makes the next n requests answer 503 Service Unavailable.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = n
}

// Requests returns the path and query of every request received, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.queries...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.queries = append(s.queries, r.URL.RequestURI())
	if s.Observe != nil {
		s.Observe(r)
	}
	failing := s.fail > 0
	if failing {
		s.fail--
	}
	s.mu.Unlock()
	if failing {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "application/xml;charset=UTF-8")
	if r.URL.Query().Get("service") != s.Key {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><dbs><db><returncode>02</returncode><errmsg>SERVICE KEY IS NOT REGISTERED ERROR.</errmsg></db></dbs>`)
		return
	}
	switch {
	case r.URL.Path == "/pblprfr":
		s.serveList(w, r)
	case strings.HasPrefix(r.URL.Path, "/pblprfr/"):
		id := strings.TrimPrefix(r.URL.Path, "/pblprfr/")
		data, err := fs.ReadFile(s.fsys, "detail/"+id+".xml")
		if err != nil {
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><dbs></dbs>`)
			return
		}
		_, _ = w.Write(data)
	default:
		http.NotFound(w, r)
	}
}

// serveList answers like KOPIS: the rows of the genre whose period meets
// stdate..eddate, rows per page, an empty <dbs></dbs> past the end.
func (s *Server) serveList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, err1 := time.Parse("20060102", q.Get("stdate"))
	to, err2 := time.Parse("20060102", q.Get("eddate"))
	page, err3 := strconv.Atoi(q.Get("cpage"))
	rows, err4 := strconv.Atoi(q.Get("rows"))
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || page < 1 || rows < 1 {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><dbs><db><returncode>03</returncode><errmsg>INVALID REQUEST PARAMETER ERROR.</errmsg></db></dbs>`)
		return
	}
	if to.Sub(from) > (kopis.MaxWindowDays-1)*24*time.Hour {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><dbs><db><returncode>03</returncode><errmsg>PERIOD LONGER THAN 31 DAYS.</errmsg></db></dbs>`)
		return
	}
	if s.PageCap > 0 {
		rows = min(rows, s.PageCap)
	}
	var match []kopis.ListItem
	for _, it := range s.rows[q.Get("shcate")] {
		if it.undated || (!it.start.After(to) && !it.end.Before(from)) {
			match = append(match, it.ListItem)
		}
	}
	lo := min((page-1)*rows, len(match))
	hi := min(lo+rows, len(match))
	doc := struct {
		XMLName xml.Name         `xml:"dbs"`
		Rows    []kopis.ListItem `xml:"db"`
	}{Rows: match[lo:hi]}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(out)
}
