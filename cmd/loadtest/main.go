// Command loadtest measures the API under load: it builds and starts the
// server binary over a seeded database (see cmd/seed), signs members in, and
// replays the front end's main operations, one scenario at a time, at the
// highest rate a number of connections reach, with vegeta as a library.
//
//	go run ./cmd/loadtest --seed-first                       # SQLite, 15 s a scenario
//	go run ./cmd/loadtest --seed-first --database-url mysql://root@127.0.0.1:3306/claco_load
//	go run ./cmd/loadtest --database-url sqlite:///tmp/load.db --scenarios browse,detail --duration 30s
//	go run ./cmd/loadtest --catalogue-sizes 1000,20000        # browse and suggest against size
//
// Per scenario it reports requests per second, p50 and p99 latency, failed
// requests (anything but HTTP 200 without GraphQL errors; a run with any is
// a failure and exits 1), SQL statements per request (from the server's
// /metrics over a short sequential sample), the server's CPU time per
// request and its peak resident memory (from /proc). --markdown writes the
// results into a marked section of a Markdown file (BENCHMARKS.md).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/seed"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	databaseURL string
	duration    time.Duration
	connections int
	scenarios   []string
	seedFirst   bool
	seed        seed.Config
	markdown    string
	sizes       []int
	signIn      int
	sample      int
	keep        bool
	profileDir  string
	serverSrc   string
	serverRev   string
}

func parseOptions(args []string, errOut io.Writer) (options, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(errOut)
	d := seed.Default()
	o := options{seed: d}
	fs.StringVar(&o.databaseURL, "database-url", "", "database the server runs on: sqlite://PATH or mysql://user:pass@host:port/db (with --seed-first: a mysql URL whose database, claco_load…, is dropped and made again; leave it out for a SQLite file in a temporary directory)")
	fs.DurationVar(&o.duration, "duration", 15*time.Second, "how long each scenario runs")
	fs.IntVar(&o.connections, "connections", 32, "concurrent connections (vegeta workers), each sending its next request when the last is answered")
	scenarioList := fs.String("scenarios", "", "comma-separated scenarios (default all; "+strings.Join(scenarioNames(), ", ")+")")
	fs.BoolVar(&o.seedFirst, "seed-first", false, "seed a fresh database first (cmd/seed)")
	fs.Uint64Var(&o.seed.Seed, "seed", d.Seed, "random seed of the catalogue and of the requests")
	fs.IntVar(&o.seed.Concerts, "concerts", d.Concerts, "concerts to seed (with --seed-first)")
	fs.IntVar(&o.seed.Members, "members", d.Members, "members to seed (with --seed-first)")
	fs.IntVar(&o.seed.Likes, "likes", d.Likes, "likes to seed (with --seed-first)")
	fs.IntVar(&o.seed.Reviews, "reviews", d.Reviews, "ticket reviews to seed (with --seed-first)")
	fs.StringVar(&o.markdown, "markdown", "", "write the results into this Markdown file's <!-- loadtest:DIALECT --> section (e.g. BENCHMARKS.md)")
	sizes := fs.String("catalogue-sizes", "", "seed catalogues of these sizes (e.g. 1000,20000) and run browse and suggest (or --scenarios) on each")
	fs.IntVar(&o.signIn, "sign-in", 200, "members to sign in and spread requests over")
	fs.IntVar(&o.sample, "sql-sample", 50, "sequential requests per scenario to count SQL statements over")
	fs.StringVar(&o.profileDir, "profile", "", "save a CPU profile of the server during each scenario, and its heap after it, into this directory (SCENARIO.pprof, SCENARIO.heap.pprof; read with go tool pprof)")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary directory (server binary, SQLite files)")
	fs.StringVar(&o.serverSrc, "server-src", "", "build ./cmd/server from this copy of the module instead of this one")
	fs.StringVar(&o.serverRev, "server-rev", "", "build ./cmd/server from this git revision of the module (exported with git archive; the working tree is not touched), e.g. HEAD for before/after figures while the tree has changes")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, s := range strings.Split(*sizes, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(s, "_", ""))
		if err != nil || n <= 0 {
			return o, fmt.Errorf("--catalogue-sizes: %q is not a positive number", s)
		}
		o.sizes = append(o.sizes, n)
	}
	switch {
	case *scenarioList != "" && *scenarioList != "all":
		for _, s := range strings.Split(*scenarioList, ",") {
			s = strings.TrimSpace(s)
			if _, ok := scenarioNamed(s); !ok {
				return o, fmt.Errorf("--scenarios: unknown scenario %q (have %s)", s, strings.Join(scenarioNames(), ", "))
			}
			o.scenarios = append(o.scenarios, s)
		}
	case len(o.sizes) > 0 && *scenarioList == "":
		o.scenarios = []string{"browse", "suggest"}
	default:
		o.scenarios = scenarioNames()
	}
	switch {
	case o.duration <= 0:
		return o, errors.New("--duration must be positive")
	case o.connections <= 0:
		return o, errors.New("--connections must be positive")
	case o.signIn <= 0 || o.sample <= 0:
		return o, errors.New("--sign-in and --sql-sample must be positive")
	case !o.seedFirst && len(o.sizes) == 0 && o.databaseURL == "":
		return o, errors.New("give --database-url of a seeded database, or --seed-first")
	case o.serverSrc != "" && o.serverRev != "":
		return o, errors.New("give --server-src or --server-rev, not both")
	}
	return o, nil
}

