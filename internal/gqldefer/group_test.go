package gqldefer_test

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/claco/claco/internal/gqldefer"
)

func TestWithPathGivesTheGroupItsObjectsPath(t *testing.T) {
	ctx := graphql.WithFieldContext(context.Background(), &graphql.FieldContext{
		Field: graphql.CollectedField{Field: &ast.Field{Name: "concert", Alias: "concert"}},
	})
	want := graphql.GetPath(ctx)

	plain := []graphql.CollectedField{{Field: &ast.Field{Name: "title", Alias: "title"}}}
	deferred := append(plain, graphql.CollectedField{
		Field:       &ast.Field{Name: "reviews", Alias: "reviews"},
		Deferrables: []*graphql.Deferrable{{Label: "later"}},
	})

	idle := gqldefer.WithPath(gqldefer.NewGroup(ctx, plain))
	if idle.Path != nil || idle.FieldSet != nil || idle.Defers != nil {
		t.Fatalf("a group with nothing deferred got a path, field set or map: %+v", idle)
	}
	g := gqldefer.NewGroup(ctx, deferred)
	if g.FieldSet == nil {
		t.Fatal("a group with a deferred field has no field set to resolve it in")
	}
	g.Defers["later"] = nil
	if got := gqldefer.WithPath(g).Path; got.String() != want.String() || got.String() != "concert" {
		t.Fatalf("path %q, want %q", got.String(), want.String())
	}
	if fresh := graphql.NewDeferredGroup(ctx); fresh.Path.String() != want.String() {
		t.Fatalf("gqlgen's own group has path %q", fresh.Path.String())
	}
}
