// Package softdelete owns the request-scoped switch that lets trusted code
// (administration, tests, maintenance jobs) see rows that members deleted.
// Everything else sees only live rows: the ent soft-delete mixin reads this
// switch on every query and turns every delete into an update.
package softdelete

import "context"

type includeDeletedKey struct{}

// IncludeDeleted returns a context whose ent queries also return soft-deleted rows.
// Use it only in code that must audit or restore deleted data, never on a request
// path that serves members.
func IncludeDeleted(parent context.Context) context.Context {
	return context.WithValue(parent, includeDeletedKey{}, true)
}

// Included reports whether ctx was made by IncludeDeleted.
func Included(ctx context.Context) bool {
	v, _ := ctx.Value(includeDeletedKey{}).(bool)
	return v
}
