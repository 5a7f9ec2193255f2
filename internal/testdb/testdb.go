// Package testdb gives each test a fresh, migrated and seeded database: a
// SQLite file in the test's temporary directory by default, or a new database
// on the MySQL/MariaDB server named by CLACO_TEST_MYSQL_URL (dropped when the
// test ends), so the same suite runs on both.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/go-sql-driver/mysql"

	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/reference"
)

// MySQLEnv names the variable that points the tests at a MySQL/MariaDB server,
// e.g. mysql://root@127.0.0.1:3306/test. The database in the URL is only used
// to connect; each test creates and drops its own.
const MySQLEnv = "CLACO_TEST_MYSQL_URL"

// URL returns a database URL for a fresh, empty database that lives as long as t.
func URL(t testing.TB) string {
	t.Helper()
	server := os.Getenv(MySQLEnv)
	if server == "" {
		return "sqlite://" + filepath.Join(t.TempDir(), "claco.db")
	}
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s: %v", MySQLEnv, err)
	}
	admin, err := sql.Open("mysql", dsn(u))
	if err != nil {
		t.Fatalf("connect to %s: %v", MySQLEnv, err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	name := "claco_t_" + randomSuffix(t)
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() { _, _ = admin.Exec("DROP DATABASE IF EXISTS " + name) })
	u.Path = "/" + name
	return u.String()
}

// Open returns a migrated database with the reference data seeded.
func Open(t testing.TB) *database.DB {
	t.Helper()
	return OpenAt(t, URL(t))
}

// OpenAt opens, migrates and seeds the database at url (e.g. one reached
// through a proxy the test controls); it is closed when the test ends.
func OpenAt(t testing.TB, url string) *database.DB {
	t.Helper()
	db, err := database.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := reference.Seed(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	return db
}

// dsn turns mysql://user:pass@host:port/db into the driver's user:pass@tcp(host:port)/db.
func dsn(u *url.URL) string {
	var b strings.Builder
	if u.User != nil {
		b.WriteString(u.User.String())
		b.WriteString("@")
	}
	host := u.Host
	if u.Port() == "" {
		host += ":3306"
	}
	b.WriteString("tcp(" + host + ")" + u.Path)
	return b.String()
}

func randomSuffix(t testing.TB) string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b[:])
}
