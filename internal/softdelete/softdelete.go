// Package softdelete owns the live-row rule and the request-scoped switch
// that lets trusted code (administration, tests, maintenance jobs) see rows
// that members deleted. Everything else sees only live rows: the ent
// soft-delete mixin applies Live to every query and update and turns every
// delete into an update. ent does not apply it to edge predicates
// (HasXWith) or to hand-written subqueries, so those use Live and LiveOf too:
// the rule is written here once.
package softdelete

import (
	"context"

	"entgo.io/ent/dialect/sql"
)

// Column marks a row deleted: NULL while it is live, the time of deletion after.
const Column = "deleted_at"

// Live keeps the live rows of the selector's table. It fits every generated
// predicate type (predicate.ConcertLike(softdelete.Live), …).
func Live(s *sql.Selector) { s.Where(LiveOf(s)) }

// LiveOf is the condition that the row of t (a table, or a selector's own
// table) is live, for subqueries and joins.
func LiveOf(t interface{ C(string) string }) *sql.Predicate { return sql.IsNull(t.C(Column)) }

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
