package gqlfield_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/claco/claco/internal/gqlfield"
)

type resolveFunc[T any] func(
	ctx context.Context,
	oc *graphql.OperationContext,
	field graphql.CollectedField,
	initializeFieldContext func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error),
	fieldResolver func(ctx context.Context) (any, error),
	middlewareChain func(ctx context.Context, next graphql.Resolver) graphql.Resolver,
	marshal func(ctx context.Context, sel ast.SelectionSet, v T) graphql.Marshaler,
	recoverFromPanic bool,
	nonNull bool,
) graphql.Marshaler

// outcome is what a client sees of a resolved field: the JSON written, the
// errors with their paths, and which field interceptors ran.
type outcome struct {
	json        string
	errors      string
	intercepted int
}

func resolve[T any](t *testing.T, how resolveFunc[T], value any, err error, marshal func(context.Context, ast.SelectionSet, T) graphql.Marshaler) outcome {
	t.Helper()
	var o outcome
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, func(context.Context, any) error { return errors.New("internal") })
	oc := &graphql.OperationContext{
		ResolverMiddleware: func(ctx context.Context, next graphql.Resolver) (any, error) {
			o.intercepted++
			return next(ctx)
		},
		RecoverFunc: func(context.Context, any) error { return errors.New("internal") },
	}
	ctx = graphql.WithOperationContext(ctx, oc)
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Concert", Field: graphql.CollectedField{Field: &ast.Field{Name: "concert", Alias: "concert"}}})
	field := graphql.CollectedField{Field: &ast.Field{Name: "score", Alias: "score"}}
	m := how(ctx, oc, field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return graphql.NewScalarFieldContext("ConcertKeyword", field, false, false, "Float")
		},
		func(context.Context) (any, error) { return value, err },
		nil, marshal, true, true)
	var out bytes.Buffer
	m.MarshalGQL(&out)
	o.json = out.String()
	for _, e := range graphql.GetErrors(ctx) {
		o.errors += e.Path.String() + ": " + e.Message + "; "
	}
	return o
}

func marshalFloat(ctx context.Context, _ ast.SelectionSet, v float64) graphql.Marshaler {
	res := graphql.MarshalFloatContext(v)
	if res == graphql.Null {
		graphql.AddInvalidNullFromMarshaler(ctx, "Float!")
	}
	return graphql.WrapContextMarshaler(ctx, res)
}

func marshalOptionalString(_ context.Context, _ ast.SelectionSet, v *string) graphql.Marshaler {
	if v == nil {
		return graphql.Null
	}
	return graphql.MarshalString(*v)
}

// TestPlainAnswersAsGqlgenDoes resolves the same fields with Plain and with
// gqlgen's ResolveField: the client sees the same JSON and the same errors
// on the same paths; only a value that is present skips the interceptors.
func TestPlainAnswersAsGqlgenDoes(t *testing.T) {
	title := "Bach"
	cases := []struct {
		name     string
		value    any
		err      error
		fastPath bool
	}{
		{name: "a float", value: 0.75, fastPath: true},
		{name: "NaN", value: math.NaN()},
		{name: "infinity", value: math.Inf(1)},
		{name: "missing", value: nil},
		{name: "failing", value: nil, err: errors.New("boom")},
		{name: "a present optional string", value: &title, fastPath: true},
		{name: "an absent optional string", value: (*string)(nil), fastPath: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var plain, gqlgen outcome
			if _, ok := c.value.(*string); ok {
				plain = resolve(t, gqlfield.Plain[*string], c.value, c.err, marshalOptionalString)
				gqlgen = resolve(t, graphql.ResolveField[*string], c.value, c.err, marshalOptionalString)
			} else {
				plain = resolve(t, gqlfield.Plain[float64], c.value, c.err, marshalFloat)
				gqlgen = resolve(t, graphql.ResolveField[float64], c.value, c.err, marshalFloat)
			}
			if plain.json != gqlgen.json || plain.errors != gqlgen.errors {
				t.Errorf("Plain wrote %s with errors %q; gqlgen writes %s with errors %q", plain.json, plain.errors, gqlgen.json, gqlgen.errors)
			}
			if gqlgen.intercepted != 1 {
				t.Fatalf("gqlgen ran the interceptor %d times", gqlgen.intercepted)
			}
			if want := map[bool]int{true: 0, false: 1}[c.fastPath]; plain.intercepted != want {
				t.Errorf("Plain ran the interceptor %d times, want %d", plain.intercepted, want)
			}
		})
	}
}
