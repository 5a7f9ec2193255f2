package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// report is a whole run: where, against what, and the results.
type report struct {
	Key       string // section key: sqlite, mysql, sqlite-sizes, mysql-sizes
	Dialect   string
	Command   string
	Machine   machine
	Catalogue catalogueSize // of the last catalogue (one unless --catalogue-sizes)
	Seed      uint64
	Seeded    bool
	Duration  time.Duration
	Conns     int
	Sample    int
	SignedIn  int
	Results   []result
	PeakHWM   int64 // the server's VmHWM at the end (largest over servers)
	Started   time.Time
	ServerSrc string // what the server was built from, when not this working tree
	DBProcess bool   // the database server's CPU time was measured
}

func (r *report) failed() bool {
	for _, res := range r.Results {
		if res.failed() {
			return true
		}
	}
	return false
}

// machine describes where the load ran; client and server share it.
type machine struct {
	CPUs      int
	CPUModel  string
	GoVersion string
	OS        string
	LoadAvg   string // 1, 5 and 15 minute load averages when the run began
}

func describeMachine() machine {
	m := machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, CPUModel: "unknown CPU"}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.CPUModel = cpuModel(string(data))
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(data)); len(f) >= 3 {
			m.LoadAvg = strings.Join(f[:3], " ")
		}
	}
	return m
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel(cpuinfo string) string {
	for _, line := range strings.Split(cpuinfo, "\n") {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.Join(strings.Fields(value), " ")
		}
	}
	return "unknown CPU"
}

func (m machine) String() string {
	s := fmt.Sprintf("%d cores (`nproc`), %s, %s, %s", m.CPUs, m.CPUModel, m.OS, m.GoVersion)
	if m.LoadAvg != "" {
		s += fmt.Sprintf("; load average %s when the run began", m.LoadAvg)
	}
	return s
}

