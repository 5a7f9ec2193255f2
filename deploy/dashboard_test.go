package deploy

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/claco/claco/internal/apitest"
)

// ---- the dashboard ---------------------------------------------------------

type panel struct {
	ID          int    `json:"id"`
	Type        string `json:"type"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Datasource  any    `json:"datasource"`
	GridPos     struct {
		H, W, X, Y int
	} `json:"gridPos"`
	Targets []struct {
		RefID string `json:"refId"`
		Expr  string `json:"expr"`
	} `json:"targets"`
	Panels []panel `json:"panels"`
}

type dashboard struct {
	UID        string  `json:"uid"`
	Title      string  `json:"title"`
	Panels     []panel `json:"panels"`
	Templating struct {
		List []struct {
			Name       string `json:"name"`
			Type       string `json:"type"`
			Query      any    `json:"query"`
			Definition string `json:"definition"`
			Current    struct {
				Value any `json:"value"`
			} `json:"current"`
		} `json:"list"`
	} `json:"templating"`
}

func loadDashboard(t *testing.T) dashboard {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("grafana", "claco.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("grafana/claco.json: %v", err)
	}
	return d
}

// allPanels flattens rows (collapsed rows keep their panels inside).
func (d dashboard) allPanels() []panel {
	var out []panel
	var walk func([]panel)
	walk = func(ps []panel) {
		for _, p := range ps {
			out = append(out, p)
			walk(p.Panels)
		}
	}
	walk(d.Panels)
	return out
}

// dashboardDatasourceDefault is the uid the datasource variable starts on.
func dashboardDatasourceDefault(d dashboard) string {
	for _, v := range d.Templating.List {
		if v.Type == "datasource" {
			s, _ := v.Current.Value.(string)
			return s
		}
	}
	return ""
}

// queries returns every PromQL expression of the dashboard, by where it is.
func (d dashboard) queries() map[string]string {
	q := map[string]string{}
	for _, p := range d.allPanels() {
		for _, tg := range p.Targets {
			q[fmt.Sprintf("panel %q target %s", p.Title, tg.RefID)] = tg.Expr
		}
	}
	labelValues := regexp.MustCompile(`^\s*label_values\(\s*(.*?)\s*,\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$`)
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		query, _ := v.Query.(string)
		if m, ok := v.Query.(map[string]any); ok {
			query, _ = m["query"].(string)
		}
		if m := labelValues.FindStringSubmatch(query); m != nil {
			query = m[1] // label_values(SELECTOR, label): only the selector names metrics
		}
		q[fmt.Sprintf("variable %s", v.Name)] = query
	}
	return q
}

// The dashboard is well formed: a uid, unique panel ids, every panel on the
// 24-column grid with a datasource and, unless it is a row, queries with
// unique refIds; it plots what the issue asks for.
func TestDashboardIsWellFormed(t *testing.T) {
	d := loadDashboard(t)
	if d.UID == "" || d.Title == "" {
		t.Error("the dashboard has no uid or title")
	}
	ids := map[int]bool{}
	for _, p := range d.allPanels() {
		if p.ID == 0 || ids[p.ID] {
			t.Errorf("panel %q: id %d is missing or repeated", p.Title, p.ID)
		}
		ids[p.ID] = true
		if p.Title == "" {
			t.Errorf("panel %d has no title", p.ID)
		}
		if p.GridPos.W <= 0 || p.GridPos.H <= 0 || p.GridPos.X < 0 || p.GridPos.X+p.GridPos.W > 24 {
			t.Errorf("panel %q: gridPos %+v is off the 24-column grid", p.Title, p.GridPos)
		}
		if p.Type == "row" {
			continue
		}
		if p.Datasource == nil {
			t.Errorf("panel %q has no datasource", p.Title)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no queries", p.Title)
		}
		refs := map[string]bool{}
		for _, tg := range p.Targets {
			if tg.RefID == "" || refs[tg.RefID] || strings.TrimSpace(tg.Expr) == "" {
				t.Errorf("panel %q: target %q is empty or its refId repeats", p.Title, tg.RefID)
			}
			refs[tg.RefID] = true
			if err := checkBalanced(tg.Expr); err != nil {
				t.Errorf("panel %q: %v", p.Title, err)
			}
		}
	}
	all := strings.Join(mapValues(d.queries()), "\n")
	for what, want := range map[string]string{
		"operations by operation": "sum by (operation, type) (rate(claco_graphql_operations_total",
		"p50 by operation":        "histogram_quantile(0.5, sum by (le, operation)",
		"p99 by operation":        "histogram_quantile(0.99, sum by (le, operation)",
		"errors by code":          "sum by (code) (rate(claco_graphql_errors_total",
		"in flight":               "claco_http_requests_in_flight",
		"SQL statements":          "claco_sql_statements_total",
		"the connection pool":     "go_sql_in_use_connections",
		"memory":                  "process_resident_memory_bytes",
		"goroutines":              "go_goroutines",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the dashboard does not plot %s (%s)", what, want)
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// ---- the server's scrape ---------------------------------------------------

var (
	scrapeOnce     sync.Once
	scrapeFamilies map[string]*dto.MetricFamily
	scrapeErr      error
)

// scrapeServer runs the real server in process (apitest, a fresh test
// database), sends it a few named GraphQL operations (one failing) and
// plain HTTP requests, and parses what its admin listener's /metrics says.
func scrapeServer(t *testing.T) map[string]*dto.MetricFamily {
	t.Helper()
	scrapeOnce.Do(func() {
		// The scrape outlives the test that makes it (later tests reuse it),
		// so the server is built under a test of its own.
		ok := t.Run("scrape", func(t *testing.T) {
			api := apitest.New(t)
			// Only the metric names matter here, not what the operations
			// answer: one named operation must succeed and one must fail,
			// so that the labelled series (errors by code among them) exist.
			if res := api.Query(`query DashboardKeywords { keywords { key name } }`, nil); len(res.Errors) > 0 {
				t.Fatalf("DashboardKeywords: %+v\nserver log:\n%s", res.Errors, api.Logs())
			}
			api.Query(`query DashboardBrowse { concerts(first: 2) { totalCount } }`, nil)
			if res := api.Query(`query DashboardBadPage { concerts(first: 1000) { totalCount } }`, nil); len(res.Errors) == 0 {
				t.Fatal("DashboardBadPage (first: 1000) did not fail")
			}
			api.Query(`{ keywords { key } }`, nil) // unnamed: "other"
			for _, path := range []string{"/healthz", "/readyz"} {
				if rec := api.Get(path); rec.Code != http.StatusOK {
					t.Fatalf("GET %s: %d", path, rec.Code)
				}
			}
			rec := httptest.NewRecorder()
			api.Server.AdminHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
			if rec.Code != http.StatusOK {
				t.Fatalf("admin /metrics: %d", rec.Code)
			}
			parser := expfmt.NewTextParser(model.UTF8Validation)
			scrapeFamilies, scrapeErr = parser.TextToMetricFamilies(rec.Body)
		})
		if !ok && scrapeErr == nil {
			scrapeErr = fmt.Errorf("running the server failed")
		}
	})
	if scrapeErr != nil {
		t.Fatalf("scrape: %v", scrapeErr)
	}
	return scrapeFamilies
}

// exposed reports whether a PromQL selector of name selects series of the
// families: the family itself unless it is a histogram (whose series are
// name_bucket, name_sum and name_count), or a histogram's _bucket, _sum or
// _count, or a summary's _sum or _count.
func exposed(families map[string]*dto.MetricFamily, name string) bool {
	if mf, ok := families[name]; ok && mf.GetType() != dto.MetricType_HISTOGRAM && mf.GetType() != dto.MetricType_GAUGE_HISTOGRAM {
		return true
	}
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		base, ok := strings.CutSuffix(name, suffix)
		if !ok {
			continue
		}
		mf, ok := families[base]
		if !ok {
			return false
		}
		switch mf.GetType() {
		case dto.MetricType_HISTOGRAM, dto.MetricType_GAUGE_HISTOGRAM:
			return true
		case dto.MetricType_SUMMARY:
			return suffix != "_bucket"
		}
		return false
	}
	return false
}

// Every metric every dashboard query names is in the server's scrape.
func TestDashboardMetricsExistInScrape(t *testing.T) {
	families := scrapeServer(t)
	d := loadDashboard(t)
	used := map[string]bool{}
	for where, expr := range d.queries() {
		names := metricNames(expr)
		if len(names) == 0 {
			t.Errorf("%s: no metric in %q", where, expr)
		}
		for _, name := range names {
			used[name] = true
			if !exposed(families, name) {
				t.Errorf("%s uses %s, which the server's /metrics does not expose", where, name)
			}
		}
	}
	for _, name := range []string{
		"claco_graphql_operations_total",
		"claco_graphql_operation_duration_seconds_bucket",
		"claco_graphql_errors_total",
		"claco_http_requests_total",
		"claco_http_request_duration_seconds_bucket",
		"claco_http_requests_in_flight",
		"claco_sql_statements_total",
	} {
		if !used[name] {
			t.Errorf("the dashboard does not use %s", name)
		}
	}
	t.Logf("the dashboard uses %d metrics, all in the scrape: %v", len(used), sortedKeys(used))
}

// exposed handles the suffixes of histograms and summaries as PromQL sees them.
func TestExposedKnowsHistogramsAndSummaries(t *testing.T) {
	families := scrapeServer(t)
	for name, want := range map[string]bool{
		"claco_graphql_operation_duration_seconds_bucket": true,
		"claco_graphql_operation_duration_seconds_count":  true,
		"claco_graphql_operation_duration_seconds_sum":    true,
		"claco_graphql_operation_duration_seconds":        false, // a histogram has no series of its own name
		"go_gc_duration_seconds":                          true,  // a summary's quantiles
		"go_gc_duration_seconds_count":                    true,
		"go_gc_duration_seconds_bucket":                   false,
		"claco_http_requests_total":                       true,
		"claco_http_requests":                             false,
		"claco_http_requests_total_count":                 false,
		"claco_nothing_total":                             false,
	} {
		if got := exposed(families, name); got != want {
			t.Errorf("exposed(%s) = %v, want %v", name, got, want)
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ---- PromQL metric names ---------------------------------------------------

// promqlWords are PromQL's keywords and aggregation operators: words that
// are not metric names even when no parenthesis follows them.
var promqlWords = map[string]bool{
	"sum": true, "min": true, "max": true, "avg": true, "group": true, "stddev": true, "stdvar": true,
	"count": true, "count_values": true, "bottomk": true, "topk": true, "quantile": true,
	"limitk": true, "limit_ratio": true,
	"and": true, "or": true, "unless": true, "atan2": true,
	"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true,
	"bool": true, "offset": true, "start": true, "end": true, "inf": true, "nan": true,
}

var (
	// promqlToken splits an expression (strings, matchers and ranges gone)
	// into Grafana variables, numbers and durations, identifiers,
	// parentheses and runs of operators.
	promqlToken      = regexp.MustCompile(`\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|[0-9][0-9A-Za-z_.]*|[A-Za-z_:][A-Za-z0-9_:]*|\(|\)|[^\sA-Za-z0-9_:$()]+`)
	promqlIdentifier = regexp.MustCompile(`^[A-Za-z_:][A-Za-z0-9_:]*$`)
)

// labelListWords are followed by a parenthesised list of label names.
var labelListWords = map[string]bool{
	"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true,
}

// metricNames returns the metric names a PromQL expression selects: strings,
// label matchers and range or subquery brackets are dropped, then every
// identifier that is not a function call, keyword or grouping label is one.
// It is no full parser, but it is strict where it matters here: a name it
// returns is a name the query reads.
func metricNames(expr string) []string {
	var b strings.Builder
	depth := map[byte]int{}
	var quote byte
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch {
		case quote != 0:
			if c == '\\' && quote != '`' {
				i++
			} else if c == quote {
				quote = 0
			}
			continue
		case c == '"' || c == '\'' || c == '`':
			quote = c
			continue
		case c == '{' || c == '[':
			depth[c]++
			b.WriteByte(' ')
			continue
		case c == '}':
			depth['{']--
			continue
		case c == ']':
			depth['[']--
			continue
		}
		if depth['{'] == 0 && depth['['] == 0 {
			b.WriteByte(c)
		}
	}
	s := b.String()
	toks := promqlToken.FindAllString(s, -1)
	seen := map[string]bool{}
	var out []string
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if !promqlIdentifier.MatchString(tok) {
			continue
		}
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		lower := strings.ToLower(tok)
		if labelListWords[lower] && next == "(" {
			// Skip the label list.
			for i++; i < len(toks) && toks[i] != ")"; i++ {
			}
			continue
		}
		if promqlWords[lower] || next == "(" {
			continue
		}
		if !seen[tok] {
			seen[tok] = true
			out = append(out, tok)
		}
	}
	return out
}

