// Package audit owns the admins' audit log: every admin mutation records
// one AdminAction (who, what, on which object, details, when) in the same
// transaction as its change, so that the log holds exactly what happened.
package audit

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/adminaction"
	"github.com/claco/claco/internal/pager"
)

// The actions admins take, as the log names them.
const (
	SetConcertKeywords   = "setConcertKeywords"
	ClearConcertKeywords = "clearConcertKeywords"
	CreateCollection     = "createCollection"
	UpdateCollection     = "updateCollection"
	DeleteCollection     = "deleteCollection"
	HideTicketReview     = "hideTicketReview"
	UnhideTicketReview   = "unhideTicketReview"
)

// Entry is one admin action.
type Entry struct {
	Action string
	// Target is the global id of the object changed (0 for none).
	Target int
	// Detail says what changed, for a person reading the log.
	Detail string
}

// Record writes the entry for adminID with tx, the transaction of the change.
func Record(ctx context.Context, tx *ent.Client, adminID int, e Entry) error {
	create := tx.AdminAction.Create().SetAdminID(adminID).SetAction(e.Action)
	if e.Target != 0 {
		create.SetTargetID(e.Target)
	}
	if e.Detail != "" {
		create.SetDetail(e.Detail)
	}
	if err := create.Exec(ctx); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// Log reads the audit log.
type Log struct{ db *ent.Client }

// NewLog returns the log over db.
func NewLog(db *ent.Client) *Log { return &Log{db: db} }

// List returns one page of the log, newest first; the total only when wantTotal.
func (l *Log) List(ctx context.Context, args pager.Args, wantTotal bool) (*ent.AdminActionConnection, error) {
	rows, cursors, info, err := pager.NewestFirst(args, func(where, order func(*sql.Selector), limit int) ([]*ent.AdminAction, error) {
		return l.db.AdminAction.Query().Where(where).Order(order).Limit(limit).All(ctx)
	}, func(a *ent.AdminAction) int { return a.ID })
	if err != nil {
		return nil, err
	}
	conn := &ent.AdminActionConnection{Edges: make([]*ent.AdminActionEdge, len(rows)), PageInfo: info}
	for i, a := range rows {
		conn.Edges[i] = &ent.AdminActionEdge{Node: a, Cursor: cursors[i]}
	}
	if wantTotal {
		if conn.TotalCount, err = l.db.AdminAction.Query().Count(ctx); err != nil {
			return nil, err
		}
	}
	return conn, nil
}

// ByID returns the entries with the ids (node lookups).
func (l *Log) ByID(ctx context.Context, ids []int) (map[int]*ent.AdminAction, error) {
	rows, err := l.db.AdminAction.Query().Where(adminaction.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("admin actions: %w", err)
	}
	out := make(map[int]*ent.AdminAction, len(rows))
	for _, a := range rows {
		out[a.ID] = a
	}
	return out, nil
}