func run(ctx context.Context, args []string, out, errOut io.Writer) int {
	o, err := parseOptions(args, errOut)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(errOut, "loadtest:", err)
		return 2
	}
	rep, err := loadTest(ctx, o, args, errOut)
	if rep != nil && len(rep.Results) > 0 {
		fmt.Fprintln(out)
		rep.table(out)
		fmt.Fprintf(out, "\nserver VmHWM %s; machine: %s\n", mib(rep.PeakHWM), rep.Machine)
		if o.markdown != "" {
			if werr := writeSection(o.markdown, rep); werr != nil {
				err = errors.Join(err, werr)
			} else {
				fmt.Fprintf(errOut, "loadtest: wrote section %q of %s\n", rep.Key, o.markdown)
			}
		}
	}
	if err != nil {
		fmt.Fprintln(errOut, "loadtest:", err)
		return 1
	}
	if rep.failed() {
		fmt.Fprintln(errOut, "loadtest: FAILED: some requests failed")
		for _, r := range rep.Results {
			if r.FirstError != "" {
				fmt.Fprintf(errOut, "  %s: %d failed, first: %s\n", r.Scenario, r.Failures, r.FirstError)
			}
		}
		return 1
	}
	return 0
}

func loadTest(ctx context.Context, o options, args []string, logTo io.Writer) (*report, error) {
	logf := func(format string, a ...any) { fmt.Fprintf(logTo, "loadtest: "+format+"\n", a...) }
	dir, err := os.MkdirTemp("", "claco-loadtest-")
	if err != nil {
		return nil, err
	}
	if o.keep {
		logf("keeping %s", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	rep := &report{
		Dialect:  dialectOf(o.databaseURL),
		Command:  commandLine(args),
		Machine:  describeMachine(),
		Seed:     o.seed.Seed,
		Seeded:   o.seedFirst || len(o.sizes) > 0,
		Duration: o.duration,
		Conns:    o.connections,
		Sample:   o.sample,
		Started:  time.Now(),
	}
	rep.Key = rep.Dialect
	if len(o.sizes) > 0 {
		rep.Key += "-sizes"
	}

	root := o.serverSrc
	switch {
	case root != "":
		rep.ServerSrc = "`" + root + "`"
	case o.serverRev != "":
		module, err := moduleRoot(ctx)
		if err != nil {
			return nil, err
		}
		commit, err := exportRevision(ctx, module, o.serverRev, filepath.Join(dir, "server-src"))
		if err != nil {
			return nil, err
		}
		root = filepath.Join(dir, "server-src")
		rep.ServerSrc = "commit " + commit + " (`git archive`)"
	default:
		if root, err = moduleRoot(ctx); err != nil {
			return nil, err
		}
	}
	logf("building ./cmd/server of %s", root)
	bin, err := buildServer(ctx, root, dir)
	if err != nil {
		return nil, err
	}

	type run struct {
		url      string
		concerts int
		cfg      seed.Config
	}
	var runs []run
	switch {
	case len(o.sizes) > 0:
		for _, n := range o.sizes {
			cfg := seed.Scaled(n)
			cfg.Seed = o.seed.Seed
			runs = append(runs, run{concerts: n, cfg: cfg})
		}
	case o.seedFirst:
		runs = append(runs, run{cfg: o.seed})
	default:
		runs = append(runs, run{url: o.databaseURL})
	}
	for _, r := range runs {
		url := r.url
		if url == "" {
			name := "claco-load"
			if r.concerts > 0 {
				name = fmt.Sprintf("claco-load-%d", r.concerts)
			}
			if url, err = freshDatabase(ctx, o.databaseURL, dir, name); err != nil {
				return rep, err
			}
			cfg := r.cfg
			cfg.Logf = logf
			logf("seeding %s: %d concerts, %d members, %d likes, %d reviews", redact(url), cfg.Concerts, cfg.Members, cfg.Likes, cfg.Reviews)
			sum, err := seed.Into(ctx, url, cfg)
			if err != nil {
				return rep, err
			}
			logf("seeded: %s", sum)
		}
		results, err := suite(ctx, o, rep, bin, url, dir, logf)
		for i := range results {
			results[i].Concerts = r.concerts
		}
		rep.Results = append(rep.Results, results...)
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// suite runs the scenarios against one database: it reads the fixtures,
// starts the server, signs members in and measures each scenario.
func suite(ctx context.Context, o options, rep *report, bin, url, dir string, logf func(string, ...any)) ([]result, error) {
	db, err := database.Open(url)
	if err != nil {
		return nil, err
	}
	f, err := loadFixtures(ctx, db.Client, catalogue.Today(time.Now()), o.signIn, o.seed.Seed)
	db.Close()
	if err != nil {
		return nil, err
	}
	rep.Catalogue = f.catalogue

	started := time.Now()
	srv, err := startServer(ctx, bin, url, dir)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	logf("server pid %d ready in %s at %s (metrics %s)", srv.pid(), time.Since(started).Round(time.Millisecond), srv.public, srv.admin)

	client := &http.Client{Timeout: 30 * time.Second}
	endpoint := srv.public + "/query"
	if err := signIn(ctx, client, endpoint, f.members); err != nil {
		return nil, err
	}
	rep.SignedIn = len(f.members)
	logf("signed in %d members (%d own a full book)", len(f.members), len(f.books))

	dbPID := databasePID(url)
	if dbPID != 0 {
		rep.DBProcess = true
		logf("counting the CPU time of the database server too (pid %d)", dbPID)
	}
	var results []result
	for _, name := range o.scenarios {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		s, _ := scenarioNamed(name)
		if err := f.usable(s); err != nil {
			results = append(results, result{Scenario: name, Skipped: err.Error()})
			logf("%s: skipped: %v", name, err)
			continue
		}
		tr := targeter(endpoint, s, f, o.seed.Seed)
		// Warm up (caches, connections), then count statements alone.
		warmFailures, warmFirst, err := sequential(client, tr, 10)
		if err != nil {
			return results, err
		}
		perOp, sampleFailures, sampleFirst, err := measureSQL(client, srv.admin, tr, o.sample)
		if err != nil {
			return results, fmt.Errorf("%s: SQL sample: %w", name, err)
		}
		profiled := startProfile(client, srv.admin, o.profileDir, name, o.duration)
		res := load(ctx, tr, name, o.duration, o.connections, srv.pid(), dbPID)
		if err := profiled(); err != nil {
			logf("%s: profile: %v", name, err)
		}
		res.SQLPerOp = perOp
		res.Requests += 10 + o.sample
		res.Failures += warmFailures + sampleFailures
		res.FirstError = cmp(warmFirst, sampleFirst, res.FirstError)
		results = append(results, res)
		logf("%-11s %6.0f req/s  p50 %-8s p99 %-8s errors %d/%d  SQL/op %.1f  CPU/req %s (database %s)  peak RSS %s  (load generator CPU/req %s)",
			name, res.ReqPerSec, ms(res.P50), ms(res.P99), res.Failures, res.Requests, res.SQLPerOp, ms(res.CPUPerReq), ms(res.DBCPUPerReq), mib(res.PeakRSS), ms(res.ClientCPUPerReq))
		select {
		case <-srv.exited:
			return results, fmt.Errorf("the server exited during %s (%v):\n%s", name, srv.err, srv.logs.String())
		default:
		}
	}
	if _, hwm, err := memory(srv.pid()); err == nil {
		rep.PeakHWM = max(rep.PeakHWM, hwm)
	}
	return results, nil
}

// cmp returns the first non-empty string.
func cmp(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// commandLine is the command that reproduces the run.
func commandLine(args []string) string {
	parts := []string{"go", "run", "./cmd/loadtest"}
	for _, a := range args {
		a = redact(a)
		if a == "" || strings.ContainsAny(a, " \t\"'$&|;<>()*?") {
			a = strconv.Quote(a)
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// redact hides a password in a database URL (the report shows the command).
func redact(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	creds, host, ok := strings.Cut(rest, "@")
	if !ok {
		return u
	}
	if user, _, has := strings.Cut(creds, ":"); has {
		return scheme + "://" + user + ":xxxxx@" + host
	}
	return u
}
