package database

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"
)

// CountAndLatest is a query modifier that selects how many rows a table has
// and when one last changed (its updated_at), for Fingerprint.
func CountAndLatest(sel *sql.Selector) {
	sel.Select(sql.As(sql.Count("*"), "n"), sql.As(sql.Max(sel.C("updated_at")), "latest"))
}

// Fingerprint reads the row of a CountAndLatest query as text. Run it with
// softdelete.IncludeDeleted, so that a delete changes it too (a delete
// updates updated_at). Polling fingerprints is how a process learns, cheaply,
// that another one (the importer, another server) changed a table.
func Fingerprint(ctx context.Context, q interface {
	Scan(context.Context, any) error
}) (string, error) {
	var rows []struct {
		N      int            `json:"n"`
		Latest sql.NullString `json:"latest"`
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return "", err
	}
	if len(rows) == 0 {
		return "0", nil
	}
	return fmt.Sprintf("%d@%s", rows[0].N, rows[0].Latest.String), nil
}
