package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/kakao"
	"github.com/claco/claco/internal/members"
)

// stateCookie binds a Kakao sign-in to the browser that started it.
const stateCookie = "claco_oauth_state"

// kakaoLogin is the browser side of Kakao sign-in. It ends every attempt with
// a redirect to the front end carrying only a status; the session travels in
// the HttpOnly refresh cookie and the front calls refreshSession for a token.
type kakaoLogin struct {
	kakao    *kakao.Client
	members  *members.Service
	auth     *auth.Service
	frontURL string
	secure   bool
	log      *slog.Logger
}

// start sends the browser to Kakao with a fresh state, remembered in a
// short-lived cookie.
func (k *kakaoLogin) start(w http.ResponseWriter, r *http.Request) {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	state := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{
		Name: stateCookie, Value: state, Path: "/auth/kakao",
		MaxAge: int((10 * time.Minute).Seconds()), HttpOnly: true, Secure: k.secure, SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, k.kakao.AuthorizeURL(state), http.StatusFound)
}

// callback finishes the sign-in Kakao redirected back from.
func (k *kakaoLogin) callback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Path: "/auth/kakao", MaxAge: -1, HttpOnly: true, Secure: k.secure, SameSite: http.SameSiteLaxMode})
	q := r.URL.Query()
	sent, err := r.Cookie(stateCookie)
	// The state is checked first: until it matches, nothing in the query is
	// Kakao's, and nothing of it is logged.
	switch {
	case err != nil || q.Get("state") == "" ||
		subtle.ConstantTimeCompare([]byte(sent.Value), []byte(q.Get("state"))) != 1:
		k.fail(w, r, "state", "kakao sign-in with a missing or mismatched state")
		return
	case q.Get("error") != "":
		k.fail(w, r, "cancelled", "kakao sign-in cancelled or refused", "kakao_error", bounded(q.Get("error")))
		return
	case q.Get("code") == "":
		k.fail(w, r, "kakao", "kakao sign-in without a code")
		return
	}
	kakaoToken, err := k.kakao.Exchange(ctx, q.Get("code"))
	if err != nil {
		k.fail(w, r, "kakao", "kakao code exchange failed", "err", err)
		return
	}
	user, err := k.kakao.Me(ctx, kakaoToken)
	if err != nil {
		k.fail(w, r, "kakao", "kakao user lookup failed", "err", err)
		return
	}
	if !user.EmailVerified {
		k.fail(w, r, "email", "kakao account without a verified e-mail")
		return
	}
	m, err := k.members.SignInKakao(ctx, user)
	if err != nil {
		k.fail(w, r, "server", "kakao sign-in failed", "err", err)
		return
	}
	if _, err := k.auth.SignIn(ctx, w, r, m); err != nil {
		k.fail(w, r, "server", "starting a session failed", "err", err)
		return
	}
	status := "signup"
	if done, err := k.members.Onboarded(ctx, m); err == nil && done {
		status = "member"
	}
	k.log.InfoContext(ctx, "kakao sign-in", "member_id", m.ID, "status", status)
	k.redirect(w, r, url.Values{"status": {status}})
}

// fail logs why a sign-in failed and sends the browser back with an error status.
func (k *kakaoLogin) fail(w http.ResponseWriter, r *http.Request, reason, msg string, attrs ...any) {
	k.log.WarnContext(r.Context(), msg, append([]any{"reason", reason}, attrs...)...)
	k.redirect(w, r, url.Values{"status": {"error"}, "reason": {reason}})
}

func (k *kakaoLogin) redirect(w http.ResponseWriter, r *http.Request, q url.Values) {
	http.Redirect(w, r, k.frontURL+"/oauth/callback?"+q.Encode(), http.StatusFound)
}

// bounded is an untrusted value fit for a log line: at most 64 characters,
// printable ones only.
func bounded(v string) string {
	const limit = 64
	var b strings.Builder
	for i, r := range v {
		if i >= limit*4 || b.Len() >= limit {
			b.WriteString("…")
			break
		}
		if unicode.IsPrint(r) {
			b.WriteRune(r)
		} else {
			b.WriteRune('?')
		}
	}
	return b.String()
}
