package main

import (
	"github.com/99designs/gqlgen/codegen"
	gqlast "github.com/vektah/gqlparser/v2/ast"
)

// plainScalars are the scalars whose marshallers write any present value
// without an error: the standard ones, and Date (gqlscalar.MarshalDate
// writes every time). Enums qualify too.
var plainScalars = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true, "Date": true}

// plainFields names the generated functions (_Object_field) of the fields
// that gqlfield.Plain may resolve: those that read a struct field of a
// scalar or enum type, with no arguments, no directives and no resolver.
func plainFields(objects codegen.Objects) map[string]bool {
	names := map[string]bool{}
	for _, obj := range objects {
		if obj.Root || len(obj.Directives) > 0 {
			continue
		}
		for _, f := range obj.Fields {
			if isPlain(f) {
				names["_"+obj.Name+"_"+f.Name] = true
			}
		}
	}
	return names
}

func isPlain(f *codegen.Field) bool {
	ref := f.TypeReference
	if f.IsResolver || f.MethodHasContext || f.GoFieldType != codegen.GoFieldVariable ||
		len(f.Directives) > 0 || len(f.Args) > 0 || f.Stream || ref == nil || ref.Definition == nil || ref.IsSlice() {
		return false
	}
	switch def := ref.Definition; {
	case def.Kind == gqlast.Scalar && def.Name == "Float":
		// gqlfield.Plain sends NaN and infinities gqlgen's way for float64
		// alone.
		if t := ref.GO.String(); t != "float64" && t != "*float64" {
			return false
		}
	case def.Kind == gqlast.Enum, def.Kind == gqlast.Scalar && plainScalars[def.Name]:
	default:
		return false
	}
	// A nil pointer where the schema forbids null is an error on the
	// field's path, which needs gqlgen's way; where null is allowed, it is
	// written as null.
	return !ref.IsPtr() || !ref.GQL.NonNull
}
