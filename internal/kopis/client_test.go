package kopis_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/claco/claco/internal/kopis"
	"github.com/claco/claco/internal/kopis/kopistest"
)

const testKey = "s3cr3t-service-key"

// newClient returns a client of srv that retries fast and logs into logs.
func newClient(url string, logs *bytes.Buffer) *kopis.Client {
	c := kopis.NewClient(url, testKey)
	c.Backoff = time.Millisecond
	c.HTTP.Timeout = 2 * time.Second
	c.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return c
}

func TestNewClientDefaults(t *testing.T) {
	c := kopis.NewClient("", "k")
	if c.BaseURL != kopis.DefaultBaseURL || c.HTTP == nil || c.HTTP.Timeout == 0 || c.Retries < 1 {
		t.Fatalf("NewClient defaults = %+v", c)
	}
}

func TestListPagesUntilEmptyPage(t *testing.T) {
	srv := kopistest.New(t, fixtures(t), testKey)
	var logs bytes.Buffer
	c := newClient(srv.URL, &logs)
	items, err := c.List(context.Background(), kopis.CodeClassical, date(t, "2026-10-01"), date(t, "2026-10-31"))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, m := range manifest(t) {
		if m.Genre == "CCCA" && m.From <= "2026.10.31" && m.To >= "2026.10.01" {
			want++
		}
	}
	if len(items) != want || want == 0 {
		t.Fatalf("October classical: %d concerts, want %d", len(items), want)
	}
	for _, it := range items {
		if it.GenreName != "서양음악(클래식)" {
			t.Fatalf("dance row in the classical list: %+v", it)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 1+1 || !strings.Contains(reqs[0], "cpage=1") || !strings.Contains(reqs[1], "cpage=2") {
		t.Fatalf("requests = %v; want page 1 then the empty page 2", reqs)
	}
	for _, q := range []string{"stdate=20261001", "eddate=20261031", "rows=100", "shcate=CCCA", "service=" + testKey} {
		if !strings.Contains(reqs[0], q) {
			t.Errorf("request %s lacks %s", reqs[0], q)
		}
	}
}

func TestListSplitsLongPeriodsAndDeduplicates(t *testing.T) {
	srv := kopistest.New(t, fixtures(t), testKey)
	var logs bytes.Buffer
	c := newClient(srv.URL, &logs)
	// Nine months: every fixture concert, several of them in two windows.
	items, err := c.List(context.Background(), kopis.CodeClassical, date(t, "2026-09-01"), date(t, "2027-05-31"))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 108 {
		t.Fatalf("%d classical concerts, want all 108", len(items))
	}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.ID] {
			t.Fatalf("%s returned twice", it.ID)
		}
		seen[it.ID] = true
	}
	windows := map[string]bool{}
	for _, r := range srv.Requests() {
		i := strings.Index(r, "stdate=")
		windows[r[i:i+15]] = true
	}
	if len(windows) != len(kopis.Windows(date(t, "2026-09-01"), date(t, "2027-05-31"))) || len(windows) < 9 {
		t.Fatalf("queried %d windows: %v", len(windows), windows)
	}
	dance, err := c.List(context.Background(), kopis.CodeDance, date(t, "2026-09-01"), date(t, "2027-05-31"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dance) != 42 {
		t.Fatalf("%d dance concerts, want all 42", len(dance))
	}
}

func TestListFollowsEveryPage(t *testing.T) {
	srv := kopistest.New(t, fixtures(t), testKey)
	srv.PageCap = 7
	var logs bytes.Buffer
	c := newClient(srv.URL, &logs)
	w := kopis.Windows(date(t, "2026-12-01"), date(t, "2026-12-31"))[0]
	first, err := c.ListPage(context.Background(), kopis.CodeClassical, w, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 7 {
		t.Fatalf("page 1 has %d rows, want the cap of 7", len(first))
	}
	all, err := c.List(context.Background(), kopis.CodeClassical, w.From, w.To)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, m := range manifest(t) {
		if m.Genre == "CCCA" && m.From <= "2026.12.31" && m.To >= "2026.12.01" {
			want++
		}
	}
	if len(all) != want || want <= 7 {
		t.Fatalf("List = %d rows, want %d", len(all), want)
	}
	pages := len(srv.Requests()) - 1 // less the ListPage call above
	if wantPages := (want+6)/7 + 1; pages != wantPages {
		t.Fatalf("List made %d requests, want %d (full pages, then the empty one)", pages, wantPages)
	}
}

func TestDetail(t *testing.T) {
	srv := kopistest.New(t, fixtures(t), testKey)
	var logs bytes.Buffer
	c := newClient(srv.URL, &logs)
	d, err := c.Detail(context.Background(), "PF070002")
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "PF070002" || d.GenreName != "무용(서양/한국무용)" || len(d.IntroImages) != 3 || len(d.Relates) != 1 {
		t.Fatalf("detail = %+v", d)
	}
	if _, err := c.Detail(context.Background(), "PF999999"); !errors.Is(err, kopis.ErrNotFound) {
		t.Fatalf("unknown id: %v, want ErrNotFound", err)
	}
}

func TestRetriesServerErrors(t *testing.T) {
	srv := kopistest.New(t, fixtures(t), testKey)
	var logs bytes.Buffer
	c := newClient(srv.URL, &logs)
	srv.FailNext(2)
	if _, err := c.Detail(context.Background(), "PF070002"); err != nil {
		t.Fatalf("two 503s then success: %v", err)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Fatalf("%d requests, want 3", n)
	}
	srv.FailNext(3)
	_, err := c.Detail(context.Background(), "PF070002")
	if err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("three 503s: %v, want a 503 error", err)
	}
	if n := len(srv.Requests()); n != 6 {
		t.Fatalf("%d requests, want 6 (no retry beyond Retries)", n)
	}
	assertNoKey(t, err.Error()+logs.String())
}

func TestNoRetryOnClientErrors(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		http.Error(w, "no", http.StatusForbidden)
	}))
	defer srv.Close()
	var logs bytes.Buffer
	_, err := newClient(srv.URL, &logs).Detail(context.Background(), "PF070002")
	if err == nil || !strings.Contains(err.Error(), "403") || calls != 1 {
		t.Fatalf("403: %v after %d calls; want an error after 1 call", err, calls)
	}
	assertNoKey(t, err.Error())
}

