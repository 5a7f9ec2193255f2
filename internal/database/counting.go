package database

import (
	"context"
	"sync/atomic"

	"entgo.io/ent/dialect"
)

// countingDriver counts every statement sent through ent, inside transactions
// too. Tests use the count to prove that an operation's SQL does not grow with
// the size of what it returns (no N+1).
type countingDriver struct {
	dialect.Driver
	count atomic.Int64
}

func (d *countingDriver) Exec(ctx context.Context, query string, args, v any) error {
	d.count.Add(1)
	return d.Driver.Exec(ctx, query, args, v)
}

func (d *countingDriver) Query(ctx context.Context, query string, args, v any) error {
	d.count.Add(1)
	return d.Driver.Query(ctx, query, args, v)
}

func (d *countingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, count: &d.count}, nil
}

type countingTx struct {
	dialect.Tx
	count *atomic.Int64
}

func (t *countingTx) Exec(ctx context.Context, query string, args, v any) error {
	t.count.Add(1)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *countingTx) Query(ctx context.Context, query string, args, v any) error {
	t.count.Add(1)
	return t.Tx.Query(ctx, query, args, v)
}
