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

const (
	inlinePackage = "github.com/claco/claco/internal/gqllist"
	deferPackage  = "github.com/claco/claco/internal/gqldefer"
)

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
		obj := objects.ByName(name)
		return obj != nil && !waits[obj.Name]
	}
}

// rewritten counts what rewrite changed.
type rewritten struct {
	lists      int // list marshallers now marshalling in line
	groups     int // gqldefer.NewGroup calls
	pathsLater int // ProcessDeferredGroup calls given gqldefer.WithPath
}

// rewrite changes the generated executor in two ways:
//   - the named functions' calls of graphql.MarshalSliceConcurrently become
//     gqllist.MarshalInline, which takes the same arguments;
//   - graphql.NewDeferredGroup(ctx) becomes gqldefer.NewGroup(ctx), and
//     ec.ProcessDeferredGroup(g) gets gqldefer.WithPath(g).
func rewrite(src []byte, marshallers map[string]bool) ([]byte, rewritten, error) {
	var n rewritten
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return nil, n, err
	}
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || fn.Body == nil {
			continue
		}
		inlined := false
		ast.Inspect(fn.Body, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			switch {
			case marshallers[fn.Name.Name] && isIdent(sel.X, "graphql") && sel.Sel.Name == "MarshalSliceConcurrently":
				call.Fun = selector("gqllist", "MarshalInline")
				inlined = true
			case isIdent(sel.X, "graphql") && sel.Sel.Name == "NewDeferredGroup":
				call.Fun = selector("gqldefer", "NewGroup")
				n.groups++
			case isIdent(sel.X, "ec") && sel.Sel.Name == "ProcessDeferredGroup" && len(call.Args) == 1:
				call.Args[0] = &ast.CallExpr{Fun: selector("gqldefer", "WithPath"), Args: []ast.Expr{call.Args[0]}}
				n.pathsLater++
			}
			return true
		})
		if inlined {
			n.lists++
		}
	}
	if n.lists > 0 {
		astutil.AddImport(fset, file, inlinePackage)
	}
	if n.groups > 0 {
		astutil.AddImport(fset, file, deferPackage)
	}
	var out bytes.Buffer
	if err := format.Node(&out, fset, file); err != nil {
		return nil, n, err
	}
	return out.Bytes(), n, nil
}

func selector(pkg, name string) *ast.SelectorExpr {
	return &ast.SelectorExpr{X: ast.NewIdent(pkg), Sel: ast.NewIdent(name)}
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
