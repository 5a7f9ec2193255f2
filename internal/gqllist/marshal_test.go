package gqllist_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/claco/claco/internal/gqllist"
)

func TestMarshalInlineKeepsOrderAndPaths(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, quietRecover)
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: fieldNamed("tags")}})
	words := []string{"a", "b", "c"}
	got := gqllist.MarshalInline(ctx, len(words), 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if i == 1 {
			graphql.AddError(ctx, errors.New("second failed"))
			return graphql.Null
		}
		if i == 2 {
			panic("third panicked")
		}
		return graphql.MarshalString(words[i])
	})
	var out bytes.Buffer
	got.MarshalGQL(&out)
	if out.String() != `["a",null,null]` {
		t.Fatalf("marshalled %s, want [\"a\",null,null]", out.String())
	}
	errs := graphql.GetErrors(ctx)
	if len(errs) != 2 {
		t.Fatalf("errors %v, want the second's and the third's", errs)
	}
	for i, want := range []string{"tags[1]", "tags[2]"} {
		if got := errs[i].Path.String(); got != want {
			t.Errorf("error %d on %q, want %q", i, got, want)
		}
	}
}

func fieldNamed(name string) *ast.Field { return &ast.Field{Name: name, Alias: name} }

func quietRecover(_ context.Context, r any) error { return errors.New("internal error") }
