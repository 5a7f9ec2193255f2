package migrations

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"ariga.io/atlas/sql/migrate"
	atlasmysql "ariga.io/atlas/sql/mysql"
)

// DefaultLockTimeout is how long Apply waits for another instance that is
// migrating the same database.
const DefaultLockTimeout = 15 * time.Minute

// Options tune Apply and Check.
type Options struct {
	// Dir holds the migrations; nil means the embedded ones (tests pass
	// their own).
	Dir migrate.Dir
	// Operator is recorded with each revision, e.g. "claco server v1.4.0".
	Operator string
	// LockTimeout bounds the wait for the migration lock (DefaultLockTimeout).
	LockTimeout time.Duration
	// Waiting, when set, is called once if another instance holds the lock.
	Waiting func()
}

// Applied is one migration file that Apply ran.
type Applied struct {
	Name       string // version_description, the file name without .sql
	Statements int
	Took       time.Duration
}

// Report says what Apply did.
type Report struct {
	// Baselined names the baseline migration recorded, without running it,
	// for a database made by the release before versioned migrations.
	Baselined string
	// Applied lists the migrations run, in order.
	Applied []Applied
	// Current is the version of the database afterwards.
	Current string
}

// State says where a database stands, for Check.
type State struct {
	// Current is the latest version recorded in the database ("" if none).
	Current string
	// Baseline is set when the database was made by the release before
	// versioned migrations: `server migrate` will record it at this
	// baseline rather than run it.
	Baseline string
	// Pending names the migrations still to run, in order.
	Pending []string
}

