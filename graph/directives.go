package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/auth"
)

// requireAuth implements @auth: the field needs a signed-in caller.
func requireAuth(ctx context.Context, _ any, next graphql.Resolver) (any, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	return next(ctx)
}

// requireRole implements @hasRole: the caller's role, as stored now, is role or above.
func requireRole(ctx context.Context, _ any, next graphql.Resolver, role member.Role) (any, error) {
	if _, err := auth.RequireRole(ctx, role); err != nil {
		return nil, err
	}
	return next(ctx)
}