func TestInvalidKeyIsAnAPIError(t *testing.T) {
	srv := kopistest.New(t, fixtures(t), "another-key")
	var logs bytes.Buffer
	_, err := newClient(srv.URL, &logs).List(context.Background(), kopis.CodeDance, date(t, "2026-10-01"), date(t, "2026-10-31"))
	var apiErr *kopis.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "02" {
		t.Fatalf("wrong key: %v, want APIError 02", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Fatalf("an API error was retried: %d requests", n)
	}
	assertNoKey(t, err.Error()+logs.String())
}

func TestNetworkErrorsHideTheKey(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens any more: connection refused
	var logs bytes.Buffer
	c := newClient(url, &logs)
	_, err := c.List(context.Background(), kopis.CodeClassical, date(t, "2026-10-01"), date(t, "2026-10-31"))
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	if !strings.Contains(err.Error(), "service=xxxxx") {
		t.Errorf("error %q does not show the redacted URL", err)
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Errorf("network errors were not retried; log:\n%s", logs.String())
	}
	assertNoKey(t, err.Error()+logs.String())
}

func TestTimeoutAndCancellation(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	var logs bytes.Buffer
	c := newClient(srv.URL, &logs)
	c.HTTP.Timeout = 50 * time.Millisecond
	c.Retries = 1
	start := time.Now()
	_, err := c.Detail(context.Background(), "PF070002")
	if err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("hanging server: %v after %v", err, time.Since(start))
	}
	assertNoKey(t, err.Error()+logs.String())

	c.HTTP.Timeout = 10 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = c.Detail(ctx, "PF070002")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("expired context: %v, want DeadlineExceeded", err)
	}
	assertNoKey(t, err.Error())
}

func assertNoKey(t *testing.T, text string) {
	t.Helper()
	if strings.Contains(text, testKey) {
		t.Fatalf("the service key leaked:\n%s", text)
	}
}
