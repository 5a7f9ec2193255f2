package main

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	gqlast "github.com/vektah/gqlparser/v2/ast"
)

// TestInlineListsOfClacoSchema checks the choice on the real schema: lists
// of keyword scores and tags never wait; lists of concerts, whose likes and
// keywords come from loaders, keep their goroutines.
func TestInlineListsOfClacoSchema(t *testing.T) {
	t.Chdir("../..")
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		t.Fatal(err)
	}
	// gqlgen's model plugin would add the models it wrote; they are in graph.
	cfg.AutoBind = append(cfg.AutoBind, cfg.Model.ImportPath())
	if err := cfg.Init(); err != nil {
		t.Fatal(err)
	}
	data, err := codegen.BuildData(cfg)
	if err != nil {
		t.Fatal(err)
	}
	inlined := map[string]bool{}
	for name := range inlineMarshallers(data.Objects, data.ReferencedTypes) {
		inlined[strings.SplitN(strings.TrimPrefix(strings.TrimPrefix(name, "marshalN"), "marshalO"), "2", 2)[0]] = true
	}
	for _, want := range []string{"ConcertKeyword", "TagCategory", "PlaceCategory", "Keyword", "SeatPrice"} {
		if !inlined[want] {
			t.Errorf("a list of %s is marshalled concurrently; its fields never wait", want)
		}
	}
	for _, concurrent := range []string{"Concert", "ConcertEdge", "TicketReview", "ClacoBook", "ConcertRecommendation"} {
		if inlined[concurrent] {
			t.Errorf("a list of %s is marshalled in line; its fields wait on loaders", concurrent)
		}
	}
}

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
	out, n, err := rewrite([]byte(src), map[string]bool{"marshalNTag2": true})
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

// TestNeverWaitsDoesNotDependOnOrder: A reaches B, B reaches A, and A has a
// resolver. Both wait, whichever is asked about first.
func TestNeverWaitsDoesNotDependOnOrder(t *testing.T) {
	object := func(name string) *codegen.Object {
		return &codegen.Object{Definition: &gqlast.Definition{Name: name, Kind: gqlast.Object}}
	}
	field := func(of *codegen.Object, to *gqlast.Definition, resolver bool) *codegen.Field {
		return &codegen.Field{
			FieldDefinition: &gqlast.FieldDefinition{Name: "f"},
			TypeReference:   &config.TypeReference{Definition: to},
			IsResolver:      resolver,
			Object:          of,
		}
	}
	a, b, c := object("A"), object("B"), object("C")
	str := &gqlast.Definition{Name: "String", Kind: gqlast.Scalar}
	a.Fields = []*codegen.Field{field(a, b.Definition, false), field(a, str, true)}
	b.Fields = []*codegen.Field{field(b, a.Definition, false)}
	c.Fields = []*codegen.Field{field(c, str, false), field(c, c.Definition, false)}
	for _, order := range [][]string{{"A", "B", "C"}, {"B", "A", "C"}, {"C", "B", "A"}} {
		never := neverWaits(codegen.Objects{a, b, c})
		got := map[string]bool{}
		for _, name := range order {
			got[name] = never(name)
		}
		if got["A"] || got["B"] || !got["C"] {
			t.Errorf("asked in order %v: never waits %v, want only C", order, got)
		}
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
	out, n, err := rewrite([]byte(src), nil)
	if err != nil || n != (rewritten{groups: 1, pathsLater: 1}) {
		t.Fatalf("rewrite: %+v, %v", n, err)
	}
	got := string(out)
	for _, want := range []string{`"github.com/claco/claco/internal/gqldefer"`, "deferred := gqldefer.NewGroup(ctx)", "ec.ProcessDeferredGroup(gqldefer.WithPath(deferred))"} {
		if !strings.Contains(got, want) {
			t.Fatalf("rewritten source lacks %q:\n%s", want, got)
		}
	}
}
