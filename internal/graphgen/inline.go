package main

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	gqlast "github.com/vektah/gqlparser/v2/ast"
	"golang.org/x/tools/go/ast/astutil"
)

const inlinePackage = "github.com/claco/claco/internal/gqllist"

// inlineLists is a gqlgen plugin that only looks: it records which generated
// list marshallers hold elements that never wait.
type inlineLists struct {
	marshallers map[string]bool // generated function names
}

func (*inlineLists) Name() string { return "inline-lists" }

func (p *inlineLists) GenerateCode(data *codegen.Data) error {
	p.marshallers = inlineMarshallers(data.Objects, data.ReferencedTypes)
	return nil
}

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
		return objects.ByName(name) != nil && !waits[objects.ByName(name).Name]
	}
}

// inline rewrites the named functions' calls of
// graphql.MarshalSliceConcurrently into gqllist.MarshalInline, which takes
// the same arguments, and reports how many functions it changed.
func inline(src []byte, marshallers map[string]bool) ([]byte, int, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return nil, 0, err
	}
	changed := 0
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || !marshallers[fn.Name.Name] {
			continue
		}
		found := false
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && isIdent(sel.X, "graphql") && sel.Sel.Name == "MarshalSliceConcurrently" {
				call.Fun = &ast.SelectorExpr{X: ast.NewIdent("gqllist"), Sel: ast.NewIdent("MarshalInline")}
				found = true
			}
			return true
		})
		if found {
			changed++
		}
	}
	if changed > 0 {
		astutil.AddImport(fset, file, inlinePackage)
	}
	var out bytes.Buffer
	if err := format.Node(&out, fset, file); err != nil {
		return nil, 0, err
	}
	return out.Bytes(), changed, nil
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
