// Command importer loads KOPIS performances into Claco's database:
//
//	importer kopis --from YYYY-MM-DD --to YYYY-MM-DD [--genres CCCA,BBBC] [--since YYYY-MM-DD] [--rate 5] [--concurrency 4] [--dry-run] [--metrics-file PATH]
//	importer kopis --dir PATH [--dry-run] [--metrics-file PATH]
//	importer rescore [--dry-run] [--metrics-file PATH]
//
// The first form asks the KOPIS API (CLACO_KOPIS_URL, CLACO_KOPIS_KEY) at
// most --rate requests a second; the second reads saved list and detail XML.
// Both write to CLACO_DATABASE_URL (default sqlite://claco.db), show their
// progress on stderr (a bar on a terminal, a line every 500 records or 10
// seconds otherwise), print "imported N new, M updated, K unchanged, S
// skipped, F failed" (records outside classical music and dance are skipped)
// and exit 0, or exit non-zero with a one-line reason on stderr. A wrong
// directory or an unreachable database is reported before anything is
// created. "importer --help" and "importer kopis --help" list every flag.
//
// For monitoring, every run that is not a dry run ends, successful or not,
// by writing its metrics (claco_import_*: when it ended, when it last
// succeeded, how long it took, concerts by outcome) to --metrics-file
// (default CLACO_IMPORT_METRICS_FILE) for node_exporter's textfile
// collector, and pushing them to the Pushgateway at CLACO_PUSHGATEWAY_URL,
// when either is set. A metrics failure is reported on stderr and does not
// change the exit status.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/importruns"
	"github.com/claco/claco/internal/kopis"
	"github.com/claco/claco/internal/reference"
)

const (
	kopisUsage = `usage: importer kopis --from YYYY-MM-DD --to YYYY-MM-DD [--genres CCCA,BBBC] [--since YYYY-MM-DD] [--rate 5] [--concurrency 4] [--dry-run]
       importer kopis --dir PATH [--dry-run]

Loads KOPIS performances of classical music and dance into the database,
from the KOPIS open API or from saved list and detail XML (--dir). Re-running
is safe: concerts are matched by KOPIS id, and only changes are written.`
	rescoreUsage = `usage: importer rescore [--dry-run]

Scores the stored concerts' keywords again, without KOPIS (after the
scorer's knowledge changed); only changed scores are written.`
	environment = `environment:
  CLACO_DATABASE_URL         database to write, sqlite://PATH or mysql://user:pass@host:port/db (default ` + database.DefaultURL + `)
  CLACO_KOPIS_URL            KOPIS open API root (default ` + kopis.DefaultBaseURL + `)
  CLACO_KOPIS_KEY            KOPIS service key (required by importer kopis without --dir)
  CLACO_IMPORT_METRICS_FILE  default of --metrics-file (name it *.prom in node_exporter's textfile directory)
  CLACO_PUSHGATEWAY_URL      Prometheus Pushgateway to push each run's metrics to, http(s)://[user:pass@]host:9091 (default none)

exit status: 0 on success, 1 when the import or some concerts failed, 2 for a wrong command line.`
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the import failed or some concerts did
	exitUsage = 2 // the command line is wrong
)

