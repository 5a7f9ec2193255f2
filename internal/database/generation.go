package database

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/claco/claco/ent"
)

// Generation counts the writes made through one client to some tables, so
// that what is derived from those tables can be kept until the next write.
// It moves after each write and, for a write inside a transaction, again
// when the transaction commits: what was read between the write and the
// commit (which could not see it) is then not kept either. Writes by other
// processes are not seen; owners poll for those or keep values briefly.
type Generation struct {
	n      atomic.Uint64
	hooked sync.Map // Tx.Key() → true: transactions that move it when they commit
}

// Load returns the current generation.
func (g *Generation) Load() uint64 { return g.n.Load() }

// Transactions returns how many transactions wait to move the generation
// when they end (tests check that none is left behind).
func (g *Generation) Transactions() int {
	n := 0
	g.hooked.Range(func(any, any) bool { n++; return true })
	return n
}

// Bump moves the generation (a change seen by other means, such as a poll).
func (g *Generation) Bump() { g.n.Add(1) }

// Hook is the ent hook that moves the generation after every write of the
// entities it is used on.
func (g *Generation) Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			g.n.Add(1)
			if inTx, ok := m.(interface{ Tx() (*ent.Tx, error) }); ok {
				if tx, err := inTx.Tx(); err == nil {
					g.bumpOnCommit(tx)
				}
			}
			return v, err
		})
	}
}

// bumpOnCommit hooks each transaction once, however many rows it writes (an
// import writes thousands), and forgets it when it ends.
func (g *Generation) bumpOnCommit(tx *ent.Tx) {
	key := tx.Key()
	if _, hooked := g.hooked.LoadOrStore(key, true); hooked {
		return
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			err := next.Commit(ctx, tx)
			g.hooked.Delete(key)
			g.n.Add(1)
			return err
		})
	})
	tx.OnRollback(func(next ent.Rollbacker) ent.Rollbacker {
		return ent.RollbackFunc(func(ctx context.Context, tx *ent.Tx) error {
			g.hooked.Delete(key)
			return next.Rollback(ctx, tx)
		})
	})
}
