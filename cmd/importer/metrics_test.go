package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/claco/claco/internal/testdb"
)

// runTimed runs the command with a clock that moves a minute a reading.
func runTimed(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	now := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	c := &command{clock: newFakeClock().limiterClock(), now: func() time.Time {
		now = now.Add(time.Minute)
		return now
	}}
	return runWith(t, c, env, args...)
}

// metricValues reads Prometheus text into value by "name{label=value,…}".
func metricValues(t *testing.T, path string) map[string]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return flatten(families)
}

func flatten(families map[string]*dto.MetricFamily) map[string]float64 {
	out := map[string]float64{}
	for name, f := range families {
		for _, m := range f.Metric {
			var labels []string
			for _, l := range m.Label {
				labels = append(labels, l.GetName()+"="+l.GetValue())
			}
			out[name+"{"+strings.Join(labels, ",")+"}"] = m.GetGauge().GetValue()
		}
	}
	return out
}

func expect(t *testing.T, got, want map[string]float64) {
	t.Helper()
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s = %v (present %v), want %v", k, g, ok, v)
		}
	}
}

// Each run (not a dry run) ends by writing its metrics to --metrics-file,
// successful or not; a failed run keeps the last success.
func TestRunMetricsFile(t *testing.T) {
	dir := demoDir(t)
	metrics := filepath.Join(t.TempDir(), "claco_import.prom")
	env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t)}

	r := runTimed(t, env, "kopis", "--dir", dir, "--metrics-file", metrics)
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	got := metricValues(t, metrics)
	ended := got["claco_import_last_run_timestamp_seconds{command=kopis}"]
	if ended < 1e9 {
		t.Fatalf("last run %v in %v", ended, got)
	}
	expect(t, got, map[string]float64{
		"claco_import_last_success_timestamp_seconds{command=kopis}": ended,
		"claco_import_duration_seconds{command=kopis}":               60,
		"claco_import_last_run_success{command=kopis}":               1,
		"claco_import_concerts{command=kopis,outcome=new}":           150,
		"claco_import_concerts{command=kopis,outcome=updated}":       0,
		"claco_import_concerts{command=kopis,outcome=unchanged}":     0,
		"claco_import_concerts{command=kopis,outcome=skipped}":       0,
		"claco_import_concerts{command=kopis,outcome=failed}":        0,
	})

	// A dry run leaves the file alone.
	before, _ := os.ReadFile(metrics)
	if r := runTimed(t, env, "kopis", "--dir", dir, "--dry-run", "--metrics-file", metrics); r.code != 0 {
		t.Fatalf("dry run: exit %d, stderr %q", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(metrics); string(after) != string(before) {
		t.Fatal("a dry run wrote metrics")
	}

	// The environment names the file too; a run that fails (here: the
	// directory went away) says so and keeps the last success.
	env["CLACO_IMPORT_METRICS_FILE"] = metrics
	r = runTimed(t, env, "kopis", "--dir", filepath.Join(dir, "gone"))
	if r.code != exitError {
		t.Fatalf("exit %d, want %d", r.code, exitError)
	}
	got = metricValues(t, metrics)
	expect(t, got, map[string]float64{
		"claco_import_last_success_timestamp_seconds{command=kopis}": ended,
		"claco_import_last_run_success{command=kopis}":               0,
		"claco_import_concerts{command=kopis,outcome=new}":           0,
	})

	// A rescore is told apart by its command and leaves kopis's series be.
	if r := runTimed(t, env, "rescore"); r.code != 0 {
		t.Fatalf("rescore: exit %d, stderr %q", r.code, r.stderr)
	}
	got = metricValues(t, metrics)
	expect(t, got, map[string]float64{
		"claco_import_last_run_success{command=rescore}": 1,
		"claco_import_last_run_success{command=kopis}":   0,
	})
}

// A metrics file in a missing directory is a wrong command line, found
// before anything is created.
func TestRunMetricsFileInAMissingDirectory(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "never.db")
	env := map[string]string{"CLACO_DATABASE_URL": "sqlite://" + dbPath}
	r := runCLI(t, env, "rescore", "--metrics-file", filepath.Join(t.TempDir(), "missing", "x.prom"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "--metrics-file") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	env["CLACO_PUSHGATEWAY_URL"] = "pushgateway:9091"
	r = runCLI(t, env, "rescore")
	if r.code != exitUsage || !strings.Contains(r.stderr, "CLACO_PUSHGATEWAY_URL") {
		t.Fatalf("bad Pushgateway URL: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
		t.Errorf("the database was created: %v", err)
	}
}

// With CLACO_PUSHGATEWAY_URL each run pushes its metrics; a Pushgateway
// that does not answer is a warning, not a failed import.
func TestRunMetricsPushed(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	var pushed map[string]float64
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		families := map[string]*dto.MetricFamily{}
		dec := expfmt.NewDecoder(r.Body, expfmt.ResponseFormat(r.Header))
		for {
			var f dto.MetricFamily
			if dec.Decode(&f) != nil {
				break
			}
			families[f.GetName()] = &f
		}
		mu.Lock()
		paths = append(paths, r.Method+" "+r.URL.Path)
		pushed = flatten(families)
		mu.Unlock()
	}))
	defer gw.Close()
	env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t), "CLACO_PUSHGATEWAY_URL": gw.URL}
	if r := runTimed(t, env, "kopis", "--dir", demoDir(t)); r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if len(paths) != 1 || paths[0] != "POST /metrics/job/claco_import/command/kopis" {
		t.Fatalf("pushes %q", paths)
	}
	expect(t, pushed, map[string]float64{"claco_import_last_run_success{}": 1, "claco_import_concerts{outcome=new}": 150})

	gw.Close()
	r := runTimed(t, env, "rescore")
	if r.code != 0 || !strings.Contains(r.stderr, "warning") || !strings.Contains(r.stderr, "push run metrics") {
		t.Fatalf("Pushgateway gone: exit %d, stderr %q", r.code, r.stderr)
	}
}
