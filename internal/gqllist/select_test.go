package gqllist_test

import (
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/claco/claco/internal/gqllist"
)

const sdl = `
type Query { shows: [Show!]! search: [Result!]! }
type Show { id: ID! title: String! cast: [Person!]! likeCount: Int! }
type Person { name: String! followers: Int! }
union Result = Show | Person
`

// types is what internal/graphgen would write for sdl: likeCount is loaded
// in line (announced), followers on a goroutine of its own.
var types = gqllist.Types{
	"Show": {
		"id":        {},
		"title":     {},
		"cast":      {Object: "Person"},
		"likeCount": {},
	},
	"Person": {
		"name":      {},
		"followers": {Waits: true},
	},
}

func TestWaitsFollowsTheSelection(t *testing.T) {
	schema := gqlparser.MustLoadSchema(&ast.Source{Name: "test.graphqls", Input: sdl})
	for _, c := range []struct {
		query string
		waits bool
	}{
		{`{ shows { id title likeCount __typename } }`, false},
		{`{ shows { cast { name } } }`, false},
		{`{ shows { cast { name followers } } }`, true},
		{`{ shows { ...card } } fragment card on Show { title cast { name } }`, false},
		{`{ shows { ...card } } fragment card on Show { cast { followers } }`, true},
		{`{ shows { ... on Show { title } } }`, false},
		{`{ shows { ... @include(if: true) { title } } }`, false},
		{`{ shows { ... on Show @defer { title } } }`, true},
		{`{ shows { ...card @defer } } fragment card on Show { title }`, true},
	} {
		doc, err := gqlparser.LoadQuery(schema, c.query)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		list := doc.Operations[0].SelectionSet[0].(*ast.Field)
		if got := types.Waits("Show", list.SelectionSet); got != c.waits {
			t.Errorf("%s: waits %t, want %t", c.query, got, c.waits)
		}
	}
	if !types.Waits("Result", nil) {
		t.Error("a type the table does not know must count as waiting")
	}
	if !types.Waits("Show", ast.SelectionSet{&ast.Field{Name: "director"}}) {
		t.Error("a field the table does not know must count as waiting")
	}
}
