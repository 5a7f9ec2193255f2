package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/demo"
	"github.com/claco/claco/internal/kopis/kopistest"
	"github.com/claco/claco/internal/testdb"
)

const key = "cli-test-key"

type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command with a fake clock for the KOPIS rate limit, so
// that the default --rate costs no time.
func runCLI(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	return runWith(t, &command{clock: newFakeClock().limiterClock()}, env, args...)
}

// runWith runs c (whose getenv, stdout and stderr it sets) with args.
func runWith(t *testing.T, c *command, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	c.getenv = func(k string) string { return env[k] }
	c.stdout, c.stderr = &stdout, &stderr
	code := c.run(context.Background(), args)
	return result{code, stdout.String(), stderr.String()}
}

// fakeClock is a clock that only moves when the rate limiter waits: a wait
// until a later time jumps there at once. It records every permitted start.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	permits []time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) sleep(ctx context.Context, until time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.permits = append(f.permits, until)
	if until.After(f.now) {
		f.now = until
	}
	return ctx.Err()
}

func (f *fakeClock) Permits() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.permits...)
}

func (f *fakeClock) limiterClock() *limiterClock {
	return &limiterClock{now: f.Now, sleep: f.sleep}
}

// demoDir writes the demo catalogue into a directory, as a user's saved files.
func demoDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(demo.FS, "kopis", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, strings.TrimPrefix(p, "kopis"))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(demo.FS, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func countConcerts(t *testing.T, dbURL string) int {
	t.Helper()
	db, err := database.Open(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return db.Concert.Query().CountX(context.Background())
}

func TestImportDirTwice(t *testing.T) {
	env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t)}
	dir := demoDir(t)
	r := runCLI(t, env, "kopis", "--dir", dir)
	if r.code != 0 || r.stdout != "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed\n" {
		t.Fatalf("first run: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "kopis", "--dir", dir)
	if r.code != 0 || r.stdout != "imported 0 new, 0 updated, 150 unchanged, 0 skipped, 0 failed\n" || r.stderr != "" {
		t.Fatalf("second run: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if n := countConcerts(t, env["CLACO_DATABASE_URL"]); n != 150 {
		t.Fatalf("%d concerts in the database", n)
	}
}

func TestImportAPI(t *testing.T) {
	srv := kopistest.New(t, os.DirFS(demoDir(t)), key)
	env := map[string]string{
		"CLACO_DATABASE_URL": testdb.URL(t),
		"CLACO_KOPIS_URL":    srv.URL,
		"CLACO_KOPIS_KEY":    key,
	}
	r := runCLI(t, env, "kopis", "--from", "2026-09-01", "--to", "2027-05-31", "--genres", "CCCA,BBBC", "--dry-run")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed\n") {
		t.Fatalf("dry run: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if n := countConcerts(t, env["CLACO_DATABASE_URL"]); n != 0 {
		t.Fatalf("dry run wrote %d concerts", n)
	}
	r = runCLI(t, env, "kopis", "--from", "2026-09-01", "--to", "2027-05-31", "--genres", "BBBC")
	if r.code != 0 || r.stdout != "imported 42 new, 0 updated, 0 unchanged, 0 skipped, 0 failed\n" {
		t.Fatalf("dance: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "kopis", "--from", "2026-09-01", "--to", "2027-05-31", "--since", "2099-01-01")
	if r.code != 0 || r.stdout != "imported 0 new, 0 updated, 0 unchanged, 0 skipped, 0 failed\n" {
		t.Fatalf("since the future: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestWrongKeyFailsWithoutShowingIt(t *testing.T) {
	srv := kopistest.New(t, os.DirFS(demoDir(t)), "the-registered-key")
	env := map[string]string{
		"CLACO_DATABASE_URL": testdb.URL(t),
		"CLACO_KOPIS_URL":    srv.URL,
		"CLACO_KOPIS_KEY":    key,
	}
	r := runCLI(t, env, "kopis", "--from", "2026-10-01", "--to", "2026-10-31")
	if r.code == 0 || !strings.Contains(r.stderr, "SERVICE KEY IS NOT REGISTERED") {
		t.Fatalf("wrong key: exit %d, stderr %q", r.code, r.stderr)
	}
	if lines := strings.Count(strings.TrimSpace(r.stderr), "\n") + 1; lines != 1 {
		t.Fatalf("stderr has %d lines, want one reason: %q", lines, r.stderr)
	}
	if strings.Contains(r.stderr+r.stdout, key) {
		t.Fatalf("the key was printed: %q %q", r.stdout, r.stderr)
	}
}

func TestFailedConcertsMakeTheRunFail(t *testing.T) {
	dir := demoDir(t)
	if err := os.WriteFile(filepath.Join(dir, "detail", "PF070002.xml"), []byte("<dbs><db><mt20id>PF0"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, map[string]string{"CLACO_DATABASE_URL": testdb.URL(t)}, "kopis", "--dir", dir)
	if r.code == 0 || r.stdout != "imported 149 new, 0 updated, 0 unchanged, 0 skipped, 1 failed\n" ||
		!strings.Contains(r.stderr, "PF070002") || !strings.HasSuffix(r.stderr, "importer: 1 concerts failed to import (reasons logged above)\n") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	dbURL := "sqlite://" + filepath.Join(t.TempDir(), "never.db")
	env := map[string]string{"CLACO_DATABASE_URL": dbURL, "CLACO_KOPIS_KEY": key}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no subcommand", nil, env, "want the subcommand kopis"},
		{"unknown subcommand", []string{"kopi"}, env, "want the subcommand kopis"},
		{"unknown flag", []string{"kopis", "--form", "2026-01-01"}, env, "flag provided but not defined"},
		{"no period", []string{"kopis"}, env, "--from and --to are required"},
		{"bad date", []string{"kopis", "--from", "2026/01/01", "--to", "2026-01-31"}, env, `--from "2026/01/01"`},
		{"reversed period", []string{"kopis", "--from", "2026-02-01", "--to", "2026-01-01"}, env, "before --from"},
		{"bad genre", []string{"kopis", "--from", "2026-01-01", "--to", "2026-01-31", "--genres", "CCCA,AAAA"}, env, `"AAAA"`},
		{"bad since", []string{"kopis", "--from", "2026-01-01", "--to", "2026-01-31", "--since", "yesterday"}, env, "--since"},
		{"dir with period", []string{"kopis", "--dir", ".", "--from", "2026-01-01"}, env, "do not apply"},
		{"extra argument", []string{"kopis", "--dir", ".", "extra"}, env, `unexpected argument "extra"`},
		{"no key", []string{"kopis", "--from", "2026-01-01", "--to", "2026-01-31"}, map[string]string{"CLACO_DATABASE_URL": dbURL}, "CLACO_KOPIS_KEY is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.env, tt.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d and one line with %q", r.code, r.stdout, r.stderr, exitUsage, tt.want)
			}
		})
	}
	if _, err := os.Stat(strings.TrimPrefix(dbURL, "sqlite://")); !os.IsNotExist(err) {
		t.Fatalf("a usage error created the database: %v", err)
	}
}

func TestRuntimeErrors(t *testing.T) {
	r := runCLI(t, map[string]string{"CLACO_DATABASE_URL": "postgres://localhost/claco"}, "kopis", "--dir", ".")
	if r.code != exitError || !strings.Contains(r.stderr, "scheme") {
		t.Fatalf("bad database URL: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, map[string]string{"CLACO_DATABASE_URL": testdb.URL(t)}, "kopis", "--dir", t.TempDir())
	if r.code != exitError || !strings.Contains(r.stderr, "no KOPIS files") {
		t.Fatalf("empty directory: exit %d, stderr %q", r.code, r.stderr)
	}
}

// rescore scores stored concerts again without KOPIS: nothing changes when
// the scorer has not; a concert whose stored scores are stale is updated.
func TestRescore(t *testing.T) {
	env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t)}
	if r := runCLI(t, env, "kopis", "--dir", demoDir(t)); r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	r := runCLI(t, env, "rescore")
	if r.code != 0 || r.stdout != "imported 0 new, 0 updated, 150 unchanged, 0 skipped, 0 failed\n" {
		t.Fatalf("rescore with the same scorer: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// Scores written by an older scorer (here: wiped) are brought up to date.
	db, err := database.Open(env["CLACO_DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	first := db.Concert.Query().FirstX(ctx)
	db.ConcertKeyword.Delete().Where(concertkeyword.ConcertID(first.ID)).ExecX(ctx)
	db.Close()
	r = runCLI(t, env, "rescore")
	if r.code != 0 || r.stdout != "imported 0 new, 1 updated, 149 unchanged, 0 skipped, 0 failed\n" {
		t.Fatalf("rescore after a change: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
