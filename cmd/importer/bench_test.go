package main

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/claco/claco/internal/kopis/kopistest"
	"github.com/claco/claco/internal/testdb"
)

// TestImportBenchmark times the operator's command on a large catalogue: N
// generated concerts (CLACO_IMPORT_BENCH, 10000 when set to 1) served by the
// fake KOPIS on loopback, imported with no rate limit into a fresh database
// (MariaDB when CLACO_TEST_MYSQL_URL is set), then imported again with
// nothing changed. It only runs when CLACO_IMPORT_BENCH is set:
//
//	CLACO_IMPORT_BENCH=1 CLACO_TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test \
//	  go test -run TestImportBenchmark -v -count=1 ./cmd/importer
func TestImportBenchmark(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("CLACO_IMPORT_BENCH"))
	switch {
	case os.Getenv("CLACO_IMPORT_BENCH") == "":
		t.Skip("a timed benchmark, kept out of the suite: run it with CLACO_IMPORT_BENCH=1 (10,000 concerts) or a number of concerts (see BENCHMARKS.md)")
	case n <= 1:
		n = 10000
	}
	fsys, err := kopistest.Generate(n)
	if err != nil {
		t.Fatal(err)
	}
	srv := kopistest.New(t, fsys, key)
	env := map[string]string{
		"CLACO_DATABASE_URL": testdb.URL(t),
		"CLACO_KOPIS_URL":    srv.URL,
		"CLACO_KOPIS_KEY":    key,
	}
	args := []string{"kopis", "--from", "2026-09-01", "--to", "2027-05-31", "--rate", "0"}
	runs := []struct {
		name  string
		want  string
		limit time.Duration
	}{
		{"new", fmt.Sprintf("imported %d new, 0 updated, 0 unchanged, 0 skipped, 0 failed\n", n), 60 * time.Second},
		{"no change", fmt.Sprintf("imported 0 new, 0 updated, %d unchanged, 0 skipped, 0 failed\n", n), 20 * time.Second},
	}
	for _, run := range runs {
		before := len(srv.Requests())
		start := time.Now()
		r := runCLI(t, env, args...)
		took := time.Since(start)
		if r.code != 0 || r.stdout != run.want {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", run.name, r.code, r.stdout, r.stderr)
		}
		t.Logf("%s: %d concerts in %v (%d KOPIS requests)", run.name, n, took.Round(10*time.Millisecond), len(srv.Requests())-before)
		if took > run.limit*time.Duration(n)/10000 {
			t.Errorf("%s took %v, want at most %v for %d concerts", run.name, took, run.limit*time.Duration(n)/10000, n)
		}
	}
}