// table writes the results as a Markdown table.
func (r *report) table(w io.Writer) {
	sizes := len(r.Results) > 0 && r.Results[0].Concerts > 0
	if sizes {
		fmt.Fprintln(w, "| concerts | scenario | req/s | p50 | p99 | errors | SQL/op | server CPU/req | database CPU/req | peak RSS | load generator CPU/req |")
		fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	} else {
		fmt.Fprintln(w, "| scenario | req/s | p50 | p99 | errors | SQL/op | server CPU/req | database CPU/req | peak RSS | load generator CPU/req |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	}
	for _, res := range r.Results {
		if sizes {
			fmt.Fprintf(w, "| %s ", thousands(res.Concerts))
		}
		if res.Skipped != "" {
			fmt.Fprintf(w, "| %s | skipped: %s | | | | | | | | |\n", res.Scenario, res.Skipped)
			continue
		}
		errs := fmt.Sprintf("%d / %s", res.Failures, thousands(res.Requests))
		if res.Failures > 0 {
			errs = "**" + errs + "**"
		}
		db := "in server"
		if r.Dialect != "sqlite" {
			db = ms(res.DBCPUPerReq)
		}
		fmt.Fprintf(w, "| %s | %.0f | %s | %s | %s | %.1f | %s | %s | %s | %s |\n",
			res.Scenario, res.ReqPerSec, ms(res.P50), ms(res.P99), errs, res.SQLPerOp,
			ms(res.CPUPerReq), db, mib(res.PeakRSS), ms(res.ClientCPUPerReq))
	}
}

// markdown is the section the run writes into BENCHMARKS.md.
func (r *report) markdown() string {
	var b strings.Builder
	open, end := sectionMarkers(r.Key)
	fmt.Fprintln(&b, open)
	title := map[string]string{"sqlite": "SQLite", "mysql": "MariaDB/MySQL"}[r.Dialect]
	if strings.HasSuffix(r.Key, "-sizes") {
		fmt.Fprintf(&b, "### API load test: %s, cost against catalogue size\n\n", title)
	} else {
		fmt.Fprintf(&b, "### API load test: %s\n\n", title)
	}
	fmt.Fprintf(&b, "Command (%s):\n\n```sh\n%s\n```\n\n", r.Started.Format("2006-01-02"), r.Command)
	if r.ServerSrc != "" {
		fmt.Fprintf(&b, "**Server** built from %s, not from the working tree the load test ran from.\n\n", r.ServerSrc)
	}
	fmt.Fprintf(&b, "**Machine:** %s. The load generator runs on the same machine as the server and competes with it for the cores.\n\n", r.Machine)
	c := r.Catalogue
	origin := "an existing database"
	if r.Seeded {
		origin = fmt.Sprintf("`cmd/seed` with seed %d", r.Seed)
	}
	if !strings.HasSuffix(r.Key, "-sizes") {
		fmt.Fprintf(&b, "**Catalogue** (%s): %s concerts (%s ended, hidden from lists), %s members, %s likes, %s ticket reviews.\n\n",
			origin, thousands(c.Concerts), thousands(c.Ended), thousands(c.Members), thousands(c.Likes), thousands(c.Reviews))
	} else {
		fmt.Fprintf(&b, "**Catalogues** (%s, members, likes and reviews in the default proportions).\n\n", origin)
	}
	fmt.Fprintf(&b, "Each scenario runs alone for %s with %d connections at the highest rate they reach (each sends its next request when the last is answered), as %d signed-in members (dev login), after 10 warm-up and %d sequential requests. Every response must be HTTP 200 without `errors`; *errors* counts the failed ones among all requests sent, sequential ones included (the server's own deadline, `CLACO_REQUEST_TIMEOUT` 10 s, answers `TIMEOUT`). *SQL/op* is the growth of the server's `claco_sql_statements_total` over the sequential requests, divided by their number; *server CPU/req* is the server process's user + system time (`/proc/PID/stat`) during the load divided by its requests; *peak RSS* is the largest `VmRSS` sampled every 100 ms during the load; *load generator CPU/req* is the same as server CPU/req for the load test's own process.",
		r.Duration, r.Conns, r.SignedIn, r.Sample)
	switch {
	case r.Dialect == "sqlite":
		fmt.Fprint(&b, " SQLite runs inside the server, so server CPU/req includes the database's work.")
	case r.DBProcess:
		fmt.Fprint(&b, " *Database CPU/req* is the same for the local MariaDB/MySQL server process (`mariadbd`); it serves other clients too, so it is an upper bound.")
	default:
		fmt.Fprint(&b, " The database server's CPU time was not visible to the load test.")
	}
	fmt.Fprint(&b, "\n\n")
	r.table(&b)
	fmt.Fprintf(&b, "\nServer VmHWM (peak resident set since start, index build included): %s.\n", mib(r.PeakHWM))
	if r.failed() {
		fmt.Fprintln(&b, "\n**This run failed:** some requests failed (see errors).")
	}
	fmt.Fprintln(&b, end)
	return b.String()
}

func sectionMarkers(key string) (string, string) {
	return "<!-- loadtest:" + key + " -->", "<!-- /loadtest:" + key + " -->"
}

// replaceSection puts section (markers included) into doc in place of the
// section with the same key, or appends it.
func replaceSection(doc, key, section string) (string, error) {
	open, end := sectionMarkers(key)
	section = strings.TrimRight(section, "\n")
	i := strings.Index(doc, open)
	if i < 0 {
		if doc != "" && !strings.HasSuffix(doc, "\n") {
			doc += "\n"
		}
		if doc != "" {
			doc += "\n"
		}
		return doc + section + "\n", nil
	}
	j := strings.Index(doc[i:], end)
	if j < 0 {
		return "", fmt.Errorf("%s has no closing %s", open, end)
	}
	return doc[:i] + section + doc[i+j+len(end):], nil
}

// writeSection replaces the report's section of the Markdown file at path.
func writeSection(path string, r *report) error {
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	doc, err := replaceSection(string(data), r.Key, r.markdown())
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}

func ms(d time.Duration) string {
	switch {
	case d <= 0:
		return "–"
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
}

func mib(b int64) string {
	if b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}
