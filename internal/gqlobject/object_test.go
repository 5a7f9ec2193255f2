package gqlobject_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/claco/claco/internal/gqlobject"
)

// TestOfWritesWhatGqlgenWrites compares Of with gqlgen's own FieldSet
// marshalling, with repeated aliases in small and large objects.
func TestOfWritesWhatGqlgenWrites(t *testing.T) {
	cases := map[string][]string{
		"empty":            {},
		"one":              {"id"},
		"several":          {"id", "title", "likeCount"},
		"repeated alias":   {"id", "title", "id", "venue", "title"},
		"large":            aliases(40, 40),
		"large, repeated":  aliases(40, 7),
		"just over linear": aliases(17, 5),
	}
	for name, names := range cases {
		t.Run(name, func(t *testing.T) {
			fields := make([]graphql.CollectedField, len(names))
			for i, n := range names {
				fields[i] = graphql.CollectedField{Field: &ast.Field{Name: "f", Alias: n}}
			}
			set := graphql.NewFieldSet(fields)
			for i := range fields {
				set.Values[i] = graphql.MarshalInt(i)
			}
			if len(fields) > 0 {
				set.Values[len(fields)/2] = graphql.Null
			}
			var want, got bytes.Buffer
			set.MarshalGQL(&want)
			gqlobject.Of(fields, set).MarshalGQL(&got)
			if got.String() != want.String() {
				t.Errorf("wrote %s, gqlgen writes %s", got.String(), want.String())
			}
		})
	}
}

// aliases makes n aliases out of distinct names.
func aliases(n, distinct int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("a%d", (i*7)%distinct)
	}
	return out
}
