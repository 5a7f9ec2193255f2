package database_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/softdelete"
	"github.com/claco/claco/internal/testdb"
)

// pendingMigration returns the SQL a migration would run now.
func pendingMigration(t *testing.T, db *database.DB) string {
	t.Helper()
	var plan bytes.Buffer
	if err := db.Schema.WriteTo(context.Background(), &plan); err != nil {
		t.Fatal(err)
	}
	return plan.String()
}

func TestMigrationLeavesNothingToDo(t *testing.T) {
	db, err := database.Open(testdb.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if plan := pendingMigration(t, db); !strings.Contains(plan, "CREATE TABLE") {
		t.Fatalf("an empty database plans no tables: %q", plan)
	}
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	// A second start must not drop and re-add indexes or alter columns.
	if plan := pendingMigration(t, db); plan != "" {
		t.Fatalf("a migrated database still plans changes:\n%s", plan)
	}
}

func TestNicknameUniqueAmongLiveMembersOnly(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	first := db.Member.Create().SetNickname("클라코").SaveX(ctx)
	if _, err := db.Member.Create().SetNickname("클라코").Save(ctx); err == nil {
		t.Fatal("two live members share a nickname")
	}
	db.Member.DeleteOneID(first.ID).ExecX(ctx)
	second, err := db.Member.Create().SetNickname("클라코").Save(ctx)
	if err != nil {
		t.Fatalf("nickname of a deleted member is not free: %v", err)
	}
	db.Member.DeleteOneID(second.ID).ExecX(ctx)
	if _, err := db.Member.Create().SetNickname("클라코").Save(ctx); err != nil {
		t.Fatalf("nickname held by two deleted members is not free: %v", err)
	}
	all := db.Member.Query().CountX(softdelete.IncludeDeleted(ctx))
	live := db.Member.Query().CountX(ctx)
	if all != 3 || live != 1 {
		t.Fatalf("members: %d in all, %d live; want 3 and 1", all, live)
	}
}
