package database

import (
	"strconv"

	"entgo.io/ent/dialect/sql"
)

// IntValue reads an integer column selected beside an entity's own
// (ent's Value): the drivers give int64, or its decimal text.
func IntValue(v any) (int, bool) {
	if u, ok := v.(*sql.UnknownType); ok {
		v = *u
	}
	switch n := v.(type) {
	case int64:
		return int(n), true
	case []byte:
		i, err := strconv.ParseInt(string(n), 10, 64)
		return int(i), err == nil
	}
	return 0, false
}
