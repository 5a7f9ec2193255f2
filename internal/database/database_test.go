package database_test

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/migrations"
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

// The embedded SQLite database keeps ent auto-migration; PendingMigrations
// (for CLACO_MIGRATE=off) says whether it would change anything.
func TestSQLiteMigratesWithEnt(t *testing.T) {
	ctx := context.Background()
	db, err := database.Open("sqlite://" + filepath.Join(t.TempDir(), "claco.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pending, err := db.PendingMigrations(ctx)
	if err != nil || !slices.Equal(pending, []string{"ent auto-migration"}) {
		t.Fatalf("an empty database: pending %v, %v", pending, err)
	}
	report, err := db.ApplyMigrations(ctx, migrations.Options{})
	if err != nil || report != nil {
		t.Fatalf("ent auto-migration: %+v, %v", report, err)
	}
	if pending, err := db.PendingMigrations(ctx); err != nil || len(pending) != 0 {
		t.Fatalf("a migrated database: pending %v, %v", pending, err)
	}
	if drift, err := db.SchemaDrift(ctx); err != nil || drift != "" {
		t.Fatalf("a migrated database drifts: %q, %v", drift, err)
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

func TestUniqueKeysBindLiveRowsOnly(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	day := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	newConcert := func() (*ent.Concert, error) {
		return db.Concert.Create().SetKopisID("PF1").SetTitle("t").SetStartDate(day).SetEndDate(day).SetGenre("CLASSICAL").Save(ctx)
	}
	newKakao := func() (*ent.Member, error) { return db.Member.Create().SetKakaoID("42").Save(ctx) }
	fan := db.Member.Create().SetNickname("팬").SaveX(ctx)
	var liked *ent.Concert
	newLike := func() (*ent.ConcertLike, error) {
		return db.ConcertLike.Create().SetMemberID(fan.ID).SetConcertID(liked.ID).Save(ctx)
	}

	c, err := newConcert()
	if err != nil {
		t.Fatal(err)
	}
	liked = c
	if _, err := newConcert(); !ent.IsConstraintError(err) {
		t.Fatalf("two live concerts share a KOPIS id: %v", err)
	}
	k := db.Member.Create().SetKakaoID("42").SaveX(ctx)
	if _, err := newKakao(); !ent.IsConstraintError(err) {
		t.Fatalf("two live members share a Kakao id: %v", err)
	}
	l, err := newLike()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newLike(); !ent.IsConstraintError(err) {
		t.Fatalf("a member likes a concert twice: %v", err)
	}

	db.ConcertLike.DeleteOne(l).ExecX(ctx)
	if _, err := newLike(); err != nil {
		t.Fatalf("cannot like again after unliking: %v", err)
	}
	db.Member.DeleteOne(k).ExecX(ctx)
	if _, err := newKakao(); err != nil {
		t.Fatalf("a withdrawn member's Kakao account cannot sign up again: %v", err)
	}
	db.Concert.DeleteOne(c).ExecX(ctx)
	if _, err := newConcert(); err != nil {
		t.Fatalf("a deleted concert's KOPIS id is still taken: %v", err)
	}
}

func TestOpenRejectsBadURLsWithoutShowingPasswords(t *testing.T) {
	for _, url := range []string{"postgres://u:hunter2@h/db", "claco.db", "mysql://u:hunter2@127.0.0.1:3306/", "sqlite://"} {
		_, err := database.Open(url)
		if err == nil {
			t.Errorf("%s: opened", url)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: error shows the password: %v", url, err)
		}
	}
}
