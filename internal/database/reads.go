package database

import (
	"context"
	"errors"
	"strings"

	"entgo.io/ent/dialect"
)

// readsApart sends SQLite's reads outside transactions to a pool of their
// own, capped and read-only, and everything else (writes, INSERT …
// RETURNING, transactions) to the writing pool.
//
// One uncapped pool either closed the connections beyond its idle limit
// after each burst (under 32 clients, a new connection every two or three
// requests, each with a cold page cache and no prepared statements) or, with
// a high idle limit, kept some seventy open at about 3 MiB each. A capped
// pool of both would let transactions holding connections starve the reads
// they wait for. Reads hold a connection for one statement, so capping only
// them queues without that risk; WAL lets them run beside the writer.
type readsApart struct {
	dialect.Driver // writes and transactions
	reads          dialect.Driver
}

func (d readsApart) Query(ctx context.Context, query string, args, v any) error {
	if isRead(query) {
		return d.reads.Query(ctx, query, args, v)
	}
	return d.Driver.Query(ctx, query, args, v)
}

func (d readsApart) Close() error {
	return errors.Join(d.reads.Close(), d.Driver.Close())
}

// isRead reports whether a statement only reads. A WITH that writes would be
// misread, and then refused by the read pool's query_only: the service
// writes none.
func isRead(query string) bool {
	q := strings.TrimLeft(query, " \t\n(")
	return hasPrefixFold(q, "SELECT") || hasPrefixFold(q, "WITH")
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
