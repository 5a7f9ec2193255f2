package main

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"strconv"

	"github.com/99designs/gqlgen/codegen"
	"golang.org/x/tools/go/ast/astutil"
)

const (
	inlinePackage = "github.com/claco/claco/internal/gqllist"
	deferPackage  = "github.com/claco/claco/internal/gqldefer"
	fieldPackage  = "github.com/claco/claco/internal/gqlfield"
	objectPackage = "github.com/claco/claco/internal/gqlobject"
)

// plan is a gqlgen plugin that only looks: it records which generated
// functions rewrite changes.
type plan struct {
	marshallers map[string]bool   // list marshallers whose elements never wait
	chosen      map[string]string // list marshallers whose selection decides, with their element type
	objects     codegen.Objects
	pkg         string          // the executor's package name
	plainFields map[string]bool // field resolvers that only read a struct field
	now         map[string]bool // object marshallers that resolve every field in line
}

func (*plan) Name() string { return "graphgen-plan" }

func (p *plan) GenerateCode(data *codegen.Data) error {
	p.marshallers = inlineMarshallers(data.Objects, data.ReferencedTypes)
	p.chosen = chosenMarshallers(data.Objects, data.ReferencedTypes, p.marshallers)
	p.objects = data.Objects
	p.pkg = data.Config.Exec.Package
	p.plainFields = plainFields(data.Objects)
	p.now = nowObjects(data.Objects)
	return nil
}

// rewritten counts what rewrite changed.
type rewritten struct {
	lists      int // list marshallers now marshalling in line
	chosen     int // list marshallers now asking gqllist.For
	groups     int // gqldefer.NewGroup calls
	pathsLater int // ProcessDeferredGroup calls given gqldefer.WithPath
	plain      int // plain fields resolved by gqlfield.Plain
	objects    int // object marshallers returning gqlobject.Of
	fieldSets  int // graphql.NewFieldSet(fields) assignments to out
	now        int // fields resolved by gqlobject.ResolveNow
}

// rewrite changes the generated executor:
//   - the planned list marshallers' calls of graphql.MarshalSliceConcurrently
//     become gqllist.MarshalInline, which takes the same arguments;
//   - the other marshallers of lists of objects call the function that
//     gqllist.For(listTypes, "Type", sel) chooses instead;
//   - graphql.NewDeferredGroup(ctx) becomes gqldefer.NewGroup(ctx, fields), and
//     ec.ProcessDeferredGroup(g) gets gqldefer.WithPath(g);
//   - the planned plain fields' calls of graphql.ResolveField become
//     gqlfield.Plain, which takes the same arguments;
//   - an object marshaller that made out := graphql.NewFieldSet(fields)
//     returns gqlobject.Of(fields, out) instead of out;
//   - the planned object marshallers' out.ResolveConcurrently(args) become
//     gqlobject.ResolveNow(ctx, out, field, args).
func rewrite(src []byte, p plan) ([]byte, rewritten, error) {
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
			case p.marshallers[fn.Name.Name] && isIdent(sel.X, "graphql") && sel.Sel.Name == "MarshalSliceConcurrently":
				call.Fun = selector("gqllist", "MarshalInline")
				inlined = true
			case p.chosen[fn.Name.Name] != "" && isIdent(sel.X, "graphql") && sel.Sel.Name == "MarshalSliceConcurrently":
				call.Fun = &ast.CallExpr{Fun: selector("gqllist", "For"), Args: []ast.Expr{
					ast.NewIdent(listTypesVar),
					&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(p.chosen[fn.Name.Name])},
					ast.NewIdent("sel"),
				}}
				n.chosen++
			case p.plainFields[fn.Name.Name] && isIdent(sel.X, "graphql") && sel.Sel.Name == "ResolveField":
				call.Fun = selector("gqlfield", "Plain")
				n.plain++
			case p.now[fn.Name.Name] && isIdent(sel.X, "out") && sel.Sel.Name == "ResolveConcurrently":
				call.Fun = selector("gqlobject", "ResolveNow")
				call.Args = append([]ast.Expr{ast.NewIdent("ctx"), ast.NewIdent("out"), ast.NewIdent("field")}, call.Args...)
				n.now++
			case isIdent(sel.X, "graphql") && sel.Sel.Name == "NewDeferredGroup":
				call.Fun = selector("gqldefer", "NewGroup")
				call.Args = append(call.Args, ast.NewIdent("fields"))
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
		if makesFieldSet(fn.Body) {
			n.fieldSets++
			if last, ok := fn.Body.List[len(fn.Body.List)-1].(*ast.ReturnStmt); ok && len(last.Results) == 1 && isIdent(last.Results[0], "out") {
				last.Results[0] = objectOf(last.Results[0].Pos())
				n.objects++
			}
		}
	}
	for pkg, used := range map[string]bool{inlinePackage: n.lists > 0 || n.chosen > 0, deferPackage: n.groups > 0, fieldPackage: n.plain > 0, objectPackage: n.objects > 0 || n.now > 0} {
		if used {
			astutil.AddImport(fset, file, pkg)
		}
	}
	var out bytes.Buffer
	if err := format.Node(&out, fset, file); err != nil {
		return nil, n, err
	}
	return out.Bytes(), n, nil
}

// makesFieldSet reports whether a function body says, at its top level,
// out := graphql.NewFieldSet(fields).
func makesFieldSet(body *ast.BlockStmt) bool {
	for _, stmt := range body.List {
		assign, ok := stmt.(*ast.AssignStmt)
		if !ok || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 || !isIdent(assign.Lhs[0], "out") {
			continue
		}
		call, ok := assign.Rhs[0].(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !isIdent(call.Args[0], "fields") {
			continue
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && isIdent(sel.X, "graphql") && sel.Sel.Name == "NewFieldSet" {
			return true
		}
	}
	return false
}

// objectOf is gqlobject.Of(fields, out) placed where out was, so that the
// comment after it stays after it.
func objectOf(pos token.Pos) *ast.CallExpr {
	ident := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }
	return &ast.CallExpr{
		Fun:    &ast.SelectorExpr{X: ident("gqlobject"), Sel: ident("Of")},
		Lparen: pos,
		Args:   []ast.Expr{ident("fields"), ident("out")},
		Rparen: pos,
	}
}

func selector(pkg, name string) *ast.SelectorExpr {
	return &ast.SelectorExpr{X: ast.NewIdent(pkg), Sel: ast.NewIdent(name)}
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
