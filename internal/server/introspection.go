package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/auth"
)

// adminIntrospection lets admins alone introspect the schema: in
// production the playground is an admin's tool (it sends their token as a
// header), and the schema is nobody else's business. Others get
// UNAUTHENTICATED or FORBIDDEN, as for any admin operation.
type adminIntrospection struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
	graphql.FieldInterceptor
} = adminIntrospection{}

func (adminIntrospection) ExtensionName() string { return "AdminIntrospection" }

func (adminIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext turns introspection on; InterceptField guards it.
func (adminIntrospection) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	rc.DisableIntrospection = false
	return nil
}

func (adminIntrospection) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Object == "Query" && (fc.Field.Name == "__schema" || fc.Field.Name == "__type") {
		if _, err := auth.RequireRole(ctx, member.RoleADMIN); err != nil {
			return nil, err
		}
	}
	return next(ctx)
}
