package database

import (
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
)

// ForUpdate is a query modifier that write-locks the selected rows until the
// transaction ends, so that a check and the write it allows (at most five
// books, twenty tickets a book) cannot interleave with another transaction's.
// On MySQL it is SELECT … FOR UPDATE; make it the transaction's first read,
// so that its snapshot is taken after the lock is granted. SQLite
// transactions here begin IMMEDIATE and already run one writer at a time.
func ForUpdate(s *sql.Selector) {
	if s.Dialect() == dialect.MySQL {
		s.ForUpdate()
	}
}
