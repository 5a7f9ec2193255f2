// Package gqldefer builds gqlgen's @defer groups with their response path
// computed only when a field is deferred.
//
// gqlgen's generated executor makes a graphql.DeferredGroup for every object
// it resolves, and graphql.NewDeferredGroup computes the object's path then,
// allocating it from the field contexts. Fields are hardly ever deferred, so
// that path was 6 % of the server's CPU on the browse page, for nothing.
// internal/graphgen points the generated code at NewGroup, and hands the
// group to ProcessDeferredGroup through WithPath.
package gqldefer

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// NewGroup is graphql.NewDeferredGroup without the path.
func NewGroup(ctx context.Context) graphql.DeferredGroup {
	return graphql.DeferredGroup{
		FieldSet: graphql.NewFieldSet(nil),
		Defers:   make(map[string]*graphql.FieldSetView),
		Context:  ctx,
	}
}

// WithPath gives a group that holds deferred fields the path
// graphql.NewDeferredGroup would have given it: that of the context it was
// made with. A group with nothing deferred is returned as it is.
func WithPath(g graphql.DeferredGroup) graphql.DeferredGroup {
	if len(g.Defers) > 0 && g.Path == nil {
		g.Path = graphql.GetPath(g.Context)
	}
	return g
}
