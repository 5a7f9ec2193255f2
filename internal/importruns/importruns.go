// Package importruns owns the record of the importer's runs: each run's
// source, start and end, what it did to how many concerts and how it ended,
// written by the importer command (a run that dies part-way stays RUNNING
// or is FAILED with its reason) and read by admins.
package importruns

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/importrun"
	"github.com/claco/claco/internal/pager"
)

// Counts are what a run did to how many records.
type Counts struct {
	New, Updated, Unchanged, Skipped, Failed int
}

// Run is a run being recorded.
type Run struct {
	db  *ent.Client
	id  int
	now func() time.Time
}

// Start records that a run from source began now.
func Start(ctx context.Context, db *ent.Client, source string, now func() time.Time) (*Run, error) {
	if now == nil {
		now = time.Now
	}
	row, err := db.ImportRun.Create().SetSource(truncate(source, 255)).SetStartedAt(now()).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("record import run: %w", err)
	}
	return &Run{db: db, id: row.ID, now: now}, nil
}

// ID is the run's id.
func (r *Run) ID() int { return r.id }

// Finish records how the run ended: SUCCEEDED when every record went
// through, PARTIAL when some failed or the run stopped after writing some,
// FAILED when it stopped having written none. It uses a context of its own,
// so that a run cancelled by a signal is still recorded.
func (r *Run) Finish(c Counts, runErr error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	update := r.db.ImportRun.UpdateOneID(r.id).
		SetFinishedAt(r.now()).
		SetStatus(statusOf(c, runErr)).
		SetNewCount(c.New).SetUpdatedCount(c.Updated).SetUnchangedCount(c.Unchanged).
		SetSkippedCount(c.Skipped).SetFailedCount(c.Failed)
	if runErr != nil {
		update.SetError(truncate(runErr.Error(), 2000))
	}
	if err := update.Exec(ctx); err != nil {
		return fmt.Errorf("record import run: %w", err)
	}
	return nil
}

func statusOf(c Counts, runErr error) importrun.Status {
	wrote := c.New+c.Updated+c.Unchanged+c.Skipped > 0
	switch {
	case runErr == nil && c.Failed == 0:
		return importrun.StatusSUCCEEDED
	case runErr == nil || wrote:
		return importrun.StatusPARTIAL
	default:
		return importrun.StatusFAILED
	}
}

// List returns one page of the runs, newest first; the total only when wantTotal.
func List(ctx context.Context, db *ent.Client, args pager.Args, wantTotal bool) (*ent.ImportRunConnection, error) {
	rows, cursors, info, err := pager.NewestFirst(args, func(where, order func(*sql.Selector), limit int) ([]*ent.ImportRun, error) {
		return db.ImportRun.Query().Where(where).Order(order).Limit(limit).All(ctx)
	}, func(r *ent.ImportRun) int { return r.ID })
	if err != nil {
		return nil, err
	}
	conn := &ent.ImportRunConnection{Edges: make([]*ent.ImportRunEdge, len(rows)), PageInfo: info}
	for i, r := range rows {
		conn.Edges[i] = &ent.ImportRunEdge{Node: r, Cursor: cursors[i]}
	}
	if wantTotal {
		if conn.TotalCount, err = db.ImportRun.Query().Count(ctx); err != nil {
			return nil, fmt.Errorf("import runs: %w", err)
		}
	}
	return conn, nil
}

// ByID returns the runs with the ids (node lookups).
func ByID(ctx context.Context, db *ent.Client, ids []int) (map[int]*ent.ImportRun, error) {
	rows, err := db.ImportRun.Query().Where(importrun.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("import runs: %w", err)
	}
	out := make(map[int]*ent.ImportRun, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
