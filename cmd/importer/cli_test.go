package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claco/claco/internal/kopis/kopistest"
	"github.com/claco/claco/internal/testdb"
)

// Every help lists every flag with its default, on stdout, exits 0 and
// creates no database: neither the one CLACO_DATABASE_URL names nor the
// default claco.db in the working directory.
func TestHelp(t *testing.T) {
	t.Chdir(t.TempDir())
	dbPath := filepath.Join(t.TempDir(), "never.db")
	var o options
	var raw kopisArgs
	kopisSet, rescoreSet := kopisFlags(&o, &raw), rescoreFlags(&o)
	tests := []struct {
		args  []string
		flags []*flag.FlagSet
		want  string
	}{
		{[]string{"--help"}, []*flag.FlagSet{kopisSet, rescoreSet}, "importer rescore"},
		{[]string{"-h"}, []*flag.FlagSet{kopisSet, rescoreSet}, "importer kopis"},
		{[]string{"help", "kopis"}, []*flag.FlagSet{kopisSet}, "importer kopis --dir PATH"},
		{[]string{"kopis", "--help"}, []*flag.FlagSet{kopisSet}, "importer kopis --dir PATH"},
		{[]string{"kopis", "-h"}, []*flag.FlagSet{kopisSet}, "importer kopis --dir PATH"},
		{[]string{"kopis", "--from", "2026-01-01", "-help"}, []*flag.FlagSet{kopisSet}, "importer kopis --dir PATH"},
		{[]string{"rescore", "--help"}, []*flag.FlagSet{rescoreSet}, "importer rescore [--dry-run]"},
	}
	for _, env := range []map[string]string{{"CLACO_DATABASE_URL": "sqlite://" + dbPath}, {}} {
		for _, tt := range tests {
			r := runCLI(t, env, tt.args...)
			if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, tt.want) {
				t.Fatalf("%v: exit %d, stdout %q, stderr %q", tt.args, r.code, r.stdout, r.stderr)
			}
			for _, fs := range tt.flags {
				fs.VisitAll(func(f *flag.Flag) {
					// "  -rate float\n    \tmost KOPIS requests … (default 5)"
					re := regexp.MustCompile(`(?m)^  -` + regexp.QuoteMeta(f.Name) + `( \w+)?\n    \t.*\(default [^)]+\)$`)
					if !re.MatchString(r.stdout) {
						t.Errorf("%v: no line with the default of -%s in\n%s", tt.args, f.Name, r.stdout)
					}
				})
			}
			for _, v := range []string{"CLACO_DATABASE_URL", "CLACO_KOPIS_URL", "CLACO_KOPIS_KEY"} {
				if !strings.Contains(r.stdout, v) {
					t.Errorf("%v: %s not described", tt.args, v)
				}
			}
		}
	}
	r := runCLI(t, nil, "kopis", "--help")
	for _, want := range []string{"(default 5)", "(default 4)", `(default "CCCA,BBBC")`, "(default false)", "0 means no limit"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("kopis --help lacks %q:\n%s", want, r.stdout)
		}
	}
	if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
		t.Errorf("help created %s: %v", dbPath, err)
	}
	if _, err := os.Stat("claco.db"); !os.IsNotExist(err) {
		t.Errorf("help created claco.db in the working directory: %v", err)
	}
}

