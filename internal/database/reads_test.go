package database

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent/keyword"
)

// TestSQLiteReadsRunOnACappedReadOnlyPool checks what readsApart promises:
// writes (INSERT … RETURNING is a query on SQLite) reach the writing pool,
// reads see them, and a burst of concurrent reads opens no more than the
// read pool's cap.
func TestSQLiteReadsRunOnACappedReadOnlyPool(t *testing.T) {
	ctx := context.Background()
	db, err := Open("sqlite://" + filepath.Join(t.TempDir(), "reads.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	split, ok := db.counter.Driver.(readsApart)
	if !ok {
		t.Fatalf("SQLite driver is %T, want readsApart", db.counter.Driver)
	}
	reads := split.reads.(*entsql.Driver).DB()

	k, err := db.Keyword.Create().SetKey("calm").SetName("잔잔한").SetPair(1).SetPosition(0).Save(ctx)
	if err != nil {
		t.Fatalf("insert through the client: %v", err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 64 {
		wg.Go(func() {
			got, err := db.Keyword.Query().Where(keyword.ID(k.ID)).Only(ctx)
			if err == nil && got.Name != "잔잔한" {
				t.Errorf("read %q", got.Name)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("read: %v", err)
		}
	}
	if open := reads.Stats().MaxOpenConnections; open != sqliteReadConns {
		t.Fatalf("read pool capped at %d, want %d", open, sqliteReadConns)
	}
	if n := reads.Stats().OpenConnections; n == 0 || n > sqliteReadConns {
		t.Fatalf("%d read connections open after 64 concurrent reads, want 1–%d", n, sqliteReadConns)
	}
	if _, err := reads.ExecContext(ctx, "DELETE FROM keywords"); err == nil {
		t.Fatal("the read pool deleted rows")
	}
	if n := db.Keyword.Query().CountX(ctx); n != 1 {
		t.Fatalf("%d keywords after the refused delete", n)
	}
}
