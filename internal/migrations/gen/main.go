// Command gen writes the next MySQL migration of internal/migrations/mysql
// when the ent schema differs from what the existing migrations build.
//
//	go run ./internal/migrations/gen [--dev-url mysql://root@127.0.0.1:3306] NAME
//
// It needs a scratch MySQL/MariaDB server (the dev URL): it creates a
// temporary database claco_mig_dev_* there, replays the existing migrations
// on it, compares the result with the ent schema (ent's migration engine,
// Atlas), writes the difference as <timestamp>_NAME.sql, updates atlas.sum,
// and drops the temporary database. With no difference it writes nothing.
// It is not part of go generate: newcomers need no MySQL to build.
//
//	go run ./internal/migrations/gen --rehash
//
// recomputes atlas.sum after a migration file was edited by hand (only ever
// one that no database has run yet).
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"slices"
	"time"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	entschema "entgo.io/ent/dialect/sql/schema"
	"github.com/go-sql-driver/mysql"

	entmigrate "github.com/claco/claco/ent/migrate"
	"github.com/claco/claco/internal/migrations"
)

// DefaultDevURL is the scratch server of a developer machine and of CI.
const DefaultDevURL = "mysql://root@127.0.0.1:3306"

var validName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		cancel()
		fmt.Fprintln(os.Stderr, "gen:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(out)
	devURL := fs.String("dev-url", DefaultDevURL, "scratch MySQL/MariaDB `server` (a temporary claco_mig_dev_* database is made and dropped there)")
	dirPath := fs.String("dir", migrations.DirPath, "migration `directory`, from the module root")
	rehash := fs.Bool("rehash", false, "only recompute atlas.sum")
	fs.Usage = func() {
		fmt.Fprintln(out, "usage: go run ./internal/migrations/gen [--dev-url mysql://root@127.0.0.1:3306] NAME")
		fmt.Fprintln(out, "       go run ./internal/migrations/gen --rehash")
		fmt.Fprintln(out)
		fmt.Fprintln(out, "Writes the next migration (<timestamp>_NAME.sql) when the ent schema differs from the migrations.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	dir, err := migrate.NewLocalDir(*dirPath)
	if err != nil {
		return fmt.Errorf("%v (run from the module root, or pass --dir)", err)
	}
	if *rehash {
		if fs.NArg() != 0 {
			return fmt.Errorf("%w: --rehash takes no NAME", errUsage)
		}
		sum, err := dir.Checksum()
		if err != nil {
			return err
		}
		if err := migrate.WriteSumFile(dir, sum); err != nil {
			return err
		}
		fmt.Fprintf(out, "rewrote %s/%s\n", *dirPath, migrate.HashFileName)
		return nil
	}
	if fs.NArg() != 1 || !validName.MatchString(fs.Arg(0)) {
		fs.Usage()
		return fmt.Errorf("%w: want one NAME of lower-case letters, digits and underscores, e.g. add_collections", errUsage)
	}
	name := fs.Arg(0)

	devDB, drop, err := scratchDatabase(ctx, *devURL)
	if err != nil {
		return err
	}
	defer drop()
	before, err := dir.Files()
	if err != nil {
		return err
	}
	m, err := entschema.NewMigrate(entsql.OpenDB(dialect.MySQL, devDB),
		entschema.WithDir(dir),
		entschema.WithMigrationMode(entschema.ModeReplay),
		entschema.WithDialect(dialect.MySQL),
		entschema.WithFormatter(migrate.DefaultFormatter),
		// A removed field or index leaves the schema in the migration too;
		// review the file before committing it.
		entschema.WithDropColumn(true),
		entschema.WithDropIndex(true),
		entschema.WithErrNoPlan(true),
	)
	if err != nil {
		return err
	}
	switch err := m.NamedDiff(ctx, name, entmigrate.Tables...); {
	case errors.Is(err, migrate.ErrNoPlan):
		fmt.Fprintf(out, "the migrations in %s already build the ent schema: nothing written\n", *dirPath)
		return nil
	case err != nil:
		return err
	}
	after, err := dir.Files()
	if err != nil {
		return err
	}
	for _, f := range after {
		if !slices.ContainsFunc(before, func(g migrate.File) bool { return g.Name() == f.Name() }) {
			fmt.Fprintf(out, "wrote %s/%s (review it, then commit it with %s)\n", *dirPath, f.Name(), migrate.HashFileName)
		}
	}
	return nil
}

// scratchDatabase creates an empty database on the server at rawURL and
// returns a pool on it and a function that drops it.
func scratchDatabase(ctx context.Context, rawURL string) (*sql.DB, func(), error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "mysql" && u.Scheme != "mariadb") || u.Host == "" {
		return nil, nil, fmt.Errorf("--dev-url %q: want mysql://user:pass@host:port", rawURL)
	}
	cfg := mysql.NewConfig()
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	cfg.Net, cfg.Addr = "tcp", u.Host
	if u.Port() == "" {
		cfg.Addr += ":3306"
	}
	cfg.ParseTime = true
	admin, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		return nil, nil, err
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "claco_mig_dev_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE `"+name+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("create scratch database on %s: %w", cfg.Addr, err)
	}
	cfg.DBName = name
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		_, _ = admin.ExecContext(ctx, "DROP DATABASE `"+name+"`")
		admin.Close()
		return nil, nil, err
	}
	return db, func() {
		db.Close()
		_, _ = admin.ExecContext(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS `"+name+"`")
		admin.Close()
	}, nil
}
