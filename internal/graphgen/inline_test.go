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
// keywords come from loaders, are not always in line (see
// TestListsOfLoadedTypesChooseBySelection).
func TestInlineListsOfClacoSchema(t *testing.T) {
	data := clacoSchema(t)
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

// TestListsOfLoadedTypesChooseBySelection: the lists that are not always in
// line let the selection choose (gqllist.For), and the table it reads counts
// the loaded fields of the types resolved in line as not waiting (their loads
// are announced), and those of other types as waiting.
func TestListsOfLoadedTypesChooseBySelection(t *testing.T) {
	data := clacoSchema(t)
	inline := inlineMarshallers(data.Objects, data.ReferencedTypes)
	chosen := map[string]bool{}
	for name, typ := range chosenMarshallers(data.Objects, data.ReferencedTypes, inline) {
		if inline[name] {
			t.Errorf("%s is both in line and chosen", name)
		}
		chosen[typ] = true
	}
	for _, want := range []string{"Concert", "ConcertEdge", "TicketReview", "TicketReviewEdge", "ClacoBook"} {
		if !chosen[want] {
			t.Errorf("a list of %s does not let the selection choose", want)
		}
	}
	table := tableOf(data.Objects)
	for _, c := range []struct {
		typ, field string
		waits      bool
	}{
		{"Concert", "likeCount", false}, // announced
		{"Concert", "keywords", false},
		{"TicketReview", "author", false},
		{"Member", "likeCount", true},
		{"ClacoBook", "tickets", true},
	} {
		if f, ok := table[c.typ][c.field]; !ok || f.Waits != c.waits {
			t.Errorf("%s.%s: %+v (found %t), want waits %t", c.typ, c.field, f, ok, c.waits)
		}
	}
	if table["Concert"]["keywords"].Object != "ConcertKeyword" {
		t.Errorf("Concert.keywords leads to %q, want ConcertKeyword", table["Concert"]["keywords"].Object)
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

// clacoSchema is what gqlgen builds its executor from, for Claco's schema.
func clacoSchema(t *testing.T) *codegen.Data {
	t.Helper()
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
	return data
}
