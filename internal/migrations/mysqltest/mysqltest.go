// Package mysqltest gives migration tests fresh, empty MySQL/MariaDB
// databases. Unlike internal/testdb, which falls back to SQLite, these tests
// mean MySQL: without CLACO_TEST_MYSQL_URL they are skipped on a developer
// machine (CI runs them), and under CI they never skip.
package mysqltest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/claco/claco/internal/testdb"
)

// CIFallbackURL is the server tried under CI when CLACO_TEST_MYSQL_URL is
// unset (CI runs the whole suite once without it, on SQLite, and MariaDB
// is up on this address then too).
const CIFallbackURL = "mysql://root@127.0.0.1:3306/test"

// ServerURL returns the test server's URL, from CLACO_TEST_MYSQL_URL. When it
// is unset the test is skipped, saying that CI runs it; under CI (CI=true)
// the test uses CIFallbackURL instead, and fails if nothing answers there.
func ServerURL(t testing.TB) string {
	t.Helper()
	if v := os.Getenv(testdb.MySQLEnv); v != "" {
		return v
	}
	if os.Getenv("CI") == "true" {
		return CIFallbackURL
	}
	t.Skipf("needs MySQL/MariaDB: CI runs it (set %s=mysql://root@127.0.0.1:3306/test to run it here)", testdb.MySQLEnv)
	return ""
}

// FreshURL creates an empty database claco_mig_t_* on the test server and
// returns its URL; the database is dropped when the test ends.
func FreshURL(t testing.TB) string {
	t.Helper()
	server := ServerURL(t)
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s: %v", testdb.MySQLEnv, err)
	}
	root := *u
	root.Path = ""
	admin := Admin(t, root.String())
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "claco_mig_t_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatalf("create test database on %s (under CI, MariaDB must be up): %v", u.Host, err)
	}
	t.Cleanup(func() { _, _ = admin.Exec("DROP DATABASE IF EXISTS " + name) })
	u.Path = "/" + name
	return u.String()
}

// Admin opens a pool on the database of rawURL (or none) that runs several
// statements in one Exec, as a dump needs; it is closed when the test ends.
func Admin(t testing.TB, rawURL string) *sql.DB {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
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
	if len(u.Path) > 1 {
		cfg.DBName = u.Path[1:]
	}
	cfg.ParseTime = true
	cfg.MultiStatements = true
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.Ping(); err != nil {
		t.Fatalf("connect to MySQL at %s (under CI, MariaDB must be up): %v", u.Host, err)
	}
	return db
}
