// Package apperr owns the errors that the domain services return to callers:
// each carries one of the API contract's codes, a message safe to show to a
// member, and for bad input the name of the offending field. Anything that is
// not an *Error is an internal fault and is never shown as is.
package apperr

import (
	"errors"
	"fmt"
)

// Code is a contract error code, sent as extensions.code.
type Code string

// The contract's codes (API.md).
const (
	Unauthenticated         Code = "UNAUTHENTICATED"
	Forbidden               Code = "FORBIDDEN"
	NotFound                Code = "NOT_FOUND"
	BadUserInput            Code = "BAD_USER_INPUT"
	Conflict                Code = "CONFLICT"
	LimitExceeded           Code = "LIMIT_EXCEEDED"
	RateLimited             Code = "RATE_LIMITED"
	ComplexityLimitExceeded Code = "COMPLEXITY_LIMIT_EXCEEDED"
	Timeout                 Code = "TIMEOUT"
	ParseFailed             Code = "GRAPHQL_PARSE_FAILED"
	ValidationFailed        Code = "GRAPHQL_VALIDATION_FAILED"
	PersistedQueryNotFound  Code = "PERSISTED_QUERY_NOT_FOUND"
	Internal                Code = "INTERNAL"
)

// Error is an error a member may see.
type Error struct {
	Code    Code
	Message string
	// Field names the input field at fault (BAD_USER_INPUT), e.g. "input.nickname".
	Field string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s", e.Field, e.Message)
	}
	return e.Message
}

// New returns an error with the given code and member-facing message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid reports bad input in the named field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: BadUserInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// CodeOf returns err's code: its *Error's code, or INTERNAL.
func CodeOf(err error) Code {
	if e, ok := As(err); ok {
		return e.Code
	}
	return Internal
}
