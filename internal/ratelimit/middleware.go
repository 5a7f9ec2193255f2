package ratelimit

import (
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"time"
)

// Options configure Middleware.
type Options struct {
	// IP limits every request by client address; nil turns it off.
	IP Limiter
	// Member limits requests from a signed-in member; nil turns it off.
	Member Limiter
	// MemberOf returns the signed-in member's id, if any. The member limit
	// needs it, so the middleware must run after authentication.
	MemberOf func(*http.Request) (string, bool)
	// Trusted are the proxies whose X-Forwarded-For is believed (ClientIP).
	Trusted []netip.Prefix
	// Reject writes the refusal; DefaultReject when nil. Retry-After is
	// already set when it is called.
	Reject func(w http.ResponseWriter, r *http.Request, retryAfter time.Duration)
	// Logger receives limiter errors and refusals; nothing is logged when nil.
	Logger *slog.Logger
}

// Middleware refuses requests over the IP or member budget. OPTIONS requests
// pass untouched: browsers send CORS preflights on their own, and refusing one
// fails the real request with an opaque CORS error instead of a 429.
//
// The IP budget is spent first, so a refused address never spends its
// member's budget. To keep unauthenticated floods away from the database
// (authentication looks the member up), a server can wrap twice: an IP-only
// Middleware before authentication and a member-only one after it.
func Middleware(opts Options) func(http.Handler) http.Handler {
	m := &middleware{reject: opts.Reject, log: opts.Logger}
	if m.reject == nil {
		m.reject = DefaultReject
	}
	if m.log == nil {
		m.log = slog.New(slog.DiscardHandler)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodOptions {
				next.ServeHTTP(w, r)
				return
			}
			if opts.IP != nil {
				// An unknown address (a Unix socket) is not charged: one shared
				// bucket for all such requests would let one client block all.
				if ip := ClientIP(r, opts.Trusted); ip.IsValid() {
					if !m.charge(w, r, opts.IP, "ip", ipKey(ip)) {
						return
					}
				}
			}
			if opts.Member != nil && opts.MemberOf != nil {
				if id, ok := opts.MemberOf(r); ok {
					if !m.charge(w, r, opts.Member, "member", id) {
						return
					}
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

type middleware struct {
	reject func(http.ResponseWriter, *http.Request, time.Duration)
	log    *slog.Logger
}

// charge spends one request of key's budget with l. When l refuses, it
// answers the request and returns false.
func (m *middleware) charge(w http.ResponseWriter, r *http.Request, l Limiter, scope, key string) bool {
	ctx := r.Context()
	d, err := l.Allow(ctx, key)
	switch {
	case err == nil:
	case errors.Is(err, ErrUnavailable):
		// The failure that started the cooldown was logged at warn already.
		m.log.DebugContext(ctx, "rate limit skipped", "scope", scope, "err", err)
	case ctx.Err() != nil:
		// The client left; nothing is wrong with the limiter.
	default:
		m.log.WarnContext(ctx, "rate limit store failed; allowing the request", "scope", scope, "err", err)
	}
	if d.Allowed {
		return true
	}
	// Debug, not info: under a flood, a line per refusal is the flood again.
	m.log.DebugContext(ctx, "rate limited", "scope", scope, "retry_after", d.RetryAfter)
	w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds(d.RetryAfter)))
	m.reject(w, r, d.RetryAfter)
	return false
}

// retryAfterSeconds is Retry-After's whole seconds: rounded up, since a client
// that comes back early is refused again, and at least 1, since 0 invites an
// immediate retry.
func retryAfterSeconds(d time.Duration) int {
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}

// ipKey is the budget an address spends. IPv6 addresses are charged per /64:
// one subscriber is usually given a whole /64, so per-address keys would give
// one client 2^64 budgets.
func ipKey(ip netip.Addr) string {
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// rejectBody is the GraphQL error DefaultReject writes.
const rejectBody = `{"errors":[{"message":"too many requests; retry later","extensions":{"code":"RATE_LIMITED"}}]}` + "\n"

// DefaultReject answers 429 Too Many Requests with a GraphQL error whose code
// is RATE_LIMITED, so that GraphQL clients can tell it from other failures.
func DefaultReject(w http.ResponseWriter, _ *http.Request, _ time.Duration) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(rejectBody))
}
