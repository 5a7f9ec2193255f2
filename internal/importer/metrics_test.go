package importer_test

import (
	"context"
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

	"github.com/claco/claco/internal/importer"
)

var runStart = time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)

func run(command string, success bool, minutes int, s importer.Summary) importer.Run {
	return importer.Run{
		Command: command, Start: runStart, End: runStart.Add(time.Duration(minutes) * time.Minute),
		Summary: s, Success: success,
	}
}

// readMetrics parses a metrics file: value by "name{label=value,…}" (labels in file order).
func readMetrics(t *testing.T, path string) (map[string]float64, map[string]*dto.MetricFamily) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(f)
	if err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	return values(families), families
}

func values(families map[string]*dto.MetricFamily) map[string]float64 {
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

func wantValues(t *testing.T, got map[string]float64, want map[string]float64) {
	t.Helper()
	for k, v := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("no %s in %v", k, got)
		} else if g != v {
			t.Errorf("%s = %v, want %v", k, g, v)
		}
	}
}

func TestMetricsFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "claco_import.prom")
	ok := run("kopis", true, 2, importer.Summary{New: 3, Updated: 2, Unchanged: 10, Skipped: 4})
	if err := importer.WriteMetricsFile(path, ok); err != nil {
		t.Fatal(err)
	}
	end := float64(ok.End.Unix())
	got, families := readMetrics(t, path)
	wantValues(t, got, map[string]float64{
		"claco_import_last_run_timestamp_seconds{command=kopis}":     end,
		"claco_import_last_success_timestamp_seconds{command=kopis}": end,
		"claco_import_duration_seconds{command=kopis}":               120,
		"claco_import_last_run_success{command=kopis}":               1,
		"claco_import_concerts{command=kopis,outcome=new}":           3,
		"claco_import_concerts{command=kopis,outcome=updated}":       2,
		"claco_import_concerts{command=kopis,outcome=unchanged}":     10,
		"claco_import_concerts{command=kopis,outcome=skipped}":       4,
		"claco_import_concerts{command=kopis,outcome=failed}":        0,
	})
	for name, f := range families {
		if f.GetType() != dto.MetricType_GAUGE || f.GetHelp() == "" {
			t.Errorf("%s: type %v, help %q", name, f.GetType(), f.GetHelp())
		}
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644 for node_exporter", info.Mode(), err)
	}

	// A failed run, a day later: the last success stays the first run's.
	failed := run("kopis", false, 1, importer.Summary{New: 1, Failed: 2})
	failed.Start, failed.End = failed.Start.Add(24*time.Hour), failed.End.Add(24*time.Hour)
	if err := importer.WriteMetricsFile(path, failed); err != nil {
		t.Fatal(err)
	}
	got, _ = readMetrics(t, path)
	wantValues(t, got, map[string]float64{
		"claco_import_last_run_timestamp_seconds{command=kopis}":     float64(failed.End.Unix()),
		"claco_import_last_success_timestamp_seconds{command=kopis}": end,
		"claco_import_duration_seconds{command=kopis}":               60,
		"claco_import_last_run_success{command=kopis}":               0,
		"claco_import_concerts{command=kopis,outcome=new}":           1,
		"claco_import_concerts{command=kopis,outcome=failed}":        2,
	})

	// A rescore in the same file keeps the kopis runs' series.
	rescore := run("rescore", true, 3, importer.Summary{Updated: 7})
	if err := importer.WriteMetricsFile(path, rescore); err != nil {
		t.Fatal(err)
	}
	got, _ = readMetrics(t, path)
	wantValues(t, got, map[string]float64{
		"claco_import_last_success_timestamp_seconds{command=kopis}":   end,
		"claco_import_last_run_success{command=kopis}":                 0,
		"claco_import_concerts{command=kopis,outcome=failed}":          2,
		"claco_import_last_success_timestamp_seconds{command=rescore}": float64(rescore.End.Unix()),
		"claco_import_concerts{command=rescore,outcome=updated}":       7,
	})
	if len(got) != 2*9 {
		t.Errorf("%d series, want 9 a command: %v", len(got), got)
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// A failed first run has no last success to report; a file that is not
// metrics is replaced.
func TestMetricsFileOfAFailedFirstRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claco_import.prom")
	if err := os.WriteFile(path, []byte("not metrics {{{\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := importer.WriteMetricsFile(path, run("kopis", false, 1, importer.Summary{})); err != nil {
		t.Fatal(err)
	}
	got, _ := readMetrics(t, path)
	if _, ok := got["claco_import_last_success_timestamp_seconds{command=kopis}"]; ok {
		t.Errorf("a last success without one: %v", got)
	}
	wantValues(t, got, map[string]float64{"claco_import_last_run_success{command=kopis}": 0})
}

func TestMetricsFileInAMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "claco_import.prom")
	if err := importer.WriteMetricsFile(path, run("kopis", true, 1, importer.Summary{})); err == nil {
		t.Fatal("no error writing into a missing directory")
	}
}

