package ratelimit_test

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claco/claco/internal/ratelimit"
)

// recorder is a Limiter that remembers the keys it was asked about.
type recorder struct {
	mu     sync.Mutex
	keys   []string
	answer ratelimit.Decision
	err    error
}

func (r *recorder) Allow(_ context.Context, key string) (ratelimit.Decision, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.keys = append(r.keys, key)
	return r.answer, r.err
}

func (r *recorder) asked() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.keys...)
}

var allowAll = ratelimit.Decision{Allowed: true, Remaining: 1}

// memberOf stands in for authentication in these tests.
func memberOf(r *http.Request) (string, bool) {
	id := r.Header.Get("X-Test-Member")
	return id, id != ""
}

type request struct {
	method, remote, xff, member string
}

func serve(h http.Handler, q request) *httptest.ResponseRecorder {
	r := httptest.NewRequest(cmp.Or(q.method, "POST"), "/query", nil)
	r.RemoteAddr = cmp.Or(q.remote, "203.0.113.5:4000")
	if q.xff != "" {
		r.Header.Set("X-Forwarded-For", q.xff)
	}
	if q.member != "" {
		r.Header.Set("X-Test-Member", q.member)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

var okHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })

func TestMiddlewareChargesIPAndMemberKeys(t *testing.T) {
	ip, member := &recorder{answer: allowAll}, &recorder{answer: allowAll}
	trusted, _ := ratelimit.ParseTrustedProxies("10.0.0.0/8")
	h := ratelimit.Middleware(ratelimit.Options{IP: ip, Member: member, MemberOf: memberOf, Trusted: trusted})(okHandler)

	for _, q := range []request{
		{remote: "203.0.113.5:4000"},
		{remote: "203.0.113.5:4001", member: "42"},
		{remote: "10.0.0.1:80", xff: "198.51.100.9", member: "42"},
		{remote: "198.51.100.1:80", xff: "198.51.100.9"}, // spoofed: not believed
		{remote: "[2001:db8:1:2:aaaa::1]:443", member: "7"},
		{remote: "[2001:db8:1:2:bbbb::2]:443"}, // same /64
	} {
		if w := serve(h, q); w.Code != http.StatusNoContent {
			t.Fatalf("%+v: status %d", q, w.Code)
		}
	}
	wantIP := []string{"203.0.113.5", "203.0.113.5", "198.51.100.9", "198.51.100.1", "2001:db8:1:2::/64", "2001:db8:1:2::/64"}
	if got := ip.asked(); strings.Join(got, " ") != strings.Join(wantIP, " ") {
		t.Errorf("IP keys %v, want %v", got, wantIP)
	}
	// Anonymous requests are not charged to any member.
	wantMember := []string{"42", "42", "7"}
	if got := member.asked(); strings.Join(got, " ") != strings.Join(wantMember, " ") {
		t.Errorf("member keys %v, want %v", got, wantMember)
	}
}

func TestMiddlewareRefusesWithRetryAfterAndDefaultBody(t *testing.T) {
	c := newClock()
	h := ratelimit.Middleware(ratelimit.Options{
		IP: ratelimit.NewMemory(mustRate(t, "2/m"), ratelimit.WithClock(c.Now)),
	})(okHandler)
	for i := range 2 {
		if w := serve(h, request{}); w.Code != http.StatusNoContent {
			t.Fatalf("request %d: status %d", i+1, w.Code)
		}
	}
	w := serve(h, request{})
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("request 3: status %d, want 429", w.Code)
	}
	if got := w.Header().Get("Retry-After"); got != "30" {
		t.Errorf("Retry-After = %q, want 30 (2/m refills every 30s)", got)
	}
	if got := w.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
	want := `{"errors":[{"message":"too many requests; retry later","extensions":{"code":"RATE_LIMITED"}}]}`
	if got := strings.TrimSpace(w.Body.String()); got != want {
		t.Errorf("body = %s", got)
	}
	// Another address has its own budget; time brings this one back.
	if w := serve(h, request{remote: "203.0.113.6:1"}); w.Code != http.StatusNoContent {
		t.Errorf("another address was refused: %d", w.Code)
	}
	c.Advance(30 * time.Second)
	if w := serve(h, request{}); w.Code != http.StatusNoContent {
		t.Errorf("refused after Retry-After: %d", w.Code)
	}
}

func TestMiddlewareMemberLimitFollowsTheMemberAcrossAddresses(t *testing.T) {
	c := newClock()
	var rejected []time.Duration
	h := ratelimit.Middleware(ratelimit.Options{
		IP:       ratelimit.NewMemory(mustRate(t, "100/m"), ratelimit.WithClock(c.Now)),
		Member:   ratelimit.NewMemory(mustRate(t, "2/m"), ratelimit.WithClock(c.Now)),
		MemberOf: memberOf,
		Reject: func(w http.ResponseWriter, r *http.Request, retryAfter time.Duration) {
			if w.Header().Get("Retry-After") != "30" {
				t.Errorf("Retry-After not set before Reject: %q", w.Header().Get("Retry-After"))
			}
			rejected = append(rejected, retryAfter)
			w.WriteHeader(http.StatusTeapot)
		},
	})(okHandler)
	serve(h, request{remote: "203.0.113.1:1", member: "42"})
	serve(h, request{remote: "203.0.113.2:1", member: "42"})
	if w := serve(h, request{remote: "203.0.113.3:1", member: "42"}); w.Code != http.StatusTeapot {
		t.Fatalf("member's third request from a third address: %d, want Reject's 418", w.Code)
	}
	if len(rejected) != 1 || rejected[0] != 30*time.Second {
		t.Errorf("Reject got %v, want [30s]", rejected)
	}
	// The same address, signed out or as someone else, is fine.
	if w := serve(h, request{remote: "203.0.113.3:1"}); w.Code != http.StatusNoContent {
		t.Errorf("anonymous request refused: %d", w.Code)
	}
	if w := serve(h, request{remote: "203.0.113.3:1", member: "43"}); w.Code != http.StatusNoContent {
		t.Errorf("another member refused: %d", w.Code)
	}
}

