// Package gqlfield resolves the GraphQL fields that only read a value the
// parent object already holds.
//
// gqlgen resolves every field the same way: it allocates a field context,
// puts it in a new context, defers a panic guard and runs the field
// interceptors around a closure. For a field that reads a struct field of a
// scalar or enum type (a concert's title, a keyword score) none of that can
// matter unless the value is missing, yet on the browse page such fields are
// two thirds of all fields and their contexts a third of the allocation.
// internal/graphgen points those fields' generated code at Plain.
//
// Field interceptors (handler.Server.AroundFields) therefore do not see plain
// fields: they see every field that runs code (resolvers, methods,
// directives) and every object or list field.
package gqlfield

import (
	"context"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Plain takes graphql.ResolveField's arguments, so that the generated call
// changes only in the function it names. It reads the value and marshals
// it; whenever that could need the field's context (an error, a missing
// value, a float JSON cannot hold, a directive chain), it resolves the field
// gqlgen's way instead, which reports it on the field's path.
func Plain[T any](
	ctx context.Context,
	oc *graphql.OperationContext,
	field graphql.CollectedField,
	initializeFieldContext func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error),
	fieldResolver func(ctx context.Context) (any, error),
	middlewareChain func(ctx context.Context, next graphql.Resolver) graphql.Resolver,
	marshal func(ctx context.Context, sel ast.SelectionSet, v T) graphql.Marshaler,
	recoverFromPanic bool,
	nonNull bool,
) graphql.Marshaler {
	if middlewareChain == nil {
		if v, err := fieldResolver(ctx); err == nil {
			if t, ok := v.(T); ok && present(v) {
				return marshal(ctx, field.Selections, t)
			}
		}
	}
	return graphql.ResolveField(ctx, oc, field, initializeFieldContext, fieldResolver, middlewareChain, marshal, recoverFromPanic, nonNull)
}

// present reports whether v is a value the field's marshaller writes
// without an error: not nil, and not a float JSON cannot hold. graphgen
// points at Plain only fields of non-pointer types, and of pointer types
// that may be null, whose marshallers write nil as null without an error.
func present(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case float64:
		return !math.IsNaN(x) && !math.IsInf(x, 0)
	case *float64:
		return x == nil || !math.IsNaN(*x) && !math.IsInf(*x, 0)
	}
	return true
}
