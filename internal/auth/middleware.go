package auth

import (
	"net/http"
	"strings"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/refreshtoken"
)

// Authenticator turns a request's bearer token into its principal.
type Authenticator struct {
	Tokens *Tokens
	DB     *ent.Client
	// Cache, when set, spares the session query of a session checked
	// moments ago (see SessionCache).
	Cache *SessionCache
}

// Middleware puts the caller's principal in the request context. A request
// without a token is anonymous; one with a token that is malformed, forged,
// expired, or whose member or session has ended carries that verdict instead,
// and every operation that needs a principal answers UNAUTHENTICATED.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		header := r.Header.Get("Authorization")
		if header == "" {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		scheme, token, ok := strings.Cut(header, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			next.ServeHTTP(w, r.WithContext(withTokenError(ctx, ErrInvalidToken)))
			return
		}
		memberID, session, err := a.Tokens.Verify(strings.TrimSpace(token))
		if err != nil {
			next.ServeHTTP(w, r.WithContext(withTokenError(ctx, err)))
			return
		}
		if role, ok := a.Cache.role(memberID, session); ok {
			next.ServeHTTP(w, r.WithContext(WithPrincipal(ctx, Principal{MemberID: memberID, Role: role, Session: session})))
			return
		}
		generation := a.Cache.current()
		// One query: the member is live and this session has not been revoked.
		m, err := a.DB.Member.Query().
			Where(member.ID(memberID), member.HasRefreshTokensWith(refreshtoken.Family(session), refreshtoken.RevokedAtIsNil())).
			Only(ctx)
		switch {
		case ent.IsNotFound(err):
			ctx = withTokenError(ctx, ErrInvalidToken)
		case err != nil:
			// The database did not answer: the request goes on anonymous,
			// and what needs the caller fails with a GraphQL error.
			ctx = withTokenError(ctx, &unavailableError{err})
		default:
			a.Cache.remember(m.ID, session, m.Role, generation)
			ctx = WithPrincipal(ctx, Principal{MemberID: m.ID, Role: m.Role, Session: session})
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