func TestBadRateAndConcurrency(t *testing.T) {
	env := map[string]string{"CLACO_KOPIS_KEY": key, "CLACO_DATABASE_URL": "sqlite://" + filepath.Join(t.TempDir(), "never.db")}
	period := []string{"kopis", "--from", "2026-01-01", "--to", "2026-01-31"}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{append(period, "--rate", "-1"), "--rate -1"},
		{append(period, "--rate", "fast"), "invalid value"},
		{append(period, "--concurrency", "0"), "--concurrency 0: want 1 to 64"},
		{append(period, "--concurrency", "65"), "--concurrency 65"},
		{[]string{"kopis", "--dir", ".", "--rate", "1"}, "do not apply"},
		{[]string{"kopis", "--dir", ".", "--concurrency", "2"}, "do not apply"},
	} {
		r := runCLI(t, env, tt.args...)
		if r.code != exitUsage || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line with %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

// A record outside classical music and dance is counted skipped, and the
// run succeeds.
func TestSkippedRecord(t *testing.T) {
	dir := demoDir(t)
	gugak := `<?xml version="1.0" encoding="UTF-8"?><dbs><db><mt20id>PF999001</mt20id><prfnm>국악 한마당</prfnm>` +
		`<prfpdfrom>2026.12.01</prfpdfrom><prfpdto>2026.12.02</prfpdto><genrenm>한국음악(국악)</genrenm></db></dbs>`
	if err := os.WriteFile(filepath.Join(dir, "detail", "PF999001.xml"), []byte(gugak), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t)}
	r := runCLI(t, env, "kopis", "--dir", dir)
	if r.code != 0 || r.stdout != "imported 150 new, 0 updated, 0 unchanged, 1 skipped, 0 failed\n" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if n := countConcerts(t, env["CLACO_DATABASE_URL"]); n != 150 {
		t.Fatalf("%d concerts, want 150", n)
	}
}

// A --dir that is not a directory of KOPIS files is one line on stderr,
// before the database is created.
func TestBadDirCreatesNoDatabase(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file.xml")
	if err := os.WriteFile(file, []byte("<dbs></dbs>"), 0o644); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(tmp, "claco.db")
	env := map[string]string{"CLACO_DATABASE_URL": "sqlite://" + dbPath}
	for _, tt := range []struct{ dir, want string }{
		{filepath.Join(tmp, "nope"), "no such directory"},
		{file, "not a directory"},
		{t.TempDir(), "no KOPIS files"},
	} {
		r := runCLI(t, env, "kopis", "--dir", tt.dir)
		want := "importer: --dir " + tt.dir + ": " + tt.want
		if r.code != exitError || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, want) {
			t.Errorf("--dir %s: exit %d, stdout %q, stderr %q; want exit 1 and %q", tt.dir, r.code, r.stdout, r.stderr, want)
		}
		if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
			t.Fatalf("--dir %s created the database: %v", tt.dir, err)
		}
	}
}

// A database that does not answer is one line on stderr, at once.
func TestUnreachableDatabase(t *testing.T) {
	dir := demoDir(t)
	for _, url := range []string{
		"mysql://root@127.0.0.1:1/x",
		"sqlite://" + filepath.Join(t.TempDir(), "no", "such", "dir", "claco.db"),
	} {
		start := time.Now()
		r := runCLI(t, map[string]string{"CLACO_DATABASE_URL": url}, "kopis", "--dir", dir)
		took := time.Since(start)
		if r.code != exitError || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "importer: cannot reach the database: ") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", url, r.code, r.stdout, r.stderr)
		}
		if took > pingTimeout {
			t.Errorf("%s: took %v to fail", url, took)
		}
	}
}

