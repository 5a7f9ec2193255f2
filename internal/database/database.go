// Package database owns the connection to the service's relational database:
// it turns CLACO_DATABASE_URL into an ent client on the embedded SQLite file or
// on MySQL/MariaDB, migrates the schema, and counts the SQL statements sent.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/go-sql-driver/mysql"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/migrate"
	_ "github.com/claco/claco/ent/runtime" // registers hooks and interceptors (soft delete)
)

// DefaultURL is the embedded database a newcomer gets with no configuration.
const DefaultURL = "sqlite://claco.db"

// DB is an open database: the ent client over it and the raw pool beneath.
type DB struct {
	*ent.Client
	SQL     *sql.DB
	Dialect string
	counter *countingDriver
}

// Open connects to the database named by rawURL (sqlite://PATH or
// mysql://user:pass@host:port/db?params). It does not migrate; call Migrate.
func Open(rawURL string) (*DB, error) {
	dialectName, db, err := openPool(rawURL)
	if err != nil {
		return nil, err
	}
	counter := &countingDriver{Driver: entsql.OpenDB(dialectName, db)}
	return &DB{
		Client:  ent.NewClient(ent.Driver(counter)),
		SQL:     db,
		Dialect: dialectName,
		counter: counter,
	}, nil
}

// Migrate creates or alters tables to match the ent schema. It is additive:
// columns and indexes that left the schema are dropped, tables are kept.
func (db *DB) Migrate(ctx context.Context) error {
	if err := db.Schema.Create(ctx, migrate.WithDropIndex(true)); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	return nil
}

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.SQL.PingContext(ctx) }

// Statements returns how many SQL statements were sent through the ent client
// since the database was opened.
func (db *DB) Statements() int64 { return db.counter.count.Load() }

// ObserveStatements calls f with the context and text of every statement
// sent from now on (nil stops it). Tests use it to check what runs in which
// request; f must be safe for concurrent use.
func (db *DB) ObserveStatements(f func(ctx context.Context, query string)) {
	if f == nil {
		db.counter.observer.Store(nil)
		return
	}
	db.counter.observer.Store(&f)
}

// Close closes the ent client and the pool.
func (db *DB) Close() error { return db.Client.Close() }

func openPool(rawURL string) (string, *sql.DB, error) {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return "", nil, fmt.Errorf("database URL %q: want sqlite://PATH or mysql://user:pass@host:port/db", redact(rawURL))
	}
	switch scheme {
	case "sqlite", "sqlite3":
		db, err := openSQLite(rest)
		return dialect.SQLite, db, err
	case "mysql", "mariadb":
		db, err := openMySQL(rawURL)
		return dialect.MySQL, db, err
	default:
		return "", nil, fmt.Errorf("database URL scheme %q: want sqlite or mysql", scheme)
	}
}

// openSQLite opens a SQLite file with the pragmas that must hold on every
// pooled connection: foreign keys (ent's migration needs them), WAL so readers
// do not block the writer, a busy timeout, and immediate transactions so that
// concurrent writers queue instead of failing to upgrade a read lock.
func openSQLite(path string) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("sqlite database URL has no path")
	}
	path, query, _ := strings.Cut(path, "?")
	params, err := url.ParseQuery(query)
	if err != nil {
		return nil, fmt.Errorf("sqlite database URL: %w", err)
	}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		params.Add("_pragma", p)
	}
	params.Set("_txlock", "immediate")
	params.Set("_time_format", "sqlite")
	db, err := sql.Open("sqlite", "file:"+path+"?"+params.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	return db, nil
}

// openMySQL opens MySQL or MariaDB with utf8mb4, UTC and parsed times.
func openMySQL(rawURL string) (*sql.DB, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("mysql database URL: %w", err)
	}
	cfg := mysql.NewConfig()
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	cfg.Net = "tcp"
	cfg.Addr = u.Host
	if u.Port() == "" {
		cfg.Addr = u.Host + ":3306"
	}
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	if cfg.DBName == "" {
		return nil, errors.New("mysql database URL has no database name")
	}
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	// A server that stops answering must not hold a request or a pooled
	// connection forever: requests carry deadlines too, these bound the rest.
	cfg.Timeout = 5 * time.Second
	cfg.ReadTimeout = 30 * time.Second
	cfg.WriteTimeout = 30 * time.Second
	cfg.Params = map[string]string{"time_zone": "'+00:00'"}
	cfg.Collation = "utf8mb4_unicode_ci"
	for k, v := range u.Query() {
		cfg.Params[k] = v[len(v)-1]
	}
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("mysql database URL: %w", err)
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(8)
	db.SetConnMaxLifetime(5 * time.Minute)
	db.SetConnMaxIdleTime(time.Minute)
	return db, nil
}

// redact hides a password in a database URL before it reaches a log or error.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return rawURL
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