// Defaults and bounds of the flags.
const (
	defaultRate        = 5 // KOPIS requests a second
	defaultConcurrency = 4 // detail requests in flight
	maxConcurrency     = 64
	pingTimeout        = 5 * time.Second
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options is the parsed command line.
type options struct {
	help        string // "importer", "kopis" or "rescore": show that help and stop
	rescore     bool
	dir         string
	from, to    time.Time
	genres      []string
	since       time.Time
	rate        float64
	concurrency int
	dryRun      bool
	ocr         bool
	metricsFile string
}

// command is one run of the importer with what it talks to.
type command struct {
	getenv         func(string) string
	stdout, stderr io.Writer
	// clock, when set, is the clock of the KOPIS rate limiter: now and a
	// wait until a time (tests make both fake).
	clock *limiterClock
	// tty forces the progress display: nil detects a terminal on stderr.
	tty *bool
	// now is the clock of the run metrics (time.Now when nil).
	now func() time.Time
}

type limiterClock struct {
	now   func() time.Time
	sleep func(ctx context.Context, until time.Time) error
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	return (&command{getenv: getenv, stdout: stdout, stderr: stderr}).run(ctx, args)
}

// fail reports err on one line and returns the exit status.
func (c *command) fail(code int, err error) int {
	fmt.Fprintln(c.stderr, "importer: "+strings.ReplaceAll(err.Error(), "\n", " "))
	return code
}

func (c *command) run(ctx context.Context, args []string) int {
	opts, err := parse(args)
	if err != nil {
		return c.fail(exitUsage, fmt.Errorf("%w (see importer --help)", err))
	}
	if opts.help != "" {
		printHelp(c.stdout, opts.help)
		return exitOK
	}
	out, err := c.metricsOutput(opts)
	if err != nil {
		return c.fail(exitUsage, err)
	}
	start := c.timeNow()
	sum, code := c.execute(ctx, opts)
	if !opts.dryRun {
		out.export(ctx, c, importer.Run{
			Command: opts.command(), Start: start, End: c.timeNow(), Summary: sum, Success: code == exitOK,
		})
	}
	return code
}

// execute runs the parsed command and returns what it imported and the
// exit status.
func (c *command) execute(ctx context.Context, opts options) (sum importer.Summary, code int) {
	var reason error // why the run failed, for its record
	fail := func(code int, err error) (importer.Summary, int) { reason = err; return sum, c.fail(code, err) }
	key := c.getenv("CLACO_KOPIS_KEY")
	if !opts.rescore && opts.dir == "" && key == "" {
		return fail(exitUsage, errors.New("CLACO_KOPIS_KEY is not set (or use --dir)"))
	}
	dbURL := c.getenv("CLACO_DATABASE_URL")
	if dbURL == "" {
		dbURL = database.DefaultURL
	}
	// Opening checks the URL but connects to nothing yet: everything that
	// can be checked is, before the first connection creates a SQLite file.
	db, err := database.Open(dbURL)
	if err != nil {
		return fail(exitError, err)
	}
	defer db.Close()
	if opts.dir != "" {
		if err := checkDir(opts.dir); err != nil {
			return fail(exitError, err)
		}
	}
	if err := ping(ctx, db); err != nil {
		return fail(exitError, err)
	}
	if err := db.Migrate(ctx); err != nil {
		return fail(exitError, err)
	}
	if err := reference.Seed(ctx, db.Client); err != nil {
		return fail(exitError, err)
	}

	// The run is recorded for admins (importRuns) from here on: a run that
	// fails part-way says so, with what it had done.
	if !opts.dryRun {
		record, err := importruns.Start(ctx, db.Client, opts.source(), time.Now)
		if err != nil {
			return fail(exitError, err)
		}
		defer func() {
			if err := record.Finish(countsOf(sum), reason); err != nil {
				fmt.Fprintln(c.stderr, "importer: "+err.Error())
			}
		}()
	}

	tty := isTerminal(c.stderr, c.getenv)
	if c.tty != nil {
		tty = *c.tty
	}
	bar := newProgress(c.stderr, tty, time.Now)
	logger := slog.New(slog.NewTextHandler(bar, &slog.HandlerOptions{Level: slog.LevelWarn}))
	im := importer.New(db.Client, time.Now)
	im.Logger, im.DryRun, im.Concurrency = logger, opts.dryRun, opts.concurrency
	if !opts.rescore {
		im.Progress = bar.update
	}
	enrichment, err := newEnrichment(ctx, c.getenv, opts.ocr, logger)
	if err != nil {
		return fail(exitUsage, err)
	}
	im.Enricher = enrichment
	switch {
	case opts.rescore:
		sum, err = im.Rescore(ctx)
	case opts.dir != "":
		sum, err = im.ImportFS(ctx, os.DirFS(opts.dir))
	default:
		api := kopis.NewClient(c.getenv("CLACO_KOPIS_URL"), key)
		api.Logger = logger
		api.Limiter = kopis.NewLimiter(opts.rate)
		if api.Limiter != nil && c.clock != nil {
			api.Limiter.Now, api.Limiter.Sleep = c.clock.now, c.clock.sleep
		}
		sum, err = im.ImportAPI(ctx, api, importer.Query{From: opts.from, To: opts.to, Genres: opts.genres, Since: opts.since})
	}
	bar.finish()
	fmt.Fprintln(c.stdout, sum)
	if opts.dryRun {
		fmt.Fprintln(c.stdout, "dry run: nothing was written")
	}
	switch {
	case err != nil:
		return fail(exitError, err)
	case sum.Failed > 0:
		return fail(exitError, fmt.Errorf("%d concerts failed to import (reasons logged above)", sum.Failed))
	}
	return sum, exitOK
}

// checkDir reports, in one line, a --dir that is not a readable directory
// of saved KOPIS files.
func checkDir(dir string) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--dir %s: no such directory", dir)
	case err != nil:
		return fmt.Errorf("--dir %s: %w", dir, pathError(err))
	case !info.IsDir():
		return fmt.Errorf("--dir %s: not a directory", dir)
	}
	fsys := os.DirFS(dir)
	if _, err := fs.ReadDir(fsys, "."); err != nil {
		return fmt.Errorf("--dir %s: cannot read it: %w", dir, pathError(err))
	}
	pages, _ := fs.Glob(fsys, "list/*.xml")
	details, _ := fs.Glob(fsys, "detail/*.xml")
	if len(pages) == 0 && len(details) == 0 {
		return fmt.Errorf("--dir %s: no KOPIS files (list/*.xml or detail/*.xml)", dir)
	}
	return nil
}

