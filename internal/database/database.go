// Package database owns the connection to the service's relational database:
// it turns CLACO_DATABASE_URL into an ent client on the embedded SQLite file or
// on MySQL/MariaDB, migrates the schema (ent auto-migration on SQLite, the
// versioned migrations of internal/migrations on MySQL), and counts the SQL
// statements sent.
package database

import (
	"bytes"
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
	"modernc.org/sqlite"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/migrate"
	_ "github.com/claco/claco/ent/runtime" // registers hooks and interceptors (soft delete)
	"github.com/claco/claco/internal/migrations"
)

// DefaultURL is the embedded database a newcomer gets with no configuration.
const DefaultURL = "sqlite://claco.db"

// DB is an open database: the ent client over it and the raw pools beneath.
type DB struct {
	*ent.Client
	SQL     *sql.DB // writes and transactions; on MySQL, everything
	Reads   *sql.DB // on SQLite, reads outside transactions (see readsApart); nil on MySQL
	Dialect string
	counter *countingDriver
	url     string
}

// Open connects to the database named by rawURL (sqlite://PATH or
// mysql://user:pass@host:port/db?params). It does not migrate; call Migrate.
func Open(rawURL string) (*DB, error) {
	dialectName, db, reads, err := openPool(rawURL)
	if err != nil {
		return nil, err
	}
	var drv dialect.Driver = entsql.OpenDB(dialectName, db)
	if reads != nil {
		drv = readsApart{Driver: drv, reads: entsql.OpenDB(dialectName, reads)}
	}
	counter := &countingDriver{Driver: drv}
	return &DB{
		Client:  ent.NewClient(ent.Driver(counter)),
		SQL:     db,
		Reads:   reads,
		Dialect: dialectName,
		counter: counter,
		url:     rawURL,
	}, nil
}

// Migrate brings the schema up to date with the ent schema; see
// ApplyMigrations.
func (db *DB) Migrate(ctx context.Context) error {
	_, err := db.ApplyMigrations(ctx, migrations.Options{})
	return err
}

// ApplyMigrations brings the schema up to date and says what it did.
//
// On SQLite, ent auto-migration creates or alters tables to match the ent
// schema (indexes that left the schema are dropped, columns and tables kept);
// the report is nil.
//
// On MySQL it applies the pending versioned migrations embedded in the binary
// (migrations.Apply), under the database's migration lock, over a connection
// of its own with no read timeout (an ALTER of a large table may take
// minutes). A database made by the release before versioned migrations is
// recorded at the baseline.
func (db *DB) ApplyMigrations(ctx context.Context, opts migrations.Options) (*migrations.Report, error) {
	if db.Dialect != dialect.MySQL {
		if err := db.Schema.Create(ctx, migrate.WithDropIndex(true)); err != nil {
			return nil, fmt.Errorf("migrate schema: %w", err)
		}
		return nil, nil
	}
	pool, err := openMySQL(db.url, true)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	report, err := migrations.Apply(ctx, pool, opts)
	if err != nil {
		return report, fmt.Errorf("migrate schema: %w", err)
	}
	return report, nil
}

// PendingMigrations lists what ApplyMigrations would do, changing nothing.
// On MySQL these are the migrations not yet applied (a database made before
// versioned migrations and at the baseline has none); on SQLite it is
// "ent auto-migration" when that would change the schema.
func (db *DB) PendingMigrations(ctx context.Context) ([]string, error) {
	if db.Dialect != dialect.MySQL {
		var plan bytes.Buffer
		if err := db.Schema.WriteTo(ctx, &plan, migrate.WithDropIndex(true)); err != nil {
			return nil, fmt.Errorf("compare the database with the ent schema: %w", err)
		}
		if plan.Len() > 0 {
			return []string{"ent auto-migration"}, nil
		}
		return nil, nil
	}
	state, err := migrations.Check(ctx, db.SQL, migrations.Options{})
	if err != nil {
		return nil, err
	}
	return state.Pending, nil
}

// SchemaDrift returns the SQL that would make the database match this
// build's ent schema, or "" when it does (see migrations.Drift).
func (db *DB) SchemaDrift(ctx context.Context) (string, error) {
	return migrations.Drift(ctx, entsql.OpenDB(db.Dialect, db.SQL))
}

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if db.Reads == nil {
		return db.SQL.PingContext(ctx)
	}
	return errors.Join(db.SQL.PingContext(ctx), db.Reads.PingContext(ctx))
}

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

