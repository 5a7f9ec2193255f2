package migrations_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ariga.io/atlas/sql/migrate"
	atlasmysql "ariga.io/atlas/sql/mysql"
	"ariga.io/atlas/sql/schema"

	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/migrations"
	"github.com/claco/claco/internal/migrations/mysqltest"
)

// previousRelease is a dump of a database made by the last release before
// versioned migrations, with a member, a concert and a like.
const previousRelease = "testdata/previous-release.sql"

func open(t *testing.T, url string) *database.DB {
	t.Helper()
	db, err := database.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// load runs a SQL dump on the database at url.
func load(t *testing.T, url, path string) {
	t.Helper()
	dump, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mysqltest.Admin(t, url).Exec(string(dump)); err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
}

// requireEntSchema fails with the command to run when the migrated database
// differs from the ent schema.
func requireEntSchema(t *testing.T, db *database.DB) {
	t.Helper()
	drift, err := db.SchemaDrift(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if drift != "" {
		t.Fatalf("the ent schema changed but no migration was generated for it: run\n\n"+
			"\t%s\n\n(from the module root, with MariaDB/MySQL at 127.0.0.1:3306 or --dev-url; see internal/migrations/README.md) "+
			"and commit the new file with atlas.sum. The migrated database would still need:\n%s", migrations.GenerateCommand, drift)
	}
}

func names(applied []migrations.Applied) []string {
	var out []string
	for _, a := range applied {
		out = append(out, a.Name)
	}
	return out
}

func latestVersion() string {
	v, _, _ := strings.Cut(migrations.Latest(), "_")
	return v
}

// (a, d) The migrations build exactly the ent schema on an empty database;
// when someone changes the ent schema without generating a migration, this
// is the test that fails, and it says what to run.
func TestMigrationsBuildTheEntSchema(t *testing.T) {
	ctx := context.Background()
	db := open(t, mysqltest.FreshURL(t))
	report, err := db.ApplyMigrations(ctx, migrations.Options{Operator: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(report.Applied); report.Baselined != "" || !slices.Equal(got, migrations.Names()) {
		t.Fatalf("applied %v (baselined %q), want every migration %v", got, report.Baselined, migrations.Names())
	}
	if report.Current != latestVersion() {
		t.Fatalf("database at %s, want %s", report.Current, latestVersion())
	}
	requireEntSchema(t, db)

	again, err := db.ApplyMigrations(ctx, migrations.Options{})
	if err != nil || len(again.Applied) != 0 || again.Baselined != "" {
		t.Fatalf("a second run did something: %+v, %v", again, err)
	}
	if pending, err := db.PendingMigrations(ctx); err != nil || len(pending) != 0 {
		t.Fatalf("pending after migrating: %v, %v", pending, err)
	}
}

// (b) A database made by the previous release (ent auto-migration, no
// revisions table) is recorded at the baseline, not created again; later
// migrations run; its rows stay; it ends at the ent schema.
func TestUpgradeFromThePreviousRelease(t *testing.T) {
	ctx := context.Background()
	url := mysqltest.FreshURL(t)
	load(t, url, previousRelease)
	db := open(t, url)
	all := migrations.Names()

	pending, err := db.PendingMigrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pending, all[1:]) {
		t.Fatalf("pending %v, want the migrations after the baseline %v", pending, all[1:])
	}
	// What `server migrate` and start-up run.
	report, err := db.ApplyMigrations(ctx, migrations.Options{Operator: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if report.Baselined != all[0] || !slices.Equal(names(report.Applied), all[1:]) {
		t.Fatalf("baselined %q and applied %v; want baseline %s and %v", report.Baselined, names(report.Applied), all[0], all[1:])
	}
	var typ, applied int
	baseVersion, _, _ := strings.Cut(all[0], "_")
	if err := db.SQL.QueryRow("SELECT type, applied FROM atlas_schema_revisions WHERE version = ?", baseVersion).Scan(&typ, &applied); err != nil {
		t.Fatalf("baseline revision: %v", err)
	}
	if migrate.RevisionType(typ) != migrate.RevisionTypeBaseline || applied != 0 {
		t.Fatalf("baseline revision has type %d, %d statements applied; want a baseline that ran nothing", typ, applied)
	}

	var nickname, title string
	var likes int
	err = db.SQL.QueryRow("SELECT m.nickname, c.title, COUNT(*) FROM concert_likes l JOIN members m ON m.id = l.member_id JOIN concerts c ON c.id = l.concert_id GROUP BY m.nickname, c.title").Scan(&nickname, &title, &likes)
	if err != nil || nickname != "이전릴리스" || title != "호두까기 인형" || likes != 1 {
		t.Fatalf("the previous release's rows: %q %q %d, %v", nickname, title, likes, err)
	}
	requireEntSchema(t, db)

	again, err := db.ApplyMigrations(ctx, migrations.Options{})
	if err != nil || len(again.Applied) != 0 || again.Baselined != "" {
		t.Fatalf("a second run did something: %+v, %v", again, err)
	}
}

// The baseline migration builds exactly what the previous release's
// auto-migration built, so recording such a database at the baseline is true.
func TestBaselineIsThePreviousReleaseSchema(t *testing.T) {
	ctx := context.Background()
	prevURL, baseURL := mysqltest.FreshURL(t), mysqltest.FreshURL(t)
	load(t, prevURL, previousRelease)

	embedded, err := migrations.Dir()
	if err != nil {
		t.Fatal(err)
	}
	files, err := embedded.Files()
	if err != nil {
		t.Fatal(err)
	}
	baseOnly := &migrate.MemDir{}
	if err := baseOnly.CopyFiles(files[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := open(t, baseURL).ApplyMigrations(ctx, migrations.Options{Dir: baseOnly}); err != nil {
		t.Fatal(err)
	}

	inspect := func(url string) (*schema.Schema, migrate.Driver) {
		drv, err := atlasmysql.Open(mysqltest.Admin(t, url))
		if err != nil {
			t.Fatal(err)
		}
		s, err := drv.InspectSchema(ctx, "", &schema.InspectOptions{Exclude: []string{migrations.RevisionsTable}})
		if err != nil {
			t.Fatal(err)
		}
		s.Name = ""
		return s, drv
	}
	prev, drv := inspect(prevURL)
	base, _ := inspect(baseURL)
	if len(prev.Tables) != len(base.Tables) {
		t.Fatalf("previous release has %d tables, the baseline %d", len(prev.Tables), len(base.Tables))
	}
	changes, err := drv.SchemaDiff(prev, base)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) > 0 {
		plan, err := drv.PlanChanges(ctx, "diff", changes)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, c := range plan.Changes {
			b.WriteString(c.Cmd + ";\n")
		}
		t.Fatalf("the baseline differs from the previous release's schema:\n%s", b.String())
	}
}

// A database recorded at the baseline gets the migrations written after it,
// and keeps its rows through them.
func TestBaselinedDatabaseGetsLaterMigrations(t *testing.T) {
	ctx := context.Background()
	embedded, err := migrations.Dir()
	if err != nil {
		t.Fatal(err)
	}
	files, err := embedded.Files()
	if err != nil {
		t.Fatal(err)
	}
	dir := &migrate.MemDir{}
	later := migrate.NewLocalFile("99990101000000_test_note.sql", []byte(
		"-- Modify \"members\" table\nALTER TABLE `members` ADD COLUMN `test_note` varchar(16) NULL;\nUPDATE `members` SET `test_note` = 'kept';\n"))
	if err := dir.CopyFiles(append(slices.Clone(files), later)); err != nil {
		t.Fatal(err)
	}
	all := append(slices.Clone(migrations.Names()), "99990101000000_test_note")

	for _, start := range []string{"previous release", "empty"} {
		url := mysqltest.FreshURL(t)
		if start == "previous release" {
			load(t, url, previousRelease)
		}
		db := open(t, url)
		report, err := db.ApplyMigrations(ctx, migrations.Options{Dir: dir})
		if err != nil {
			t.Fatalf("%s: %v", start, err)
		}
		want := all
		if start == "previous release" {
			want = all[1:]
			if report.Baselined != all[0] {
				t.Errorf("%s: baselined %q", start, report.Baselined)
			}
		}
		if !slices.Equal(names(report.Applied), want) || report.Current != "99990101000000" {
			t.Fatalf("%s: applied %v, at %s; want %v", start, names(report.Applied), report.Current, want)
		}
		if start == "previous release" {
			var nickname, note string
			if err := db.SQL.QueryRow("SELECT nickname, test_note FROM members").Scan(&nickname, &note); err != nil || nickname != "이전릴리스" || note != "kept" {
				t.Fatalf("member after the later migration: %q %q %v", nickname, note, err)
			}
		}
	}
}

// Instances starting together take turns: the migrations run once, the
// others wait for the lock and then find nothing to do.
func TestConcurrentStartsMigrateOnce(t *testing.T) {
	ctx := context.Background()
	url := mysqltest.FreshURL(t)
	const n = 3
	var (
		wg      sync.WaitGroup
		reports [n]*migrations.Report
		errs    [n]error
	)
	for i := range n {
		db := open(t, url)
		wg.Go(func() { reports[i], errs[i] = db.ApplyMigrations(ctx, migrations.Options{}) })
	}
	wg.Wait()
	ran := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("instance %d: %v", i, errs[i])
		}
		if len(reports[i].Applied) > 0 {
			ran++
			if len(reports[i].Applied) != len(migrations.Names()) {
				t.Errorf("instance %d applied %v", i, names(reports[i].Applied))
			}
		}
		if reports[i].Current != latestVersion() {
			t.Errorf("instance %d left the database at %s", i, reports[i].Current)
		}
	}
	if ran != 1 {
		t.Fatalf("%d instances ran migrations, want 1", ran)
	}
}

// While another session holds the migration lock, Apply waits for it.
func TestApplyWaitsForTheLock(t *testing.T) {
	ctx := context.Background()
	url := mysqltest.FreshURL(t)
	holder, err := mysqltest.Admin(t, url).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	name := migrations.LockName(url[strings.LastIndex(url, "/")+1:])
	var got int
	if err := holder.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", name).Scan(&got); err != nil || got != 1 {
		t.Fatalf("take %s: %d %v", name, got, err)
	}
	waiting := make(chan struct{})
	done := make(chan error, 1)
	db := open(t, url)
	go func() {
		_, err := db.ApplyMigrations(ctx, migrations.Options{Waiting: func() { close(waiting) }})
		done <- err
	}()
	select {
	case <-waiting:
	case err := <-done:
		t.Fatalf("migrated while another session held the lock: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("Apply neither waited nor finished")
	}
	if tables := countTables(t, db); tables != 0 {
		t.Fatalf("%d tables exist while waiting for the lock", tables)
	}
	if _, err := holder.ExecContext(ctx, "DO RELEASE_LOCK(?)", name); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("Apply did not go on once the lock was free")
	}
}

func countTables(t *testing.T, db *database.DB) int {
	t.Helper()
	var n int
	if err := db.SQL.QueryRow("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A non-empty database with no history that is not the previous release's
// is refused, not guessed at.
func TestUnknownDatabaseIsRefused(t *testing.T) {
	ctx := context.Background()
	url := mysqltest.FreshURL(t)
	if _, err := mysqltest.Admin(t, url).Exec("CREATE TABLE members (id bigint PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	db := open(t, url)
	for what, err := range map[string]error{
		"apply": func() error { _, err := db.ApplyMigrations(ctx, migrations.Options{}); return err }(),
		"check": func() error { _, err := db.PendingMigrations(ctx); return err }(),
	} {
		if err == nil || !strings.Contains(err.Error(), "no migration history") {
			t.Errorf("%s: %v, want a refusal", what, err)
		}
	}
	if n := countTables(t, db); n != 1 { // members
		t.Fatalf("%d tables after a refusal", n)
	}
}
