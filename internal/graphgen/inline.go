package main

import (
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	gqlast "github.com/vektah/gqlparser/v2/ast"
)

// inlineMarshallers names the marshallers of lists of objects that never
// wait.
func inlineMarshallers(objects codegen.Objects, refs map[string]*config.TypeReference) map[string]bool {
	never := neverWaits(objects)
	names := map[string]bool{}
	for _, ref := range refs {
		if ref.IsSlice() && ref.Definition != nil && ref.Definition.Kind == gqlast.Object && never(ref.Definition.Name) {
			names[ref.MarshalFunc()] = true
		}
	}
	return names
}

// neverWaits reports whether marshalling an object of a type can never
// block: none of its fields, nor of the objects it reaches, has a resolver,
// a method taking a context, or a directive. Interfaces and unions are
// counted as waiting, since an implementation may. Waiting spreads from the
// types that wait to every type that reaches them, until nothing changes, so
// the answer does not depend on the order types are asked about.
func neverWaits(objects codegen.Objects) func(name string) bool {
	waits := map[string]bool{}
	for _, obj := range objects {
		if obj.Root || len(obj.Directives) > 0 {
			waits[obj.Name] = true
			continue
		}
		for _, f := range obj.Fields {
			def := f.TypeReference.Definition
			if f.IsConcurrent() || len(f.Directives) > 0 || f.Stream ||
				(def != nil && (def.Kind == gqlast.Interface || def.Kind == gqlast.Union)) {
				waits[obj.Name] = true
				break
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, obj := range objects {
			if waits[obj.Name] {
				continue
			}
			for _, f := range obj.Fields {
				if def := f.TypeReference.Definition; def != nil && def.Kind == gqlast.Object && waits[def.Name] {
					waits[obj.Name], changed = true, true
					break
				}
			}
		}
	}
	return func(name string) bool {
		obj := objects.ByName(name)
		return obj != nil && !waits[obj.Name]
	}
}
