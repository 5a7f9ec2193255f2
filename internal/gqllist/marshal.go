// Package gqllist marshals GraphQL lists whose elements do not wait.
//
// gqlgen marshals every element of a list of objects on a goroutine of its
// own, so that elements whose fields wait on a loader wait together. For
// elements made only of struct fields and methods without a context (a
// concert's keyword scores, a review's tags) nothing waits, and the goroutine
// is pure cost: on the browse page its start and stack growth were a quarter
// of the server's CPU. internal/graphgen points the generated marshallers of
// those lists at MarshalInline instead, and those of the other lists of
// objects at For, which looks at what the operation selects.
package gqllist

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalInline marshals a list's elements one after another on the calling
// goroutine. Its signature is graphql.MarshalSliceConcurrently's, so that the
// generated call changes only in the function it names; workerLimit has no
// meaning here. Each element gets its own field context (its index in error
// paths), and a panic in one element is reported on its path and makes it
// null, as gqlgen's concurrent marshaller does.
func MarshalInline(
	ctx context.Context,
	length int,
	workerLimit int64,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range length {
		elementCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshalElement(elementCtx, i)
			continue
		}
		ret[i] = marshalRecovering(elementCtx, i, marshalElement)
	}
	return ret
}

func marshalRecovering(ctx context.Context, i int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			m = graphql.Null
		}
	}()
	return marshalElement(ctx, i)
}
