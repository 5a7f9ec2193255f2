package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strings"

	"entgo.io/ent/dialect"

	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/migrations"
)

// version is the release, set at build time:
//
//	go build -ldflags "-X main.version=v1.4.0" ./cmd/server
//
// Without it, the version comes from the build's VCS information.
var version string

// Commands besides serving (no command).
const (
	cmdMigrate = "migrate"
	cmdVersion = "version"
	cmdHelp    = "help"
)

// cli runs the command line and returns the exit status: 0, 1 when the
// command fails, 2 when the command line is wrong.
func cli(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cmd, getenv, err := parseArgs(args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		cmd, err = cmdHelp, nil
	}
	if err != nil {
		fmt.Fprintf(stderr, "claco: %v (see server --help)\n", err)
		return 2
	}
	switch cmd {
	case cmdHelp:
		printHelp(stdout)
		return 0
	case cmdVersion:
		printVersion(stdout)
		return 0
	case cmdMigrate:
		err = migrateCommand(ctx, getenv, stdout, stderr)
	default:
		err = run(ctx, getenv, stderr, nil)
	}
	if err != nil {
		fmt.Fprintln(stderr, "claco:", err)
		return 1
	}
	return 0
}

// parseArgs reads the command and the flags, which may come before or after
// it. Each setting of config.Settings has a flag (Setting.Flag); the getenv
// it returns answers a flag's value before the environment's.
func parseArgs(args []string, getenv func(string) string) (string, func(string) string, error) {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	given := map[string]string{}
	for _, s := range config.Settings {
		if s.EnvOnly() {
			continue
		}
		fs.Var(&settingFlag{name: s.Name, isBool: s.IsBool(), given: given}, s.Flag(), s.Meaning)
	}
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return "", nil, flagError(err)
		}
		if args = fs.Args(); len(args) == 0 {
			break
		}
		words, args = append(words, args[0]), args[1:]
	}
	cmd := ""
	if len(words) > 0 {
		switch words[0] {
		case cmdMigrate, cmdVersion, cmdHelp:
			cmd, words = words[0], words[1:]
		}
	}
	if len(words) > 0 {
		return "", nil, fmt.Errorf("unexpected argument %q: the commands are %s and %s, settings are flags or environment variables", words[0], cmdMigrate, cmdVersion)
	}
	return cmd, func(name string) string {
		if v, ok := given[name]; ok {
			return v
		}
		return getenv(name)
	}, nil
}

// settingFlag records a setting given on the command line.
type settingFlag struct {
	name   string
	isBool bool
	given  map[string]string
}

func (f *settingFlag) String() string {
	if f == nil || f.given == nil {
		return ""
	}
	return f.given[f.name]
}

func (f *settingFlag) Set(v string) error {
	f.given[f.name] = v
	return nil
}

func (f *settingFlag) IsBoolFlag() bool { return f.isBool }

// flagError rewords the flag package's errors for --style flags.
func flagError(err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return fmt.Errorf("unknown flag --%s", name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Errorf("flag --%s needs a value", name)
	}
	return err
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "usage: server [flags]          serve the API")
	fmt.Fprintln(w, "       server migrate [flags]  apply pending schema migrations, say which, and exit")
	fmt.Fprintln(w, "       server version          print the version and the latest schema migration")
	fmt.Fprintln(w, "       server --help           print this help")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Each setting is an environment variable or the flag beside it (--addr=:8080")
	fmt.Fprintln(w, "or --addr :8080); a flag wins over the environment.")
	fmt.Fprintln(w)
	config.PrintSettings(w)
}

// buildVersion is version, else the module version or VCS revision the
// binary was built from, else "devel".
func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	if revision != "" {
		if len(revision) > 12 {
			revision = revision[:12]
		}
		if modified == "true" {
			revision += "-dirty"
		}
		return revision
	}
	return "devel"
}

func printVersion(w io.Writer) {
	fmt.Fprintf(w, "server %s (%s)\n", buildVersion(), runtime.Version())
	latest := migrations.Latest()
	if latest == "" {
		latest = "none"
	}
	fmt.Fprintf(w, "latest migration %s (MySQL; %d embedded)\n", latest, len(migrations.Names()))
}

// operator is recorded with each migration the server applies.
func operator() string { return "claco server " + buildVersion() }

// migrateCommand is `server migrate`: it applies the pending migrations,
// says which, and warns when the database still differs from the ent schema.
func migrateCommand(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	db, err := database.Open(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	report, err := db.ApplyMigrations(ctx, migrations.Options{
		Operator: operator(),
		Waiting:  func() { fmt.Fprintln(stdout, "another instance is migrating this database; waiting for it") },
	})
	if db.Dialect != dialect.MySQL {
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, "sqlite: schema brought up to date by ent auto-migration (versioned migrations are for MySQL)")
	} else {
		printReport(stdout, report)
		if err != nil {
			return err
		}
	}
	drift, err := db.SchemaDrift(ctx)
	if err != nil {
		return err
	}
	if drift != "" {
		fmt.Fprintf(stderr, "warning: the database still differs from this build's ent schema (changed by hand, or by a newer release?); bringing it in line would take:\n%s", drift)
	}
	return nil
}

func printReport(w io.Writer, r *migrations.Report) {
	if r == nil {
		return
	}
	if r.Baselined != "" {
		fmt.Fprintf(w, "recorded the existing database (made before versioned migrations) at baseline %s\n", r.Baselined)
	}
	for _, a := range r.Applied {
		fmt.Fprintf(w, "applied %s (%d statements, %s)\n", a.Name, a.Statements, a.Took.Round(1e6))
	}
	if len(r.Applied) == 0 {
		fmt.Fprintln(w, "no pending migrations")
	}
	fmt.Fprintf(w, "database at version %s; latest migration %s\n", r.Current, migrations.Latest())
}

// migrateAtStart applies pending migrations (CLACO_MIGRATE=auto) or refuses
// to start while some are pending (off), then warns of any drift from the
// ent schema on MySQL.
func migrateAtStart(ctx context.Context, cfg config.Config, db *database.DB, log *slog.Logger) error {
	if cfg.Migrate == config.MigrateOff {
		pending, err := db.PendingMigrations(ctx)
		if err != nil {
			return err
		}
		if len(pending) > 0 {
			return fmt.Errorf("%d schema migration(s) pending (%s) and CLACO_MIGRATE=off: run `server migrate`, then start the server", len(pending), strings.Join(pending, ", "))
		}
	} else {
		report, err := db.ApplyMigrations(ctx, migrations.Options{
			Operator: operator(),
			Waiting:  func() { log.Info("another instance is migrating the database; waiting for it") },
		})
		if err != nil {
			return err
		}
		if report != nil {
			if report.Baselined != "" {
				log.Info("recorded the existing database (made before versioned migrations) at the baseline", "baseline", report.Baselined)
			}
			for _, a := range report.Applied {
				log.Info("applied migration", "migration", a.Name, "statements", a.Statements, "took", a.Took)
			}
			log.Info("database schema up to date", "version", report.Current)
		}
	}
	if db.Dialect != dialect.MySQL {
		return nil
	}
	drift, err := db.SchemaDrift(ctx)
	if err != nil {
		return err
	}
	if drift != "" {
		log.Warn("the database differs from this build's ent schema (changed by hand, or by a newer release?)", "changes", drift)
	}
	return nil
}