// pushgateway records the pushes it receives.
type pushgateway struct {
	mu     sync.Mutex
	pushes []push
}

type push struct {
	method, path, auth string
	values             map[string]float64
}

func (p *pushgateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	families := map[string]*dto.MetricFamily{}
	dec := expfmt.NewDecoder(r.Body, expfmt.ResponseFormat(r.Header))
	for {
		var f dto.MetricFamily
		if err := dec.Decode(&f); err != nil {
			break
		}
		families[f.GetName()] = &f
	}
	user, password, _ := r.BasicAuth()
	p.mu.Lock()
	p.pushes = append(p.pushes, push{r.Method, r.URL.Path, user + ":" + password, values(families)})
	p.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func TestPushMetrics(t *testing.T) {
	gw := &pushgateway{}
	srv := httptest.NewServer(gw)
	defer srv.Close()
	u := strings.Replace(srv.URL, "http://", "http://ops:s3cret@", 1)
	if err := importer.PushMetrics(context.Background(), u, run("kopis", true, 2, importer.Summary{New: 5})); err != nil {
		t.Fatal(err)
	}
	if err := importer.PushMetrics(context.Background(), srv.URL, run("rescore", false, 1, importer.Summary{Failed: 1})); err != nil {
		t.Fatal(err)
	}
	if len(gw.pushes) != 2 {
		t.Fatalf("%d pushes, want 2", len(gw.pushes))
	}
	ok, failed := gw.pushes[0], gw.pushes[1]
	if ok.method != http.MethodPost || ok.path != "/metrics/job/claco_import/command/kopis" || ok.auth != "ops:s3cret" {
		t.Errorf("push %s %s as %q, want POST /metrics/job/claco_import/command/kopis as ops:s3cret", ok.method, ok.path, ok.auth)
	}
	wantValues(t, ok.values, map[string]float64{
		"claco_import_last_success_timestamp_seconds{}": float64(runStart.Add(2 * time.Minute).Unix()),
		"claco_import_last_run_success{}":               1,
		"claco_import_duration_seconds{}":               120,
		"claco_import_concerts{outcome=new}":            5,
	})
	if failed.path != "/metrics/job/claco_import/command/rescore" {
		t.Errorf("push to %s", failed.path)
	}
	if _, ok := failed.values["claco_import_last_success_timestamp_seconds{}"]; ok {
		t.Error("a failed run pushed a last success (it would replace the group's)")
	}
	wantValues(t, failed.values, map[string]float64{"claco_import_last_run_success{}": 0, "claco_import_concerts{outcome=failed}": 1})

	srv.Close()
	err := importer.PushMetrics(context.Background(), u, run("kopis", true, 1, importer.Summary{}))
	if err == nil {
		t.Fatal("no error pushing to a gateway that is gone")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("the error shows the password: %v", err)
	}
}
