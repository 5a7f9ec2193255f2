package auth

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"
)

// RefreshCookie is the cookie that carries the refresh token.
const RefreshCookie = "claco_refresh"

// Cookies writes and reads the refresh cookie: HttpOnly so scripts cannot
// read it, SameSite=Lax so other sites cannot post with it, Secure unless
// the server runs in dev over plain HTTP.
type Cookies struct {
	Secure bool
}

// Set stores the refresh token in the browser until it expires.
func (c Cookies) Set(w http.ResponseWriter, t RefreshToken) {
	http.SetCookie(w, &http.Cookie{
		Name: RefreshCookie, Value: t.Token, Path: "/",
		Expires: t.ExpiresAt, MaxAge: int(time.Until(t.ExpiresAt).Seconds()),
		HttpOnly: true, Secure: c.Secure, SameSite: http.SameSiteLaxMode,
	})
}

// Clear removes the refresh cookie.
func (c Cookies) Clear(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: RefreshCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: c.Secure, SameSite: http.SameSiteLaxMode,
	})
}

// Read returns the refresh token the browser sent, or "".
func (c Cookies) Read(r *http.Request) string {
	ck, err := r.Cookie(RefreshCookie)
	if err != nil {
		return ""
	}
	return ck.Value
}

// Exchange is the HTTP request a GraphQL operation runs in and its response,
// so that session operations can read and set the refresh cookie.
type Exchange struct {
	W http.ResponseWriter
	R *http.Request
	// signedIn is who the request acts for once a sign-in mutation of the
	// request has succeeded (the request came without a token).
	signedIn *atomic.Pointer[Principal]
}

// SignedIn makes the rest of the request act for p: the member a sign-in
// returns is the caller, and sees their own private fields.
func (e Exchange) SignedIn(p Principal) {
	if e.signedIn != nil {
		e.signedIn.Store(&p)
	}
}

type exchangeKey struct{}

// WithExchange makes the request and response reachable from resolvers.
func WithExchange(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), exchangeKey{}, Exchange{W: w, R: r, signedIn: new(atomic.Pointer[Principal])})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// ExchangeFrom returns the HTTP exchange of ctx.
func ExchangeFrom(ctx context.Context) (Exchange, bool) {
	e, ok := ctx.Value(exchangeKey{}).(Exchange)
	return e, ok
}
