package gqlobject

import (
	"context"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
)

// ResolveNow resolves field i of m on the calling goroutine, where
// FieldSet.ResolveConcurrently would schedule it on a goroutine of its own
// when m is dispatched. It takes ResolveConcurrently's arguments after the
// object's context and the field: a deferred field is still scheduled, for
// the later payload that carries it.
//
// internal/graphgen uses it for the types whose resolvers are all served
// by loaders that fetch every row announced to them at the first load (see
// package loader): their fields do not wait on each other, so goroutines
// only cost their start, their stacks' growth and the scheduler.
func ResolveNow(
	ctx context.Context,
	m *graphql.FieldSet,
	field graphql.CollectedField,
	oc *graphql.OperationContext,
	deferred *graphql.DeferredGroup,
	i int,
	recoverFromPanic bool,
	nonNull bool,
	resolve func(ctx context.Context) graphql.Marshaler,
) {
	if field.IsDeferred() {
		m.ResolveConcurrently(oc, deferred, i, recoverFromPanic, nonNull, resolve)
		return
	}
	v := resolveRecovering(ctx, oc, recoverFromPanic, resolve)
	m.Values[i] = v
	// The value that makes the object invalid: null where the schema
	// forbids it, or a nullable field's own report that it must be.
	invalid := graphql.RequiredNull
	if nonNull {
		invalid = graphql.Null
	}
	if v == invalid {
		atomic.AddUint32(&m.Invalids, 1)
	}
}

// resolveRecovering reports a panic in resolve through oc and makes the
// field null, as gqlgen's scheduled fields do.
func resolveRecovering(ctx context.Context, oc *graphql.OperationContext, recoverFromPanic bool, resolve func(context.Context) graphql.Marshaler) (res graphql.Marshaler) {
	if recoverFromPanic {
		defer func() {
			if r := recover(); r != nil {
				oc.Error(ctx, oc.Recover(ctx, r))
				res = graphql.Null
			}
		}()
	}
	return resolve(ctx)
}
