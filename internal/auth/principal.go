// Package auth owns who is calling: the principal a request acts for, the
// access tokens that prove it, and the sessions (refresh tokens) behind them.
package auth

import (
	"context"

	"github.com/claco/claco/ent/member"
)

// Principal is the signed-in member a request acts for.
type Principal struct {
	MemberID int
	Role     member.Role
}

type principalKey struct{}

// WithPrincipal returns ctx acting for p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal of ctx, and false when the caller is anonymous.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