func TestMetricNamesOfPromQL(t *testing.T) {
	for expr, want := range map[string][]string{
		`sum by (operation, type) (rate(claco_graphql_operations_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))`: {"claco_graphql_operations_total"},
		`histogram_quantile(0.99, sum by (le, operation) (rate(claco_graphql_operation_duration_seconds_bucket{job="a"}[5m])))`: {"claco_graphql_operation_duration_seconds_bucket"},
		`sum(rate(a_total{code=~"5.."}[5m])) / sum(rate(b_total[5m])) > 0.05 and sum(rate(b_total[5m])) > 0.1`:                  {"a_total", "b_total"},
		`time() - max(claco_import_last_success_timestamp_seconds) > 36 * 3600`:                                                 {"claco_import_last_success_timestamp_seconds"},
		`absent(up{job="claco-server"} == 1)`:                {"up"},
		`x / on (instance) group_left (version) y offset 5m`: {"x", "y"},
		`max_over_time(deriv(m[1h:5m])[10m:])`:               {"m"},
		`count(go_info{job=~"$job"})`:                        {"go_info"},
		`topk(5, sum without (le) (z))`:                      {"z"},
		`{__name__="hidden"}`:                                nil,
		`rate(process_cpu_seconds_total{a="}"}[1m]) * 1e3`:   {"process_cpu_seconds_total"},
	} {
		got := metricNames(expr)
		if !slices.Equal(got, want) {
			t.Errorf("metricNames(%s) = %v, want %v", expr, got, want)
		}
	}
}