// openPool opens the database's pool and, on SQLite, a second pool that
// only reads (see readsApart).
func openPool(rawURL string) (dialectName string, db, reads *sql.DB, err error) {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return "", nil, nil, fmt.Errorf("database URL %q: want sqlite://PATH or mysql://user:pass@host:port/db", redact(rawURL))
	}
	switch scheme {
	case "sqlite", "sqlite3":
		if db, err = openSQLite(rest, false); err != nil {
			return "", nil, nil, err
		}
		if reads, err = openSQLite(rest, true); err != nil {
			db.Close()
			return "", nil, nil, err
		}
		return dialect.SQLite, db, reads, nil
	case "mysql", "mariadb":
		db, err := openMySQL(rawURL, false)
		return dialect.MySQL, db, nil, err
	default:
		return "", nil, nil, fmt.Errorf("database URL scheme %q: want sqlite or mysql", scheme)
	}
}

// openSQLite opens a SQLite file with the pragmas that must hold on every
// pooled connection: foreign keys (ent's migration needs them), WAL so readers
// do not block the writer, a busy timeout, and immediate transactions so that
// concurrent writers queue instead of failing to upgrade a read lock. A pool
// for reads only refuses writes (query_only) and is capped.
func openSQLite(path string, readOnly bool) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("sqlite database URL has no path")
	}
	path, query, _ := strings.Cut(path, "?")
	params, err := url.ParseQuery(query)
	if err != nil {
		return nil, fmt.Errorf("sqlite database URL: %w", err)
	}
	// A 1 MiB page cache a connection (kept connections keep it warm);
	// not mmap, whose mapped pages every connection would count again.
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)",
		"cache_size(-1024)", "temp_store(MEMORY)"} {
		params.Add("_pragma", p)
	}
	if readOnly {
		params.Add("_pragma", "query_only(1)")
	}
	params.Set("_txlock", "immediate")
	params.Set("_time_format", "sqlite")
	connector, err := sqlite.NewConnector("file:" + path + "?" + params.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	db := sql.OpenDB(preparedConnector{Connector: connector, size: preparedStatements})
	// Connections are kept, not opened a request: each new one runs the
	// pragmas, starts with a cold page cache and no prepared statements.
	if readOnly {
		// Reads hold a connection for one statement at a time, so a cap
		// only queues them; more than a few per core would only add memory.
		db.SetMaxOpenConns(sqliteReadConns)
		db.SetMaxIdleConns(sqliteReadConns)
		return db, nil
	}
	// Writing connections are not capped: writers queue in SQLite
	// (immediate transactions), and a transaction waiting for a pooled
	// connection while holding another could wait forever.
	db.SetMaxIdleConns(sqliteWriteIdleConns)
	return db, nil
}

// Pool sizes: enough for the loaders of a few dozen concurrent requests.
const (
	sqliteReadConns      = 6
	sqliteWriteIdleConns = 4
	mysqlConns           = 32
)

// openMySQL opens MySQL or MariaDB with utf8mb4, UTC and parsed times. A pool
// for migrations has no read or write timeout and few connections.
func openMySQL(rawURL string, forMigrations bool) (*sql.DB, error) {
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
	if forMigrations {
		cfg.ReadTimeout, cfg.WriteTimeout = 0, 0
	}
	cfg.Params = map[string]string{"time_zone": "'+00:00'"}
	cfg.Collation = "utf8mb4_unicode_ci"
	// Reads run as prepared statements each connection keeps (see
	// preparedConnector); for the rest, arguments are interpolated
	// client-side (escaped for utf8mb4): one round trip a statement
	// instead of prepare, execute and close.
	cfg.InterpolateParams = !forMigrations
	for k, v := range u.Query() {
		cfg.Params[k] = v[len(v)-1]
	}
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("mysql database URL: %w", err)
	}
	if forMigrations {
		db := sql.OpenDB(connector)
		db.SetMaxOpenConns(2)
		return db, nil
	}
	db := sql.OpenDB(preparedConnector{Connector: connector, size: preparedStatements, secondUse: true, exhausted: outOfPreparedStatements})
	// Idle connections as many as open ones: a busy server reuses them
	// instead of dialling one a request.
	db.SetMaxOpenConns(mysqlConns)
	db.SetMaxIdleConns(mysqlConns)
	db.SetConnMaxLifetime(5 * time.Minute)
	db.SetConnMaxIdleTime(time.Minute)
	return db, nil
}

// outOfPreparedStatements tells MySQL's error for a server that reached
// max_prepared_stmt_count.
func outOfPreparedStatements(err error) bool {
	var e *mysql.MySQLError
	return errors.As(err, &e) && e.Number == 1461
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
