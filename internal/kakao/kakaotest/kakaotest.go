// Package kakaotest is a fake Kakao for tests: it speaks the real request and
// response formats of /oauth/token and /v2/user/me, and checks what a client
// sends the way Kakao does.
package kakaotest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Account is a Kakao user the fake knows.
type Account struct {
	ID            int64
	Email         string
	EmailVerified bool
	Nickname      string
	Thumbnail     string
}

// Server is a running fake Kakao (both the auth and the API host).
type Server struct {
	URL          string
	ClientID     string
	ClientSecret string
	RedirectURL  string

	mu     sync.Mutex
	codes  map[string]Account // authorization code → account, single use
	tokens map[string]Account // access token → account
	// Exchanges counts /oauth/token calls.
	Exchanges int
}

// New starts a fake Kakao for the app with the given credentials.
func New(t testing.TB, clientID, clientSecret, redirectURL string) *Server {
	s := &Server{
		ClientID: clientID, ClientSecret: clientSecret, RedirectURL: redirectURL,
		codes: map[string]Account{}, tokens: map[string]Account{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", s.token)
	mux.HandleFunc("GET /v2/user/me", s.me)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Authorize stands for the user signing in on Kakao's page: it returns the
// code Kakao would put in the redirect.
func (s *Server) Authorize(a Account) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	code := "code-" + random()
	s.codes[code] = a
	return code
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Exchanges++
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		kakaoError(w, http.StatusBadRequest, "invalid_request", "KOE010")
		return
	}
	if err := r.ParseForm(); err != nil {
		kakaoError(w, http.StatusBadRequest, "invalid_request", "KOE010")
		return
	}
	f := r.PostForm
	switch {
	case f.Get("grant_type") != "authorization_code":
		kakaoError(w, http.StatusBadRequest, "unsupported_grant_type", "KOE010")
	case f.Get("client_id") != s.ClientID:
		kakaoError(w, http.StatusUnauthorized, "invalid_client", "KOE101")
	case s.ClientSecret != "" && f.Get("client_secret") != s.ClientSecret:
		kakaoError(w, http.StatusUnauthorized, "invalid_client", "KOE010")
	case f.Get("redirect_uri") != s.RedirectURL:
		kakaoError(w, http.StatusBadRequest, "invalid_grant", "KOE303")
	default:
		a, ok := s.codes[f.Get("code")]
		if !ok {
			// Kakao echoes the code in error_description; the client must not.
			writeJSON(w, http.StatusBadRequest, map[string]any{
				"error": "invalid_grant", "error_code": "KOE320",
				"error_description": "authorization code not found for code=" + f.Get("code"),
			})
			return
		}
		delete(s.codes, f.Get("code"))
		token := "kakao-access-" + random()
		s.tokens[token] = a
		writeJSON(w, http.StatusOK, map[string]any{
			"token_type": "bearer", "access_token": token, "expires_in": 43199,
			"refresh_token": "kakao-refresh-" + random(), "refresh_token_expires_in": 5183999,
			"scope": "account_email profile_image profile_nickname",
		})
	}
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	a, ok := s.tokens[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	s.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"msg": "this access token does not exist", "code": -401})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id":           a.ID,
		"connected_at": "2026-11-01T01:45:28Z",
		"kakao_account": map[string]any{
			"profile_nickname_needs_agreement": false,
			"profile_image_needs_agreement":    false,
			"profile": map[string]any{
				"nickname": a.Nickname, "thumbnail_image_url": a.Thumbnail,
				"profile_image_url": a.Thumbnail, "is_default_image": a.Thumbnail == "",
			},
			"has_email":             a.Email != "",
			"email_needs_agreement": false,
			"is_email_valid":        a.Email != "",
			"is_email_verified":     a.EmailVerified,
			"email":                 a.Email,
		},
	})
}

func kakaoError(w http.ResponseWriter, status int, name, code string) {
	writeJSON(w, status, map[string]any{"error": name, "error_code": code, "error_description": name})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func random() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
