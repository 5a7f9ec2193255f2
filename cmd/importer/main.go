// Command importer loads KOPIS performances into Claco's database:
//
//	importer kopis --from YYYY-MM-DD --to YYYY-MM-DD [--genres CCCA,BBBC] [--since YYYY-MM-DD] [--dry-run]
//	importer kopis --dir PATH [--dry-run]
//
// The first form asks the KOPIS API (CLACO_KOPIS_URL, CLACO_KOPIS_KEY); the
// second reads saved list and detail XML. Both write to CLACO_DATABASE_URL
// (default sqlite://claco.db), print "imported N new, M updated, K unchanged,
// S skipped, F failed" (records outside classical music and dance are
// skipped) and exit 0, or exit non-zero with a one-line reason on stderr.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/kopis"
	"github.com/claco/claco/internal/reference"
)

const usage = `usage: importer kopis --from YYYY-MM-DD --to YYYY-MM-DD [--genres CCCA,BBBC] [--since YYYY-MM-DD] [--dry-run]
       importer kopis --dir PATH [--dry-run]
       importer rescore [--dry-run]   score the stored concerts again, without KOPIS
environment: CLACO_KOPIS_URL, CLACO_KOPIS_KEY, CLACO_DATABASE_URL (default sqlite://claco.db)`

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the import failed or some concerts did
	exitUsage = 2 // the command line is wrong
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options is the parsed command line.
type options struct {
	rescore  bool
	dir      string
	from, to time.Time
	genres   []string
	since    time.Time
	dryRun   bool
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fail := func(code int, err error) int {
		fmt.Fprintln(stderr, "importer: "+strings.ReplaceAll(err.Error(), "\n", " "))
		return code
	}
	opts, err := parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, usage)
		return exitOK
	}
	if err != nil {
		return fail(exitUsage, fmt.Errorf("%w (see importer kopis -h)", err))
	}
	key := getenv("CLACO_KOPIS_KEY")
	if !opts.rescore && opts.dir == "" && key == "" {
		return fail(exitUsage, errors.New("CLACO_KOPIS_KEY is not set (or use --dir)"))
	}
	dbURL := getenv("CLACO_DATABASE_URL")
	if dbURL == "" {
		dbURL = database.DefaultURL
	}
	db, err := database.Open(dbURL)
	if err != nil {
		return fail(exitError, err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return fail(exitError, err)
	}
	if err := reference.Seed(ctx, db.Client); err != nil {
		return fail(exitError, err)
	}

	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	im := importer.New(db.Client, time.Now)
	im.Logger, im.DryRun = logger, opts.dryRun
	var sum importer.Summary
	switch {
	case opts.rescore:
		sum, err = im.Rescore(ctx)
	case opts.dir != "":
		sum, err = im.ImportFS(ctx, os.DirFS(opts.dir))
	default:
		api := kopis.NewClient(getenv("CLACO_KOPIS_URL"), key)
		api.Logger = logger
		sum, err = im.ImportAPI(ctx, api, importer.Query{From: opts.from, To: opts.to, Genres: opts.genres, Since: opts.since})
	}
	fmt.Fprintln(stdout, sum)
	if opts.dryRun {
		fmt.Fprintln(stdout, "dry run: nothing was written")
	}
	switch {
	case err != nil:
		return fail(exitError, err)
	case sum.Failed > 0:
		return fail(exitError, fmt.Errorf("%d concerts failed to import (reasons logged above)", sum.Failed))
	}
	return exitOK
}

// parse reads "kopis" and its flags.
func parse(args []string) (options, error) {
	var o options
	if len(args) > 0 && args[0] == "rescore" {
		fs := flag.NewFlagSet("importer rescore", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.BoolVar(&o.dryRun, "dry-run", false, "count what would change, write nothing")
		if err := fs.Parse(args[1:]); err != nil {
			return o, err
		}
		if fs.NArg() > 0 {
			return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
		}
		o.rescore = true
		return o, nil
	}
	if len(args) == 0 || args[0] != "kopis" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return o, flag.ErrHelp
		}
		return o, errors.New("want the subcommand kopis or rescore")
	}
	fs := flag.NewFlagSet("importer kopis", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported on one line by run
	var from, to, genres, since string
	fs.StringVar(&o.dir, "dir", "", "directory of saved KOPIS XML (list/*.xml, detail/*.xml)")
	fs.StringVar(&from, "from", "", "first day, YYYY-MM-DD")
	fs.StringVar(&to, "to", "", "last day, YYYY-MM-DD")
	fs.StringVar(&genres, "genres", strings.Join(kopis.Codes, ","), "KOPIS genre codes")
	fs.StringVar(&since, "since", "", "only performances KOPIS updated on or after this day (Seoul time), YYYY-MM-DD")
	fs.BoolVar(&o.dryRun, "dry-run", false, "do everything but write")
	if err := fs.Parse(args[1:]); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if o.dir != "" {
		if set["from"] || set["to"] || set["genres"] || set["since"] {
			return o, errors.New("--dir reads saved files: --from, --to, --genres and --since do not apply")
		}
		return o, nil
	}
	if from == "" || to == "" {
		return o, errors.New("--from and --to are required (or use --dir)")
	}
	var err error
	if o.from, err = time.Parse(time.DateOnly, from); err != nil {
		return o, fmt.Errorf("--from %q: want YYYY-MM-DD", from)
	}
	if o.to, err = time.Parse(time.DateOnly, to); err != nil {
		return o, fmt.Errorf("--to %q: want YYYY-MM-DD", to)
	}
	if o.to.Before(o.from) {
		return o, fmt.Errorf("--to %s is before --from %s", to, from)
	}
	for _, g := range strings.Split(genres, ",") {
		g = strings.ToUpper(strings.TrimSpace(g))
		if _, ok := kopis.GenreOfCode(g); !ok {
			return o, fmt.Errorf("--genres: %q is not one of %s", g, strings.Join(kopis.Codes, ", "))
		}
		o.genres = append(o.genres, g)
	}
	if since != "" {
		if o.since, err = time.ParseInLocation(time.DateOnly, since, kopis.Seoul); err != nil {
			return o, fmt.Errorf("--since %q: want YYYY-MM-DD", since)
		}
	}
	return o, nil
}
