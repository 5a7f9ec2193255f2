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
	count    atomic.Int64
	observer atomic.Pointer[func(context.Context, string)]
}

// seen counts a statement and tells the observer, if any.
func (d *countingDriver) seen(ctx context.Context, query string) {
	d.count.Add(1)
	if f := d.observer.Load(); f != nil {
		(*f)(ctx, query)
	}
}

func (d *countingDriver) Exec(ctx context.Context, query string, args, v any) error {
	d.seen(ctx, query)
	return d.Driver.Exec(ctx, query, args, v)
}

func (d *countingDriver) Query(ctx context.Context, query string, args, v any) error {
	d.seen(ctx, query)
	return d.Driver.Query(ctx, query, args, v)
}

func (d *countingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, driver: d}, nil
}

type countingTx struct {
	dialect.Tx
	driver *countingDriver
}

func (t *countingTx) Exec(ctx context.Context, query string, args, v any) error {
	t.driver.seen(ctx, query)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *countingTx) Query(ctx context.Context, query string, args, v any) error {
	t.driver.seen(ctx, query)
	return t.Tx.Query(ctx, query, args, v)
}
