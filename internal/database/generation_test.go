package database_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/testdb"
)

// A transaction that writes many rows moves the generation at each write
// and once more at its commit, and leaves nothing behind once it ended.
func TestGenerationMovesAtCommitOncePerTransaction(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	var gen database.Generation
	db.Client.Concert.Use(gen.Hook())
	made := 0
	write := func(n int, commit bool) {
		t.Helper()
		tx, err := db.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for range n {
			made++
			tx.Concert.Create().SetKopisID(fmt.Sprintf("PF%d", made)).SetTitle("공연").
				SetStartDate(day).SetEndDate(day).SetGenre(concert.GenreCLASSICAL).SaveX(ctx)
		}
		if commit {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	before := gen.Load()
	write(3, true)
	if moved := gen.Load() - before; moved != 3+1 {
		t.Fatalf("3 writes and a commit moved the generation %d times, want 4", moved)
	}
	before = gen.Load()
	write(2, false)
	if moved := gen.Load() - before; moved != 2 {
		t.Fatalf("2 writes rolled back moved the generation %d times, want 2", moved)
	}
	if n := gen.Transactions(); n != 0 {
		t.Fatalf("%d transactions are still tracked after they ended", n)
	}
}
