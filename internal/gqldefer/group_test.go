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

	idle := gqldefer.WithPath(gqldefer.NewGroup(ctx))
	if idle.Path != nil {
		t.Fatalf("a group with nothing deferred got a path: %v", idle.Path)
	}
	g := gqldefer.NewGroup(ctx)
	g.Defers["later"] = nil
	if got := gqldefer.WithPath(g).Path; got.String() != want.String() || got.String() != "concert" {
		t.Fatalf("path %q, want %q", got.String(), want.String())
	}
	if fresh := graphql.NewDeferredGroup(ctx); fresh.Path.String() != want.String() {
		t.Fatalf("gqlgen's own group has path %q", fresh.Path.String())
	}
}