func TestMiddlewareIPRefusalSparesTheMemberBudget(t *testing.T) {
	ip := &recorder{answer: ratelimit.Decision{RetryAfter: time.Second}}
	member := &recorder{answer: allowAll}
	h := ratelimit.Middleware(ratelimit.Options{IP: ip, Member: member, MemberOf: memberOf})(okHandler)
	if w := serve(h, request{member: "42"}); w.Code != http.StatusTooManyRequests {
		t.Fatalf("status %d", w.Code)
	}
	if got := member.asked(); len(got) != 0 {
		t.Errorf("member charged for a request refused by IP: %v", got)
	}
}

func TestMiddlewareSpoofedForwardedForGetsNoFreshBudget(t *testing.T) {
	trusted, _ := ratelimit.ParseTrustedProxies("10.0.0.0/8")
	h := ratelimit.Middleware(ratelimit.Options{
		IP:      ratelimit.NewMemory(mustRate(t, "1/m"), ratelimit.WithClock(newClock().Now)),
		Trusted: trusted,
	})(okHandler)
	serve(h, request{remote: "203.0.113.5:1", xff: "198.51.100.1"})
	if w := serve(h, request{remote: "203.0.113.5:1", xff: "198.51.100.2"}); w.Code != http.StatusTooManyRequests {
		t.Errorf("a new X-Forwarded-For from an untrusted peer bought a new budget: %d", w.Code)
	}
	// Through the trusted proxy, each client has its own budget.
	for _, client := range []string{"198.51.100.1", "198.51.100.2"} {
		if w := serve(h, request{remote: "10.0.0.1:1", xff: client}); w.Code != http.StatusNoContent {
			t.Errorf("client %s behind the proxy refused: %d", client, w.Code)
		}
	}
}

func TestMiddlewareLetsPreflightThrough(t *testing.T) {
	ip := &recorder{answer: ratelimit.Decision{RetryAfter: time.Second}}
	h := ratelimit.Middleware(ratelimit.Options{IP: ip})(okHandler)
	if w := serve(h, request{method: http.MethodOptions}); w.Code != http.StatusNoContent {
		t.Errorf("OPTIONS: status %d", w.Code)
	}
	if len(ip.asked()) != 0 {
		t.Error("OPTIONS was charged")
	}
}

func TestMiddlewareOffLimitsNothing(t *testing.T) {
	h := ratelimit.Middleware(ratelimit.Options{
		IP:       ratelimit.New(mustRate(t, "off"), nil, "ip:"),
		Member:   ratelimit.New(mustRate(t, "off"), nil, "member:"),
		MemberOf: memberOf,
	})(okHandler)
	for range 100 {
		if w := serve(h, request{member: "42"}); w.Code != http.StatusNoContent {
			t.Fatalf("status %d", w.Code)
		}
	}
}

func TestMiddlewareFailsOpenAndLogs(t *testing.T) {
	var logs bytes.Buffer
	broken := &recorder{answer: ratelimit.Decision{Allowed: true, Remaining: -1}, err: errors.New("connection refused")}
	h := ratelimit.Middleware(ratelimit.Options{
		IP:     broken,
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	})(okHandler)
	if w := serve(h, request{}); w.Code != http.StatusNoContent {
		t.Fatalf("status %d: a failing store took the request down", w.Code)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "connection refused") {
		t.Errorf("the failure was not logged at warn: %q", logs.String())
	}
	// During a cooldown the store says so; that is not a new warning.
	logs.Reset()
	broken.err = ratelimit.ErrUnavailable
	serve(h, request{})
	if logs.Len() != 0 {
		t.Errorf("cooldown logged at info or above: %q", logs.String())
	}
}

func TestMiddlewareRetryAfterIsWholeSecondsRoundedUp(t *testing.T) {
	for wait, want := range map[time.Duration]string{
		0:                       "1",
		time.Millisecond:        "1",
		time.Second:             "1",
		time.Second + 1:         "2",
		12 * time.Second:        "12",
		59*time.Second + 999999: "60",
	} {
		h := ratelimit.Middleware(ratelimit.Options{IP: &recorder{answer: ratelimit.Decision{RetryAfter: wait}}})(okHandler)
		if got := serve(h, request{}).Header().Get("Retry-After"); got != want {
			t.Errorf("wait %s: Retry-After %q, want %q", wait, got, want)
		}
	}
}

func TestMiddlewareSkipsIPLimitWithoutAnAddress(t *testing.T) {
	ip := &recorder{answer: ratelimit.Decision{RetryAfter: time.Second}}
	h := ratelimit.Middleware(ratelimit.Options{IP: ip})(okHandler)
	if w := serve(h, request{remote: "@"}); w.Code != http.StatusNoContent || len(ip.asked()) != 0 {
		t.Errorf("a request without an address was charged: %d %v", w.Code, ip.asked())
	}
}
