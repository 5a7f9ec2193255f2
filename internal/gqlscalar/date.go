// Package gqlscalar owns the GraphQL scalars Claco adds to the standard ones:
// Date, a calendar day written YYYY-MM-DD.
package gqlscalar

import (
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/claco/claco/internal/apperr"
)

// DateLayout is how a Date is written in GraphQL.
const DateLayout = time.DateOnly

// MarshalDate writes a calendar day held as midnight UTC.
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.UTC().Format(DateLayout)))
	})
}

// UnmarshalDate reads YYYY-MM-DD into midnight UTC of that day.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, apperr.Invalid("", "a Date is a string like 2027-03-01")
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, apperr.Invalid("", "a Date looks like 2027-03-01")
	}
	return t, nil
}
