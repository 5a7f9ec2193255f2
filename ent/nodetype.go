package ent

// This file is written by hand, not generated: it exposes the global-id
// ranges that entc generates (FeatureGlobalID), so that node(id:) can hand an
// id to the package that owns its type without a query.

// NodeTable returns the table a global id belongs to, and false for an id
// outside every table's range.
func NodeTable(id int) (string, bool) {
	if id <= 0 {
		return "", false
	}
	t, ok := nodeTypes[int(id/(1<<32-1))<<32]
	return t, ok
}