// pathError drops the operation and path a *fs.PathError repeats.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ping makes sure the database answers, within pingTimeout, before anything
// is migrated.
func ping(ctx context.Context, db *database.DB) error {
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	if err := db.Ping(ctx); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("the database did not answer within %v", pingTimeout)
		}
		return fmt.Errorf("cannot reach the database: %w", err)
	}
	return nil
}

// parse reads the subcommand and its flags.
func parse(args []string) (options, error) {
	var o options
	if len(args) == 0 {
		return o, errors.New("want the subcommand kopis or rescore")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		o.help = "importer"
		if len(args) > 1 && (args[1] == "kopis" || args[1] == "rescore") {
			o.help = args[1]
		}
		return o, nil
	case "rescore":
		fs := rescoreFlags(&o)
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return options{help: "rescore"}, nil
			}
			return o, err
		}
		if fs.NArg() > 0 {
			return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
		}
		o.rescore = true
		return o, nil
	case "kopis":
	default:
		return o, errors.New("want the subcommand kopis or rescore")
	}
	var raw kopisArgs
	fs := kopisFlags(&o, &raw)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return options{help: "kopis"}, nil
		}
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if o.dir != "" {
		for _, name := range []string{"from", "to", "genres", "since", "rate", "concurrency"} {
			if set[name] {
				return o, errors.New("--dir reads saved files: --from, --to, --genres, --since, --rate and --concurrency do not apply")
			}
		}
		return o, nil
	}
	if raw.from == "" || raw.to == "" {
		return o, errors.New("--from and --to are required (or use --dir)")
	}
	var err error
	if o.from, err = time.Parse(time.DateOnly, raw.from); err != nil {
		return o, fmt.Errorf("--from %q: want YYYY-MM-DD", raw.from)
	}
	if o.to, err = time.Parse(time.DateOnly, raw.to); err != nil {
		return o, fmt.Errorf("--to %q: want YYYY-MM-DD", raw.to)
	}
	if o.to.Before(o.from) {
		return o, fmt.Errorf("--to %s is before --from %s", raw.to, raw.from)
	}
	for _, g := range strings.Split(raw.genres, ",") {
		g = strings.ToUpper(strings.TrimSpace(g))
		if _, ok := kopis.GenreOfCode(g); !ok {
			return o, fmt.Errorf("--genres: %q is not one of %s", g, strings.Join(kopis.Codes, ", "))
		}
		o.genres = append(o.genres, g)
	}
	if raw.since != "" {
		if o.since, err = time.ParseInLocation(time.DateOnly, raw.since, kopis.Seoul); err != nil {
			return o, fmt.Errorf("--since %q: want YYYY-MM-DD", raw.since)
		}
	}
	if o.rate < 0 || math.IsNaN(o.rate) || math.IsInf(o.rate, 0) {
		return o, fmt.Errorf("--rate %v: want a number of requests a second, 0 for no limit", o.rate)
	}
	if o.concurrency < 1 || o.concurrency > maxConcurrency {
		return o, fmt.Errorf("--concurrency %d: want 1 to %d", o.concurrency, maxConcurrency)
	}
	return o, nil
}