// With --rate 5 the fake KOPIS sees at most 5 requests in any second: the
// limiter's clock is fake, so the test reads the permitted start of every
// request instead of measuring time. The summary does not depend on the
// concurrency or the rate.
func TestRateLimit(t *testing.T) {
	want := "imported 150 new, 0 updated, 0 unchanged, 0 skipped, 0 failed\n"
	period := []string{"kopis", "--from", "2026-09-01", "--to", "2027-05-31", "--dry-run"}
	for _, concurrency := range []string{"1", "4"} {
		t.Run("concurrency "+concurrency, func(t *testing.T) {
			srv := kopistest.New(t, os.DirFS(demoDir(t)), key)
			clock := newFakeClock()
			var seen []time.Time // when the server saw each request, by the fake clock
			srv.Observe = func(*http.Request) { seen = append(seen, clock.Now()) }
			env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t), "CLACO_KOPIS_URL": srv.URL, "CLACO_KOPIS_KEY": key}
			r := runWith(t, &command{clock: clock.limiterClock()}, env, append(period, "--rate", "5", "--concurrency", concurrency)...)
			if r.code != 0 || !strings.HasPrefix(r.stdout, want) {
				t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
			}
			permits := clock.Permits()
			if n := len(srv.Requests()); n != len(permits) || n < 150 {
				t.Fatalf("%d requests, %d permitted", n, len(permits))
			}
			// Evenly spaced, 200 ms apart, in the order they were asked for.
			for i, p := range permits {
				if want := permits[0].Add(time.Duration(i) * 200 * time.Millisecond); !p.Equal(want) {
					t.Fatalf("request %d permitted at %v, want %v", i, p.Sub(permits[0]), want.Sub(permits[0]))
				}
			}
			checkWindows(t, "permitted", permits)
			if concurrency == "1" {
				// One request at a time: the server sees them when permitted.
				if !slices.Equal(seen, permits) {
					t.Fatalf("the server saw requests at other times than permitted")
				}
				checkWindows(t, "seen by the server", seen)
			}
		})
	}
	// No limit: nothing waits, the summary is the same.
	srv := kopistest.New(t, os.DirFS(demoDir(t)), key)
	clock := newFakeClock()
	env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t), "CLACO_KOPIS_URL": srv.URL, "CLACO_KOPIS_KEY": key}
	r := runWith(t, &command{clock: clock.limiterClock()}, env, append(period, "--rate", "0", "--concurrency", "8")...)
	if r.code != 0 || !strings.HasPrefix(r.stdout, want) || len(clock.Permits()) != 0 {
		t.Fatalf("--rate 0: exit %d, stdout %q, %d waits", r.code, r.stdout, len(clock.Permits()))
	}
}

// checkWindows fails when more than 5 of times fall in one second.
func checkWindows(t *testing.T, what string, times []time.Time) {
	t.Helper()
	sorted := slices.SortedFunc(slices.Values(times), time.Time.Compare)
	for i := 5; i < len(sorted); i++ {
		if d := sorted[i].Sub(sorted[i-5]); d < time.Second {
			t.Fatalf("requests %d to %d %s within %v", i-5, i, what, d)
		}
	}
}

// Without a terminal, progress is a plain line every 500 records or 10
// seconds, and a last one when any was written.
func TestProgressLines(t *testing.T) {
	var out strings.Builder
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	p := newProgress(&out, false, func() time.Time { return now })
	for done := range 1201 {
		if done == 1100 {
			now = now.Add(lineInterval) // a slow stretch
		}
		p.update(done, 1234)
	}
	p.finish()
	want := "progress 500/1234 records\nprogress 1000/1234 records\nprogress 1100/1234 records\nprogress 1200/1234 records\n"
	if out.String() != want {
		t.Fatalf("lines %q, want %q", out.String(), want)
	}
	out.Reset()
	p = newProgress(&out, false, time.Now)
	for done := range 151 {
		p.update(done, 150)
	}
	p.finish()
	if out.String() != "" {
		t.Fatalf("a short import wrote %q", out.String())
	}
}

// On a terminal, progress is a bar redrawn in place; a log line clears it
// first, and the bar's line ends when the import does.
func TestProgressBar(t *testing.T) {
	env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t)}
	dir := demoDir(t)
	if err := os.WriteFile(filepath.Join(dir, "detail", "PF070002.xml"), []byte("<dbs><db><mt20id>PF0"), 0o644); err != nil {
		t.Fatal(err)
	}
	tty := true
	r := runWith(t, &command{tty: &tty}, env, "kopis", "--dir", dir)
	if r.code != exitError || r.stdout != "imported 149 new, 0 updated, 0 unchanged, 0 skipped, 1 failed\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	last := fmt.Sprintf("\r\x1b[K[%s] 150/150 records 100%%\n", strings.Repeat("=", barWidth))
	if !strings.HasPrefix(r.stderr, "\r\x1b[K[") || !strings.Contains(r.stderr, last) ||
		!regexp.MustCompile(`\r\x1b\[Ktime=\S+ level=WARN msg="concert not imported" kopis_id=PF070002 `).MatchString(r.stderr) ||
		!strings.HasSuffix(r.stderr, "\nimporter: 1 concerts failed to import (reasons logged above)\n") {
		t.Errorf("bar: %q", r.stderr)
	}
}
