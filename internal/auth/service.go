package auth

import (
	"context"
	"net/http"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apperr"
)

// Service signs members in and keeps their sessions: it pairs a refresh
// token in an HttpOnly cookie with a short-lived access token in the response
// body. No token ever travels in a URL.
type Service struct {
	DB       *ent.Client
	Tokens   *Tokens
	Sessions *Sessions
	Cookies  Cookies
}

// SignIn starts a new session for m (a new device) and sets its cookie.
func (s *Service) SignIn(ctx context.Context, w http.ResponseWriter, r *http.Request, m *ent.Member) (AccessToken, error) {
	refresh, err := s.Sessions.Start(ctx, m.ID, r.UserAgent())
	if err != nil {
		return AccessToken{}, err
	}
	s.Cookies.Set(w, refresh)
	actFor(ctx, m, refresh.Session)
	return s.Tokens.Mint(m.ID, m.Role, refresh.Session)
}

// actFor makes the rest of the request act for the member who just signed in.
func actFor(ctx context.Context, m *ent.Member, session string) {
	if ex, ok := ExchangeFrom(ctx); ok {
		ex.SignedIn(Principal{MemberID: m.ID, Role: m.Role, Session: session})
	}
}

// Refresh rotates the request's refresh cookie and returns a fresh access
// token with the member's current role.
func (s *Service) Refresh(ctx context.Context, w http.ResponseWriter, r *http.Request) (AccessToken, *ent.Member, error) {
	next, memberID, err := s.Sessions.Rotate(ctx, s.Cookies.Read(r), r.UserAgent())
	if err != nil {
		if apperr.CodeOf(err) == apperr.Unauthenticated {
			s.Cookies.Clear(w)
		}
		return AccessToken{}, nil, err
	}
	m, err := s.DB.Member.Get(ctx, memberID)
	if ent.IsNotFound(err) {
		s.Cookies.Clear(w)
		return AccessToken{}, nil, errSessionEnded
	}
	if err != nil {
		return AccessToken{}, nil, err
	}
	s.Cookies.Set(w, next)
	actFor(ctx, m, next.Session)
	tok, err := s.Tokens.Mint(m.ID, m.Role, next.Session)
	return tok, m, err
}

// Reissue mints a new access token in the caller's session, e.g. once their
// role changed.
func (s *Service) Reissue(p Principal, m *ent.Member) (AccessToken, error) {
	return s.Tokens.Mint(m.ID, m.Role, p.Session)
}

// Logout ends the session of the request's refresh cookie and of its access
// token, and clears the cookie. Logging out twice is fine.
func (s *Service) Logout(ctx context.Context, w http.ResponseWriter, r *http.Request) error {
	family, err := s.Sessions.SessionOf(ctx, s.Cookies.Read(r))
	if err != nil {
		return err
	}
	if p, ok := PrincipalFrom(ctx); ok && family == "" {
		family = p.Session
	}
	if family != "" {
		if err := s.Sessions.RevokeSession(ctx, family); err != nil {
			return err
		}
	}
	s.Cookies.Clear(w)
	return nil
}