// Apply brings the MySQL/MariaDB database of db up to the latest migration.
// It holds a named lock (GET_LOCK) on one connection for the whole run, so
// concurrent callers on the same database run one after the other and the
// later ones find nothing to do. db's connections should have no read
// timeout shorter than the longest migration statement.
func Apply(ctx context.Context, db *sql.DB, opts Options) (*Report, error) {
	dir, err := opts.dir()
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	release, err := lock(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	defer release()

	rrw := &revisions{conn: conn}
	exists, err := rrw.exists(ctx)
	if err != nil {
		return nil, err
	}
	var revs []*migrate.Revision
	if exists {
		if revs, err = rrw.ReadRevisions(ctx); err != nil {
			return nil, err
		}
	}
	report := &Report{}
	exOpts := []migrate.ExecutorOption{migrate.WithOperatorVersion(opts.Operator)}
	if len(revs) == 0 {
		base, err := classify(ctx, conn, dir)
		if err != nil {
			return nil, err
		}
		if base != nil {
			exOpts = append(exOpts, migrate.WithBaselineVersion(base.Version()))
			report.Baselined = strings.TrimSuffix(base.Name(), ".sql")
		}
	}
	if !exists {
		if err := rrw.create(ctx); err != nil {
			return nil, err
		}
	}
	drv, err := atlasmysql.Open(conn)
	if err != nil {
		return nil, err
	}
	ex, err := migrate.NewExecutor(drv, dir, rrw, exOpts...)
	if err != nil {
		return nil, err
	}
	// Pending writes the baseline revision when one was asked for.
	pending, err := ex.Pending(ctx)
	if err != nil && !errors.Is(err, migrate.ErrNoPendingFiles) {
		return report, fmt.Errorf("migrations: %w", err)
	}
	// A statement under way is not interrupted (MySQL cannot roll DDL back,
	// and an unrecorded one would fail when run again); a cancelled ctx stops
	// the run between files.
	execCtx := context.WithoutCancel(ctx)
	for _, f := range pending {
		if err := ctx.Err(); err != nil {
			return report, fmt.Errorf("migrations stopped before %s: %w", f.Name(), err)
		}
		start := time.Now()
		if err := ex.Execute(execCtx, f); err != nil {
			return report, fmt.Errorf("migration %s: %w (fix the cause and run `server migrate` again: it resumes at the failed statement)", f.Name(), err)
		}
		stmts, _ := f.Stmts()
		report.Applied = append(report.Applied, Applied{Name: strings.TrimSuffix(f.Name(), ".sql"), Statements: len(stmts), Took: time.Since(start)})
	}
	if revs, err = rrw.ReadRevisions(ctx); err != nil {
		return report, err
	}
	if len(revs) > 0 {
		report.Current = revs[len(revs)-1].Version
	}
	return report, nil
}

// Check reports, without changing anything, which migrations Apply would run.
func Check(ctx context.Context, db *sql.DB, opts Options) (*State, error) {
	dir, err := opts.dir()
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rrw := &revisions{conn: conn}
	var revs []*migrate.Revision
	switch ok, err := rrw.exists(ctx); {
	case err != nil:
		return nil, err
	case ok:
		if revs, err = rrw.ReadRevisions(ctx); err != nil {
			return nil, err
		}
	}
	all, err := dir.Files()
	if err != nil {
		return nil, err
	}
	state := &State{}
	if len(revs) == 0 {
		base, err := classify(ctx, conn, dir)
		if err != nil {
			return nil, err
		}
		next := 0
		if base != nil {
			state.Baseline = strings.TrimSuffix(base.Name(), ".sql")
			next = slices.IndexFunc(all, func(f migrate.File) bool { return f.Version() == base.Version() }) + 1
		}
		for _, f := range all[next:] {
			state.Pending = append(state.Pending, strings.TrimSuffix(f.Name(), ".sql"))
		}
		return state, nil
	}
	state.Current = revs[len(revs)-1].Version
	drv, err := atlasmysql.Open(conn)
	if err != nil {
		return nil, err
	}
	ex, err := migrate.NewExecutor(drv, dir, rrw)
	if err != nil {
		return nil, err
	}
	// With revisions recorded, Pending only reads.
	pending, err := ex.Pending(ctx)
	if err != nil && !errors.Is(err, migrate.ErrNoPendingFiles) {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	for _, f := range pending {
		state.Pending = append(state.Pending, strings.TrimSuffix(f.Name(), ".sql"))
	}
	return state, nil
}

func (o Options) dir() (migrate.Dir, error) {
	if o.Dir != nil {
		if err := migrate.Validate(o.Dir); err != nil {
			return nil, fmt.Errorf("migration directory: %w", err)
		}
		return o.Dir, nil
	}
	return Dir()
}

// classify looks at a database with no recorded migrations. An empty one
// gets every migration: it returns nil. One made by the release before
// versioned migrations (ent auto-migration created every table of the
// baseline) is recorded at the baseline: it returns the baseline file.
// Anything else is refused rather than guessed at.
func classify(ctx context.Context, conn *sql.Conn, dir migrate.Dir) (migrate.File, error) {
	existing, err := tableNames(ctx, conn)
	if err != nil {
		return nil, err
	}
	if len(existing) == 0 {
		return nil, nil
	}
	base, want, err := baseline(dir)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, t := range want {
		if !slices.Contains(existing, t) {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the database has tables (%s) but no migration history, and lacks %s of the baseline schema, so it was not made by the last release before versioned migrations: "+
			"start that release against it once (its auto-migration completes the schema) and run `server migrate` again, or use an empty database",
			strings.Join(existing, ", "), strings.Join(missing, ", "))
	}
	return base, nil
}

// tableNames lists the tables of the connected database but the revisions table.
func tableNames(ctx context.Context, conn *sql.Conn) ([]string, error) {
	rows, err := conn.QueryContext(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> ? ORDER BY table_name", RevisionsTable)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// lockPoll bounds one GET_LOCK wait, below the driver's read timeout.
const lockPoll = 10

// lock takes the database's migration lock on conn: a MySQL named lock,
// held by the connection's session until released or the connection ends
// (so a crashed instance cannot leave it behind).
func lock(ctx context.Context, conn *sql.Conn, opts Options) (release func(), err error) {
	var database sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&database); err != nil {
		return nil, err
	}
	if !database.Valid {
		return nil, errors.New("migrations: the database URL names no database")
	}
	name := LockName(database.String)
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	try := func(wait int) (bool, error) {
		var got sql.NullInt64
		if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, ?)", name, wait).Scan(&got); err != nil {
			return false, fmt.Errorf("take migration lock %q: %w", name, err)
		}
		return got.Valid && got.Int64 == 1, nil
	}
	got, err := try(0)
	if err != nil {
		return nil, err
	}
	if !got && opts.Waiting != nil {
		opts.Waiting()
	}
	for deadline := time.Now().Add(timeout); !got; {
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("waited %s for migration lock %q: another instance is still migrating the database", timeout, name)
		}
		if got, err = try(lockPoll); err != nil {
			return nil, err
		}
	}
	return func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), "DO RELEASE_LOCK(?)", name) }, nil
}

// LockName is the named lock that guards migrations of database (locks are
// per server, so the name carries the database's).
func LockName(database string) string {
	name := "claco_migrate:" + database
	if len(name) > 64 { // MySQL's limit
		sum := sha256.Sum256([]byte(database))
		name = "claco_migrate:" + hex.EncodeToString(sum[:16])
	}
	return name
}
