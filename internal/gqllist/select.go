package gqllist

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Types describe a schema's object types for For: per type, its fields by
// name. internal/graphgen writes the executor's.
type Types map[string]map[string]Field

// Field is what For needs to know of an object's field.
type Field struct {
	// Waits: resolving the field can wait for a batch its siblings in a list
	// would join (a resolver of a type that is not resolved in line), or
	// it has a schema directive.
	Waits bool
	// Object is the object type of the field's value (of its elements, for
	// a list); empty for scalars and enums.
	Object string
	// Abstract: the value is an interface or a union, whose implementations
	// may wait.
	Abstract bool
}

// MarshalSlice is the signature of graphql.MarshalSliceConcurrently and of
// MarshalInline.
type MarshalSlice func(ctx context.Context, length int, workerLimit int64, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array

// For chooses how a list of typ objects is marshalled, given what the
// operation selects of them: in line when nothing it selects can wait (a
// browse page's concerts with their keyword scores and likes: every load is
// announced, see internal/loader), otherwise concurrently, as gqlgen does,
// so that elements that wait on a loader wait together.
func For(types Types, typ string, sel ast.SelectionSet) MarshalSlice {
	if types.Waits(typ, sel) {
		return graphql.MarshalSliceConcurrently
	}
	return MarshalInline
}

// Waits reports whether resolving sel on an object of type typ can wait.
// What it cannot tell (an unknown type or field, a deferred fragment, a
// fragment on another type) counts as waiting.
func (t Types) Waits(typ string, sel ast.SelectionSet) bool {
	fields, ok := t[typ]
	if !ok {
		return true
	}
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == "__typename" {
				continue
			}
			f, ok := fields[s.Name]
			if !ok || f.Waits || f.Abstract || (f.Object != "" && t.Waits(f.Object, s.SelectionSet)) {
				return true
			}
		case *ast.InlineFragment:
			if deferred(s.Directives) || (s.TypeCondition != "" && s.TypeCondition != typ) || t.Waits(typ, s.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if deferred(s.Directives) || s.Definition == nil || s.Definition.TypeCondition != typ || t.Waits(typ, s.Definition.SelectionSet) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

func deferred(directives ast.DirectiveList) bool {
	return directives.ForName("defer") != nil
}
