// Package gqlobject writes a resolved GraphQL object as JSON.
//
// gqlgen's FieldSet.MarshalGQL walks the fields through an iterator that
// copies each collected field onto the heap, and keeps a map of the aliases
// written so far, for every object of a response: 17 % of the bytes the
// browse page allocated. internal/graphgen makes the generated object
// marshallers return Of(fields, out) instead of out.
package gqlobject

import (
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// linearLimit is how many fields an object may have before repeated aliases
// are found with a map rather than by looking back: an operation can alias
// one field thousands of times, and looking back would then be quadratic.
const linearLimit = 16

// Of is what the generated marshaller returns for an object whose fields it
// resolved into set: fields are the collected fields set was made with.
// Values are read when the object is written, after set was dispatched.
func Of(fields []graphql.CollectedField, set *graphql.FieldSet) graphql.Marshaler {
	return object{fields: fields, values: set.Values}
}

type object struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

// MarshalGQL writes the fields in order, each alias once (the first field
// with an alias wins, as in gqlgen). An alias is a GraphQL name
// ([_A-Za-z][_0-9A-Za-z]*), so it needs no escaping.
func (o object) MarshalGQL(w io.Writer) {
	var seen map[string]struct{}
	if len(o.fields) > linearLimit {
		seen = make(map[string]struct{}, len(o.fields))
	}
	_, _ = io.WriteString(w, "{")
	first := true
	for i := range o.fields {
		alias := o.fields[i].Alias
		if o.repeated(i, alias, seen) {
			continue
		}
		if first {
			_, _ = io.WriteString(w, `"`)
			first = false
		} else {
			_, _ = io.WriteString(w, `,"`)
		}
		_, _ = io.WriteString(w, alias)
		_, _ = io.WriteString(w, `":`)
		o.values[i].MarshalGQL(w)
	}
	_, _ = io.WriteString(w, "}")
}

// repeated reports whether an earlier field had the alias.
func (o object) repeated(i int, alias string, seen map[string]struct{}) bool {
	if seen != nil {
		if _, ok := seen[alias]; ok {
			return true
		}
		seen[alias] = struct{}{}
		return false
	}
	for j := range i {
		if o.fields[j].Alias == alias {
			return true
		}
	}
	return false
}
