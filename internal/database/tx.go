package database

import (
	"context"
	"fmt"

	"github.com/claco/claco/ent"
)

// InTx runs fn in one transaction of db: everything fn writes is committed
// together, or nothing is when fn fails or panics.
func InTx(ctx context.Context, db *ent.Client, fn func(tx *ent.Client) error) (err error) {
	tx, err := db.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

type primaryKey struct{}

// Primary marks ctx as needing the primary database even where reads may go
// to a replica: a mutation reads what it wrote.
func Primary(ctx context.Context) context.Context { return context.WithValue(ctx, primaryKey{}, true) }

// NeedsPrimary reports whether ctx was marked with Primary.
func NeedsPrimary(ctx context.Context) bool { v, _ := ctx.Value(primaryKey{}).(bool); return v }
