// Package gqlscalar owns the GraphQL scalars Claco adds to the standard ones:
// Date, a calendar day written YYYY-MM-DD.
package gqlscalar

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
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
		return time.Time{}, fmt.Errorf("a Date must be a string like 2027-03-01, got %T", v)
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("a Date must look like 2027-03-01, got %q", s)
	}
	return t, nil
}