// ---- the importer's metrics ------------------------------------------------

// The importer metrics the alerts read are the ones the importer writes: it
// is built and run over the demo KOPIS files with --metrics-file, and its
// file must expose every claco_import_* name the alert rules use, labelled
// command="kopis" as they select. An importer without --metrics-file skips.
func TestImporterMetricsMatchTheAlerts(t *testing.T) {
	want := map[string]bool{}
	for _, r := range alertRules(t) {
		for _, name := range metricNames(r.expr) {
			if strings.HasPrefix(name, "claco_import_") {
				want[name] = true
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("no alert reads the importer's claco_import_* metrics")
	}
	if testing.Short() {
		t.Skip("builds and runs the importer")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "importer")
	build := exec.Command("go", "build", "-o", bin, "./cmd/importer")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/importer: %v\n%s", err, out)
	}
	help, _ := exec.Command(bin, "kopis", "--help").CombinedOutput()
	if !strings.Contains(string(help), "metrics-file") {
		t.Skipf("the importer has no --metrics-file yet; the alerts' %v are unchecked", sortedKeys(want))
	}
	metrics := filepath.Join(dir, "import.prom")
	run := exec.Command(bin, "kopis", "--dir", filepath.Join(root, "internal", "demo", "kopis"), "--metrics-file", metrics)
	run.Env = append(os.Environ(),
		"CLACO_DATABASE_URL=sqlite://"+filepath.Join(dir, "claco.db"),
		"CLACO_IMPORT_CACHE="+filepath.Join(dir, "cache"),
		"CLACO_PUSHGATEWAY_URL=",
		"CLACO_IMPORT_METRICS_FILE=",
	)
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("importer kopis --dir internal/demo/kopis --metrics-file: %v\n%s", err, out)
	}
	f, err := os.Open(metrics)
	if err != nil {
		t.Fatalf("the importer wrote no metrics file: %v", err)
	}
	defer f.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(f)
	if err != nil {
		t.Fatalf("the importer's metrics file: %v", err)
	}
	for name := range want {
		if !exposed(families, name) {
			t.Errorf("the alerts use %s; the importer writes %v", name, familyNames(families))
			continue
		}
		// The alerts select the daily import's series: command="kopis".
		kopis := false
		for _, m := range families[name].GetMetric() {
			for _, l := range m.GetLabel() {
				kopis = kopis || (l.GetName() == "command" && l.GetValue() == "kopis")
			}
		}
		if !kopis {
			t.Errorf("the importer writes %s without command=\"kopis\", which the alerts select", name)
		}
	}
	t.Logf("the importer wrote %v", familyNames(families))
}

func familyNames(f map[string]*dto.MetricFamily) []string {
	var out []string
	for k := range f {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
