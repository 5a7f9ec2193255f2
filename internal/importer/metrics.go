package importer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/push"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Run is one run of the importer as monitoring sees it: which command,
// when, what it did and whether it succeeded.
type Run struct {
	// Command is the importer's subcommand: "kopis" or "rescore". Runs of
	// different commands are told apart by the command label.
	Command    string
	Start, End time.Time
	Summary    Summary
	// Success is false when the run failed or any concert failed (the
	// importer's exit status is not 0).
	Success bool
}

// Names of the run metrics.
const (
	MetricLastRun     = "claco_import_last_run_timestamp_seconds"
	MetricLastSuccess = "claco_import_last_success_timestamp_seconds"
	MetricDuration    = "claco_import_duration_seconds"
	MetricConcerts    = "claco_import_concerts"
	MetricSuccess     = "claco_import_last_run_success"
	// PushJob is the Pushgateway job the metrics are pushed under, grouped by command.
	PushJob = "claco_import"
)

// runMetrics are the metric families of a run, with their help.
var runMetrics = []struct{ name, help string }{
	{MetricLastRun, "Unix time the last importer run ended, successful or not."},
	{MetricLastSuccess, "Unix time the last successful importer run ended."},
	{MetricDuration, "How long the last importer run took."},
	{MetricConcerts, "Concerts (KOPIS records) of the last importer run, by outcome: new, updated, unchanged, skipped, failed."},
	{MetricSuccess, "1 when the last importer run succeeded (nothing failed), else 0."},
}

func help(name string) string {
	for _, m := range runMetrics {
		if m.name == name {
			return m.help
		}
	}
	return ""
}

// registry holds the run's metrics; withCommand labels them with the
// command (a Pushgateway adds it from the grouping key instead). The last
// success is only there when this run succeeded.
func (r Run) registry(withCommand bool) *prometheus.Registry {
	var constLabels prometheus.Labels
	if withCommand {
		constLabels = prometheus.Labels{"command": r.Command}
	}
	reg := prometheus.NewRegistry()
	gauge := func(name string, v float64) {
		g := prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help(name), ConstLabels: constLabels})
		g.Set(v)
		reg.MustRegister(g)
	}
	end := float64(r.End.UnixNano()) / 1e9
	gauge(MetricLastRun, end)
	if r.Success {
		gauge(MetricLastSuccess, end)
	}
	gauge(MetricDuration, max(r.End.Sub(r.Start), 0).Seconds())
	success := 0.0
	if r.Success {
		success = 1
	}
	gauge(MetricSuccess, success)
	concerts := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: MetricConcerts, Help: help(MetricConcerts), ConstLabels: constLabels}, []string{"outcome"})
	s := r.Summary
	for outcome, n := range map[string]int{"new": s.New, "updated": s.Updated, "unchanged": s.Unchanged, "skipped": s.Skipped, "failed": s.Failed} {
		concerts.WithLabelValues(outcome).Set(float64(n))
	}
	reg.MustRegister(concerts)
	return reg
}

