package gqlobject_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/claco/claco/internal/gqlobject"
)

// TestResolveNowAnswersAsResolveConcurrentlyDoes resolves the same fields
// both ways: the values, the object's validity and the errors agree, and
// ResolveNow has nothing left for Dispatch.
func TestResolveNowAnswersAsResolveConcurrentlyDoes(t *testing.T) {
	fields := []graphql.CollectedField{
		{Field: &ast.Field{Name: "likeCount", Alias: "likeCount"}},
		{Field: &ast.Field{Name: "averageRating", Alias: "averageRating"}},
		{Field: &ast.Field{Name: "keywords", Alias: "keywords"}},
	}
	cases := map[string][]func(context.Context) graphql.Marshaler{
		"all present": {
			func(context.Context) graphql.Marshaler { return graphql.MarshalInt(3) },
			func(context.Context) graphql.Marshaler { return graphql.MarshalFloat(4.5) },
			func(context.Context) graphql.Marshaler { return graphql.MarshalString("grand") },
		},
		"a nullable field null": {
			func(context.Context) graphql.Marshaler { return graphql.MarshalInt(3) },
			func(context.Context) graphql.Marshaler { return graphql.Null },
			func(context.Context) graphql.Marshaler { return graphql.MarshalString("grand") },
		},
		"a non-null field null": {
			func(context.Context) graphql.Marshaler { return graphql.Null },
			func(context.Context) graphql.Marshaler { return graphql.MarshalFloat(4.5) },
			func(context.Context) graphql.Marshaler { return graphql.MarshalString("grand") },
		},
		"a panic": {
			func(context.Context) graphql.Marshaler { return graphql.MarshalInt(3) },
			func(context.Context) graphql.Marshaler { return graphql.MarshalFloat(4.5) },
			func(context.Context) graphql.Marshaler { panic("keywords broke") },
		},
	}
	nonNull := []bool{true, false, true}
	for name, resolvers := range cases {
		t.Run(name, func(t *testing.T) {
			resolve := func(now bool) (string, uint32, int) {
				ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, func(context.Context, any) error { return errors.New("internal") })
				oc := &graphql.OperationContext{RecoverFunc: func(context.Context, any) error { return errors.New("internal") }}
				out := graphql.NewFieldSet(fields)
				deferred := graphql.NewDeferredGroup(ctx)
				for i, field := range fields {
					if now {
						gqlobject.ResolveNow(ctx, out, field, oc, &deferred, i, true, nonNull[i], resolvers[i])
					} else {
						out.ResolveConcurrently(oc, &deferred, i, true, nonNull[i], resolvers[i])
					}
				}
				if now { // nothing is left to dispatch: the values are there
					for i, v := range out.Values {
						if v == nil {
							t.Fatalf("field %d was left for Dispatch", i)
						}
					}
				}
				out.Dispatch(ctx)
				var b bytes.Buffer
				gqlobject.Of(fields, out).MarshalGQL(&b)
				return b.String(), out.Invalids, len(graphql.GetErrors(ctx))
			}
			gotJSON, gotInvalids, gotErrors := resolve(true)
			wantJSON, wantInvalids, wantErrors := resolve(false)
			if gotJSON != wantJSON || gotInvalids != wantInvalids || gotErrors != wantErrors {
				t.Errorf("ResolveNow: %s, %d invalid, %d errors; ResolveConcurrently: %s, %d invalid, %d errors",
					gotJSON, gotInvalids, gotErrors, wantJSON, wantInvalids, wantErrors)
			}
		})
	}
}
