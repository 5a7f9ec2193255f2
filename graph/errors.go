package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/claco/claco/internal/apperr"
)

// internalError marks an error a resolver returned that is not a domain
// error: a fault of ours, which the member must not see the details of.
type internalError struct{ err error }

func (e internalError) Error() string { return e.err.Error() }
func (e internalError) Unwrap() error { return e.err }

// MarkInternalErrors is field middleware that tells resolver faults apart from
// the errors gqlgen reports about the request itself (syntax, validation,
// argument coercion), which never pass through a resolver.
// Introspection fields are gqlgen's own: their one error is "introspection
// disabled", which is about the request.
func MarkInternalErrors(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err == nil {
		return res, nil
	}
	if _, ok := apperr.As(err); ok {
		return res, err
	}
	if fc := graphql.GetFieldContext(ctx); fc != nil && strings.HasPrefix(fc.Field.Name, "__") {
		return res, err
	}
	return res, internalError{err}
}

// PresentError gives every error one of the contract's codes. Domain errors
// keep their message (and the input field at fault); faults are logged with
// the request's logger and reach the client as a bare INTERNAL.
func PresentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		presented := graphql.DefaultErrorPresenter(ctx, err)
		out := &gqlerror.Error{Message: presented.Message, Path: presented.Path, Locations: presented.Locations}
		if e, ok := apperr.As(err); ok {
			out.Message = e.Message
			field := e.Field
			if field == "" && e.Code == apperr.BadUserInput {
				field = inputField(presented.Path) // a scalar's own error
			}
			out.Extensions = extensions(e.Code, field)
			return out
		}
		var internal internalError
		if errors.As(err, &internal) && (errors.Is(err, context.DeadlineExceeded) || ctx.Err() == context.DeadlineExceeded) {
			log.WarnContext(ctx, "request deadline passed", "path", presented.Path.String(), "err", internal.err)
			out.Message = "the request took too long; try again"
			out.Extensions = extensions(apperr.Timeout, "")
			return out
		}
		if errors.As(err, &internal) {
			log.ErrorContext(ctx, "resolver failed", "path", presented.Path.String(), "err", internal.err)
			out.Message = "internal error"
			out.Extensions = extensions(apperr.Internal, "")
			return out
		}
		// The parser's token limit (handler.SetParserTokenLimit) bounds the
		// size of an operation, not its syntax: it is a complexity refusal.
		if strings.HasPrefix(presented.Message, "exceeded token limit") {
			out.Message = "the operation is too large"
			out.Extensions = extensions(apperr.ComplexityLimitExceeded, "")
			return out
		}
		switch code, _ := presented.Extensions["code"].(string); apperr.Code(code) {
		case apperr.ComplexityLimitExceeded:
			out.Extensions = extensions(apperr.ComplexityLimitExceeded, "")
			return out
		case apperr.BadUserInput: // set by the request limits, with its field
			field, _ := presented.Extensions["field"].(string)
			out.Extensions = extensions(apperr.BadUserInput, field)
			return out
		case apperr.ParseFailed, apperr.ValidationFailed, apperr.PersistedQueryNotFound:
			// The codes Apollo clients expect for a request that could not be
			// parsed, does not fit the schema, or names an unknown persisted query.
			if len(presented.Path) == 0 {
				out.Extensions = extensions(apperr.Code(presented.Extensions["code"].(string)), "")
				return out
			}
		}
		// What is left is gqlgen's verdict on the values of the request: a
		// variable or an argument has the wrong form.
		// Parse and validation messages are the parser's, written for
		// clients; a value that does not fit its type gets a message of ours,
		// because the decoders' (strconv, msgpack, Go types) are not.
		field := inputField(presented.Path)
		if len(presented.Path) > 0 {
			out.Message = "the value is not valid for its type"
			if field != "" {
				out.Message = field + ": the value is not valid for its type"
			}
		}
		out.Extensions = extensions(apperr.BadUserInput, field)
		return out
	}
}

func extensions(code apperr.Code, field string) map[string]any {
	ext := map[string]any{"code": string(code)}
	if field != "" {
		ext["field"] = field
	}
	return ext
}

// inputField names the argument at fault from an argument error's path
// (["concerts", "filter", "from"] → "filter.from"; variables: ["variable", "filter", "from"]).
func inputField(path ast.Path) string {
	if len(path) < 2 {
		return ""
	}
	var names []string
	for _, el := range path[1:] {
		if name, ok := el.(ast.PathName); ok {
			names = append(names, string(name))
		}
	}
	return strings.Join(names, ".")
}

// Recover turns a panic in a resolver into an INTERNAL error and logs it
// with its stack; the process keeps serving.
func Recover(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "resolver panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return internalError{fmt.Errorf("panic: %v", p)}
	}
}