// kopisArgs holds the flags of importer kopis that parse checks and converts.
type kopisArgs struct {
	from, to, genres, since string
}

func kopisFlags(o *options, raw *kopisArgs) *flag.FlagSet {
	fs := flag.NewFlagSet("importer kopis", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported on one line by run, help by printHelp
	fs.StringVar(&o.dir, "dir", "", "directory of saved KOPIS XML (list/*.xml, detail/*.xml) to read instead of the API")
	fs.StringVar(&raw.from, "from", "", "first day of the period, YYYY-MM-DD (required without --dir)")
	fs.StringVar(&raw.to, "to", "", "last day of the period, YYYY-MM-DD (required without --dir)")
	fs.StringVar(&raw.genres, "genres", strings.Join(kopis.Codes, ","), "KOPIS genre codes, comma-separated: CCCA classical music, BBBC dance")
	fs.StringVar(&raw.since, "since", "", "only performances KOPIS updated on or after this day (Seoul time), YYYY-MM-DD")
	fs.Float64Var(&o.rate, "rate", defaultRate, "most KOPIS requests a second (evenly spaced); 0 means no limit")
	fs.IntVar(&o.concurrency, "concurrency", defaultConcurrency, fmt.Sprintf("detail requests in flight at once, 1 to %d", maxConcurrency))
	fs.BoolVar(&o.dryRun, "dry-run", false, "do everything but write: count what would change")
	fs.BoolVar(&o.ocr, "ocr", false, "read the intro images (styurls) with tesseract; needs tesseract-ocr-kor and the KOPIS hosts")
	metricsFileFlag(fs, o)
	return fs
}

func rescoreFlags(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("importer rescore", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.dryRun, "dry-run", false, "count what would change, write nothing")
	fs.BoolVar(&o.ocr, "ocr", false, "read the intro images with tesseract (cached text is reused)")
	metricsFileFlag(fs, o)
	return fs
}

// printHelp writes the help of "importer", "kopis" or "rescore".
func printHelp(w io.Writer, which string) {
	var o options
	var raw kopisArgs
	switch which {
	case "kopis":
		fmt.Fprintf(w, "%s\n\nflags:\n", kopisUsage)
		printFlags(w, kopisFlags(&o, &raw))
	case "rescore":
		fmt.Fprintf(w, "%s\n\nflags:\n", rescoreUsage)
		printFlags(w, rescoreFlags(&o))
	default:
		fmt.Fprintf(w, "usage: importer kopis [flags]    load KOPIS performances\n       importer rescore [flags]  score the stored concerts again\n\n")
		fmt.Fprintf(w, "flags of importer kopis:\n")
		printFlags(w, kopisFlags(&o, &raw))
		fmt.Fprintf(w, "\nflags of importer rescore:\n")
		printFlags(w, rescoreFlags(&o))
	}
	fmt.Fprintf(w, "\n%s\n", environment)
}

// printFlags lists the flags the way flag.PrintDefaults does, but always
// with their default, also when it is empty or false.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		line := "  -" + f.Name
		if kind != "" {
			line += " " + kind
		}
		def := f.DefValue
		switch {
		case def == "":
			def = "none"
		case kind == "string":
			def = fmt.Sprintf("%q", def)
		}
		fmt.Fprintf(w, "%s\n    \t%s (default %s)\n", line, usage, def)
	})
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer, getenv func(string) string) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0 && getenv("TERM") != "dumb"
}
