package schema

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	gen "github.com/claco/claco/ent"
	"github.com/claco/claco/ent/hook"
	"github.com/claco/claco/ent/intercept"
	"github.com/claco/claco/internal/softdelete"
)

// SoftDeleteMixin turns deletes into updates and hides deleted rows from every
// query, traversal and update (see internal/softdelete to look at them on purpose).
//
// tombstone is 0 while a row is live and a unique non-zero stamp once it is
// deleted. Unique indexes that must only bind live rows (a nickname, a like)
// include it: live rows all share 0 and collide, deleted rows never do. This
// works the same on SQLite and MariaDB, where partial indexes do not.
type SoftDeleteMixin struct{ mixin.Schema }

// Fields of the SoftDeleteMixin.
func (SoftDeleteMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time(softdelete.Column).SchemaType(instantType).Optional().Nillable().Annotations(entgql.Skip()),
		field.Int64("tombstone").Default(0).Annotations(entgql.Skip()),
	}
}

// Interceptors of the SoftDeleteMixin.
func (d SoftDeleteMixin) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{
		intercept.TraverseFunc(func(ctx context.Context, q intercept.Query) error {
			if !softdelete.Included(ctx) {
				d.live(q)
			}
			return nil
		}),
	}
}

// softDeletable is what every generated mutation of a schema with this mixin offers.
type softDeletable interface {
	SetOp(ent.Op)
	Client() *gen.Client
	SetDeletedAt(time.Time)
	SetTombstone(int64)
	WhereP(...func(*sql.Selector))
}

// Hooks of the SoftDeleteMixin.
func (d SoftDeleteMixin) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				mx, ok := m.(softDeletable)
				if !ok {
					return nil, fmt.Errorf("soft delete: unexpected mutation type %T", m)
				}
				if softdelete.Included(ctx) {
					return next.Mutate(ctx, m)
				}
				d.live(mx)
				if !m.Op().Is(ent.OpDelete | ent.OpDeleteOne) {
					return next.Mutate(ctx, m)
				}
				now := time.Now()
				mx.SetOp(ent.OpUpdate)
				mx.SetDeletedAt(now)
				mx.SetTombstone(nextTombstone(now))
				return mx.Client().Mutate(ctx, m)
			})
		}, ent.OpDelete|ent.OpDeleteOne|ent.OpUpdate|ent.OpUpdateOne),
	}
}

// live restricts a query or mutation to rows that are not deleted.
func (SoftDeleteMixin) live(w interface{ WhereP(...func(*sql.Selector)) }) {
	w.WhereP(softdelete.Live)
}

var lastTombstone atomic.Int64

// nextTombstone returns a stamp that no earlier delete of this process used:
// the time in nanoseconds, bumped when two deletes meet in the same nanosecond.
func nextTombstone(now time.Time) int64 {
	for {
		last := lastTombstone.Load()
		stamp := max(now.UnixNano(), last+1)
		if lastTombstone.CompareAndSwap(last, stamp) {
			return stamp
		}
	}
}
