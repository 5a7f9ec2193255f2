package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/pager"
)

// Limits bounds the shape of an operation before anything runs: how deep it
// nests, how many fields it executes (each alias and each fragment spread
// counts every time it is executed), how many aliases and fragment spreads
// it has, and how long any list argument is; and it refuses a cursor
// argument that does not decode, as bad input, before gqlgen's decoder can
// panic on it (see pager.DecodeCursor). Together with the field costs
// (see setComplexity) they keep a crafted request from doing unbounded work;
// a request over a limit is refused with no database work.
type Limits struct {
	MaxDepth      int
	MaxFields     int
	MaxAliases    int
	MaxSpreads    int
	MaxListLength int
}

// DefaultLimits are far above what the front end asks and far below what
// hurts: its deepest page nests 7 levels and executes about 150 fields.
var DefaultLimits = Limits{MaxDepth: 15, MaxFields: 2_000, MaxAliases: 100, MaxSpreads: 200, MaxListLength: 100}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = Limits{}

// ExtensionName names the extension in gqlgen.
func (Limits) ExtensionName() string { return "ClacoLimits" }

// Validate accepts any schema.
func (Limits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext checks the operation about to run.
func (l Limits) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := opCtx.Doc.Operations.ForName(opCtx.OperationName)
	if op == nil {
		return nil // gqlgen reports the missing operation itself
	}
	w := walker{limits: l, doc: opCtx.Doc, vars: opCtx.Variables}
	w.selections(op.SelectionSet, 1)
	return w.err
}

type walker struct {
	limits                  Limits
	doc                     *ast.QueryDocument
	vars                    map[string]any
	fields, aliases, spread int
	err                     *gqlerror.Error
}

func (w *walker) selections(set ast.SelectionSet, depth int) {
	for _, sel := range set {
		if w.err != nil {
			return
		}
		switch s := sel.(type) {
		case *ast.Field:
			w.field(s, depth)
		case *ast.InlineFragment:
			w.selections(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if w.spread++; w.spread > w.limits.MaxSpreads {
				w.fail("the operation spreads fragments more than %d times", w.limits.MaxSpreads)
				return
			}
			if def := w.doc.Fragments.ForName(s.Name); def != nil {
				w.selections(def.SelectionSet, depth)
			}
		}
	}
}

func (w *walker) field(f *ast.Field, depth int) {
	switch {
	case depth > w.limits.MaxDepth:
		w.fail("the operation nests deeper than %d levels", w.limits.MaxDepth)
		return
	case w.fields+1 > w.limits.MaxFields:
		w.fail("the operation asks for more than %d fields", w.limits.MaxFields)
		return
	}
	w.fields++
	if f.Alias != "" && f.Alias != f.Name {
		if w.aliases++; w.aliases > w.limits.MaxAliases {
			w.fail("the operation has more than %d aliases", w.limits.MaxAliases)
			return
		}
	}
	for _, arg := range f.Arguments {
		if w.tooLong(arg.Value) {
			w.err = &gqlerror.Error{
				Message:    fmt.Sprintf("%s: a list may hold at most %d values", arg.Name, w.limits.MaxListLength),
				Extensions: map[string]any{"code": string(apperr.BadUserInput), "field": arg.Name},
			}
			return
		}
		if !w.cursorDecodes(arg.Value) {
			w.err = &gqlerror.Error{
				Message:    fmt.Sprintf("%s: not a cursor of this list", arg.Name),
				Extensions: map[string]any{"code": string(apperr.BadUserInput), "field": arg.Name},
			}
			return
		}
	}
	w.selections(f.SelectionSet, depth+1)
}

// tooLong reports whether a value holds a list longer than the limit, at
// any depth (variables resolved).
func (w *walker) tooLong(v *ast.Value) bool {
	if v == nil {
		return false
	}
	if v.Kind == ast.Variable {
		return w.tooLongValue(w.vars[v.Raw])
	}
	if v.Kind == ast.ListValue && len(v.Children) > w.limits.MaxListLength {
		return true
	}
	for _, c := range v.Children {
		if w.tooLong(c.Value) {
			return true
		}
	}
	return false
}

// cursorDecodes reports whether a Cursor argument (a literal or a
// variable) decodes; other values, and a null cursor, pass.
func (w *walker) cursorDecodes(v *ast.Value) bool {
	if v == nil || v.Definition == nil || v.Definition.Name != "Cursor" {
		return true
	}
	var s string
	switch v.Kind {
	case ast.Variable:
		var ok bool
		if s, ok = w.vars[v.Raw].(string); !ok {
			return true // null, or a wrong type gqlgen reports
		}
	case ast.StringValue, ast.BlockValue:
		s = v.Raw
	default:
		return true
	}
	_, err := pager.DecodeCursor(s)
	return err == nil
}

func (w *walker) tooLongValue(v any) bool {
	switch x := v.(type) {
	case []any:
		if len(x) > w.limits.MaxListLength {
			return true
		}
		for _, e := range x {
			if w.tooLongValue(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if w.tooLongValue(e) {
				return true
			}
		}
	}
	return false
}

func (w *walker) fail(format string, args ...any) {
	w.err = &gqlerror.Error{
		Message:    fmt.Sprintf(format, args...),
		Extensions: map[string]any{"code": string(apperr.ComplexityLimitExceeded)},
	}
}