// WriteMetricsFile writes the run's metrics in the Prometheus text format
// to path, for node_exporter's textfile collector (name it *.prom). It
// replaces the file atomically (a temporary file in the same directory,
// renamed), readable by all. It keeps what the file said of other
// commands' runs, and, when this run failed, the last success of this
// command, so one file can serve every command.
func WriteMetricsFile(path string, r Run) error {
	families, err := r.registry(true).Gather()
	if err != nil {
		return err
	}
	kept, err := keptFromFile(path, r.Command, !r.Success)
	if err != nil {
		return fmt.Errorf("run metrics %s: %w", path, err)
	}
	byName := map[string]*dto.MetricFamily{}
	for _, f := range families {
		byName[f.GetName()] = f
	}
	for _, old := range kept {
		if f, ok := byName[old.GetName()]; ok {
			if f.GetType() == old.GetType() {
				f.Metric = append(f.Metric, old.Metric...)
			}
			continue
		}
		if old.GetName() == MetricLastSuccess { // this run failed: only old values
			old.Help = new(help(MetricLastSuccess))
			families = append(families, old)
		}
	}
	for _, f := range families {
		sortMetrics(f)
	}
	sortFamilies(families)
	if err := writeAtomically(path, func(w *bufio.Writer) error {
		for _, f := range families {
			if _, err := expfmt.MetricFamilyToText(w, f); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return fmt.Errorf("run metrics %s: %w", path, err)
	}
	return nil
}

// keptFromFile reads the run metrics of a previous file worth keeping:
// other commands' series, and this command's last success when asked.
// A missing file keeps nothing; a file that does not parse is replaced.
func keptFromFile(path, command string, lastSuccess bool) ([]*dto.MetricFamily, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	old, err := parser.TextToMetricFamilies(f)
	if err != nil {
		return nil, nil // not ours, or damaged: start afresh
	}
	var kept []*dto.MetricFamily
	for _, m := range runMetrics {
		fam, ok := old[m.name]
		if !ok {
			continue
		}
		var metrics []*dto.Metric
		for _, s := range fam.Metric {
			c := commandOf(s)
			if c != command || (lastSuccess && m.name == MetricLastSuccess) {
				metrics = append(metrics, s)
			}
		}
		if len(metrics) > 0 {
			fam.Metric = metrics
			kept = append(kept, fam)
		}
	}
	return kept, nil
}

func commandOf(m *dto.Metric) string {
	for _, l := range m.Label {
		if l.GetName() == "command" {
			return l.GetValue()
		}
	}
	return ""
}

// writeAtomically writes a file through a temporary file in its directory
// and renames it into place, so that readers see the old or the new file,
// never a part.
func writeAtomically(path string, write func(*bufio.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriter(tmp)
	if err := write(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil { // node_exporter runs as another user
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// CheckPushURL parses a Pushgateway URL: http(s)://[user:password@]host[:port][/path].
func CheckPushURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("the Pushgateway URL does not parse: want http(s)://host:port")
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("the Pushgateway URL %q: want http(s)://host:port", u.Redacted())
	}
	return u, nil
}

// PushTimeout bounds a push to the Pushgateway.
const PushTimeout = 10 * time.Second

// PushMetrics pushes the run's metrics to the Pushgateway at gatewayURL
// (user:password@ in the URL is sent as basic auth), under job PushJob
// grouped by command. It adds them to the group (POST) rather than replace
// it: when this run failed, the group keeps its last success.
func PushMetrics(ctx context.Context, gatewayURL string, r Run) error {
	u, err := CheckPushURL(gatewayURL)
	if err != nil {
		return fmt.Errorf("push run metrics: %w", err)
	}
	user := u.User
	u.User = nil // sent as basic auth, never in an error message
	pusher := push.New(u.String(), PushJob).
		Grouping("command", r.Command).
		Client(&http.Client{Timeout: PushTimeout}).
		Gatherer(r.registry(false))
	if user != nil {
		password, _ := user.Password()
		pusher = pusher.BasicAuth(user.Username(), password)
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), PushTimeout)
	defer cancel()
	if err := pusher.AddContext(ctx); err != nil {
		return fmt.Errorf("push run metrics: %w", err)
	}
	return nil
}

// sortFamilies orders families by name, as a registry does.
func sortFamilies(families []*dto.MetricFamily) {
	slices.SortFunc(families, func(a, b *dto.MetricFamily) int { return strings.Compare(a.GetName(), b.GetName()) })
}

// sortMetrics orders a family's series by their labels.
func sortMetrics(f *dto.MetricFamily) {
	key := func(m *dto.Metric) string {
		var b strings.Builder
		for _, l := range m.Label {
			b.WriteString(l.GetName() + "=" + l.GetValue() + "\x00")
		}
		return b.String()
	}
	slices.SortFunc(f.Metric, func(a, b *dto.Metric) int { return strings.Compare(key(a), key(b)) })
}
