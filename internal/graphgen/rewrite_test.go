package main

import (
	"strings"
	"testing"
)

// TestInlineRewritesOnlyTheNamedMarshallers checks the list rewrite on
// source of the generated shape.
func TestInlineRewritesOnlyTheNamedMarshallers(t *testing.T) {
	src := `package graph

import "github.com/99designs/gqlgen/graphql"

type executionContext struct{}

func (ec *executionContext) marshalNTag2(v []int) graphql.Array {
	return graphql.MarshalSliceConcurrently(nil, len(v), 0, false, nil)
}

func (ec *executionContext) marshalNConcert2(v []int) graphql.Array {
	return graphql.MarshalSliceConcurrently(nil, len(v), 0, false, nil)
}
`
	out, n, err := rewrite([]byte(src), plan{marshallers: map[string]bool{"marshalNTag2": true}})
	if err != nil || n != (rewritten{lists: 1}) {
		t.Fatalf("rewrite: %+v, %v", n, err)
	}
	got := string(out)
	if !strings.Contains(got, `"github.com/claco/claco/internal/gqllist"`) ||
		strings.Count(got, "gqllist.MarshalInline(nil, len(v), 0, false, nil)") != 1 ||
		strings.Count(got, "graphql.MarshalSliceConcurrently(") != 1 {
		t.Fatalf("rewritten source:\n%s", got)
	}
}

// TestDeferredGroupsGetTheirPathLate checks the @defer rewrite on source of
// the generated shape.
func TestDeferredGroupsGetTheirPathLate(t *testing.T) {
	src := `package graph

import "github.com/99designs/gqlgen/graphql"

type executionContext struct{}

func (ec *executionContext) ProcessDeferredGroup(graphql.DeferredGroup) {}

func (ec *executionContext) _Concert(ctx context.Context) {
	deferred := graphql.NewDeferredGroup(ctx)
	if len(deferred.Defers) > 0 {
		ec.ProcessDeferredGroup(deferred)
	}
}
`
	out, n, err := rewrite([]byte(src), plan{})
	if err != nil || n != (rewritten{groups: 1, pathsLater: 1}) {
		t.Fatalf("rewrite: %+v, %v", n, err)
	}
	got := string(out)
	for _, want := range []string{`"github.com/claco/claco/internal/gqldefer"`, "deferred := gqldefer.NewGroup(ctx, fields)", "ec.ProcessDeferredGroup(gqldefer.WithPath(deferred))"} {
		if !strings.Contains(got, want) {
			t.Fatalf("rewritten source lacks %q:\n%s", want, got)
		}
	}
}

// TestPlainFieldsAndObjectsRewrite checks the field and object rewrites on
// source of the generated shape.
func TestPlainFieldsAndObjectsRewrite(t *testing.T) {
	src := `package graph

import "github.com/99designs/gqlgen/graphql"

type executionContext struct{}

func (ec *executionContext) _Concert_title(ctx context.Context, field graphql.CollectedField, obj *ent.Concert) graphql.Marshaler {
	return graphql.ResolveField(ctx, ec.OperationContext, field, nil, nil, nil, ec.marshalNString2string, true, true)
}

func (ec *executionContext) _Concert_likeCount(ctx context.Context, field graphql.CollectedField, obj *ent.Concert) graphql.Marshaler {
	return graphql.ResolveField(ctx, ec.OperationContext, field, nil, nil, nil, ec.marshalNInt2int, true, true)
}

func (ec *executionContext) _Concert(ctx context.Context, sel ast.SelectionSet, obj *ent.Concert) graphql.Marshaler {
	fields := graphql.CollectFields(ec.OperationContext, sel, concertImplementors)
	out := graphql.NewFieldSet(fields)
	for i, field := range fields {
		out.ResolveConcurrently(ec.OperationContext, &deferred, i, true, true, nil)
	}
	out.Dispatch(ctx)
	if out.Invalids > 0 {
		return graphql.Null
	}
	return out
}

func (ec *executionContext) _TicketReview(ctx context.Context, sel ast.SelectionSet, obj *ent.TicketReview) graphql.Marshaler {
	fields := graphql.CollectFields(ec.OperationContext, sel, ticketReviewImplementors)
	out := graphql.NewFieldSet(fields)
	for i, field := range fields {
		out.ResolveConcurrently(ec.OperationContext, &deferred, i, true, true, nil)
	}
	out.Dispatch(ctx)
	return out
}
`
	out, n, err := rewrite([]byte(src), plan{plainFields: map[string]bool{"_Concert_title": true}, now: map[string]bool{"_Concert": true}})
	if err != nil || n != (rewritten{plain: 1, objects: 2, fieldSets: 2, now: 1}) {
		t.Fatalf("rewrite: %+v, %v", n, err)
	}
	got := string(out)
	for _, want := range []string{
		`"github.com/claco/claco/internal/gqlfield"`, `"github.com/claco/claco/internal/gqlobject"`,
		"return gqlfield.Plain(ctx, ec.OperationContext, field, nil, nil, nil, ec.marshalNString2string, true, true)",
		"return graphql.ResolveField(ctx, ec.OperationContext, field, nil, nil, nil, ec.marshalNInt2int, true, true)",
		"return graphql.Null", "return gqlobject.Of(fields, out)",
		"gqlobject.ResolveNow(ctx, out, field, ec.OperationContext, &deferred, i, true, true, nil)",
		"out.ResolveConcurrently(ec.OperationContext, &deferred, i, true, true, nil)",
	} {
		if !strings.Contains(got, want) {
			t.Fatalf("rewritten source lacks %q:\n%s", want, got)
		}
	}
}
