// Package gqldefer builds gqlgen's @defer groups only for objects with a
// deferred field, and their response path only when it is needed.
//
// gqlgen's generated executor makes a graphql.DeferredGroup for every object
// it resolves: a field set, a map, and the object's path, allocated from the
// field contexts. Fields are hardly ever deferred, so that path was 6 % of
// the server's CPU on the browse page, and the rest 8 % of the bytes it
// allocated, for nothing. internal/graphgen points the generated code at
// NewGroup, and hands the group to ProcessDeferredGroup through WithPath.
package gqldefer

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
)

// NewGroup is graphql.NewDeferredGroup without the path, for an object
// with these fields. If none of them is deferred, the group is empty: the
// generated code then never touches its field set or adds to its Defers.
func NewGroup(ctx context.Context, fields []graphql.CollectedField) graphql.DeferredGroup {
	if !slices.ContainsFunc(fields, graphql.CollectedField.IsDeferred) {
		return graphql.DeferredGroup{Context: ctx}
	}
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
