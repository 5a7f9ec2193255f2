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
// counted as waiting, since an implementation may.
func neverWaits(objects codegen.Objects) func(name string) bool {
	known := map[string]bool{}
	var check func(name string) bool
	check = func(name string) bool {
		if v, ok := known[name]; ok {
			return v
		}
		obj := objects.ByName(name)
		if obj == nil || obj.Root {
			known[name] = false
			return false
		}
		known[name] = true // a cycle back here decides nothing by itself
		for _, f := range obj.Fields {
			if f.IsConcurrent() || len(f.Directives) > 0 || f.Stream {
				known[name] = false
				return false
			}
			if def := f.TypeReference.Definition; def != nil {
				switch def.Kind {
				case gqlast.Object:
					if !check(def.Name) {
						known[name] = false
						return false
					}
				case gqlast.Interface, gqlast.Union:
					known[name] = false
					return false
				}
			}
		}
		return true
	}
	return check
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
