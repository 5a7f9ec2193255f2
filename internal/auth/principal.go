// Package auth owns who is calling: the access tokens that say so, the
// sessions (refresh tokens) behind them, the principal a request acts for,
// and the role checks every personal operation goes through.
package auth

import (
	"context"
	"errors"

	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/apperr"
)

// Principal is the signed-in member a request acts for.
type Principal struct {
	MemberID int
	// Role as stored now, not as it was when the token was minted.
	Role member.Role
	// Session is the refresh-token family the access token belongs to.
	Session string
}

// rank orders roles: each includes what the ones below may do.
var rank = map[member.Role]int{member.RoleSOCIAL: 1, member.RoleMEMBER: 2, member.RoleADMIN: 3}

// Has reports whether the principal's role is role or above it.
func (p Principal) Has(role member.Role) bool { return rank[p.Role] >= rank[role] }

type principalKey struct{}
type tokenErrorKey struct{}

// WithPrincipal returns ctx acting for p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// withTokenError records that the request presented an access token that
// cannot be trusted; operations that need a principal report it.
func withTokenError(ctx context.Context, err error) context.Context {
	return context.WithValue(ctx, tokenErrorKey{}, err)
}

// PrincipalFrom returns the principal of ctx, and false when the caller is anonymous.
// A sign-in made earlier in the same request counts: see Exchange.SignedIn.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	if p, ok := ctx.Value(principalKey{}).(Principal); ok {
		return p, true
	}
	if e, ok := ExchangeFrom(ctx); ok && e.signedIn != nil {
		if p := e.signedIn.Load(); p != nil {
			return *p, true
		}
	}
	return Principal{}, false
}

// Require returns the caller, or UNAUTHENTICATED saying why there is none.
func Require(ctx context.Context) (Principal, error) {
	if p, ok := PrincipalFrom(ctx); ok {
		return p, nil
	}
	if err, ok := ctx.Value(tokenErrorKey{}).(error); ok {
		var down *unavailableError
		if errors.As(err, &down) {
			code := apperr.Internal
			if errors.Is(err, context.DeadlineExceeded) {
				code = apperr.Timeout
			}
			return Principal{}, &apperr.Error{Code: code, Message: "the sign-in could not be checked; try again"}
		}
		msg := "the access token is not valid; sign in again"
		if errors.Is(err, ErrExpiredToken) {
			msg = "the access token has expired; refresh the session"
		}
		return Principal{}, apperr.New(apperr.Unauthenticated, "%s", msg)
	}
	return Principal{}, apperr.New(apperr.Unauthenticated, "sign in first")
}

// RequireRole returns the caller if their role is role or above, or
// UNAUTHENTICATED / FORBIDDEN.
func RequireRole(ctx context.Context, role member.Role) (Principal, error) {
	p, err := Require(ctx)
	if err != nil {
		return p, err
	}
	if !p.Has(role) {
		if role == member.RoleMEMBER && p.Role == member.RoleSOCIAL {
			return p, apperr.New(apperr.Forbidden, "finish onboarding first")
		}
		return p, apperr.New(apperr.Forbidden, "this needs the %s role", role)
	}
	return p, nil
}

// PresentedToken reports whether the request carried an access token, valid or not.
func PresentedToken(ctx context.Context) bool {
	if _, ok := PrincipalFrom(ctx); ok {
		return true
	}
	_, bad := ctx.Value(tokenErrorKey{}).(error)
	return bad
}

// unavailableError is a token that could not be checked because the
// database did not answer.
type unavailableError struct{ err error }

func (e *unavailableError) Error() string { return "session check failed: " + e.err.Error() }
func (e *unavailableError) Unwrap() error { return e.err }
