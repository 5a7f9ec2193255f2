package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"modernc.org/sqlite"
)

// openPrepared opens a SQLite file through the statement cache and returns
// one connection of it, so that every query meets the same cache.
func openPrepared(t *testing.T, size int) *sql.Conn {
	t.Helper()
	connector, err := sqlite.NewConnector("file:" + filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(preparedConnector{Connector: connector, size: size})
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	for _, q := range []string{
		"CREATE TABLE concerts (id INTEGER PRIMARY KEY, title TEXT NOT NULL)",
		"INSERT INTO concerts (title) VALUES ('Bach'), ('Brahms'), ('Chopin')",
	} {
		if _, err := conn.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	return conn
}

// prepared reports how many statements the connection prepared to keep, and
// how many it keeps now.
func prepared(t *testing.T, conn *sql.Conn) (n, kept int) {
	t.Helper()
	err := conn.Raw(func(dc any) error {
		c := dc.(*preparedConn)
		c.mu.Lock()
		defer c.mu.Unlock()
		n, kept = c.prepared, c.recent.Len()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n, kept
}

func titles(t *testing.T, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) []string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPreparedQueryIsPreparedOnceAndAnswersEachCall(t *testing.T) {
	conn := openPrepared(t, 8)
	const q = "SELECT title FROM concerts WHERE id >= ? ORDER BY id"
	for from, want := range map[int][]string{1: {"Bach", "Brahms", "Chopin"}, 2: {"Brahms", "Chopin"}, 4: nil} {
		if got := titles(t, conn, q, from); !slices.Equal(got, want) {
			t.Fatalf("from %d: %v, want %v", from, got, want)
		}
	}
	if n, _ := prepared(t, conn); n != 1 {
		t.Fatalf("prepared %d times, want once", n)
	}
}

func TestPreparedQueryWhileItsRowsAreOpenRunsApart(t *testing.T) {
	conn := openPrepared(t, 8)
	tx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const q = "SELECT title FROM concerts WHERE id = ?"
	outer, err := tx.QueryContext(context.Background(), q, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The same text again while the first rows are open: it must not reset
	// the statement the first rows are reading.
	if got := titles(t, tx, q, 3); !slices.Equal(got, []string{"Chopin"}) {
		t.Fatalf("inner query: %v", got)
	}
	var title string
	if !outer.Next() || outer.Scan(&title) != nil || title != "Bach" {
		t.Fatalf("outer rows after the inner query: %q, %v", title, outer.Err())
	}
	outer.Close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := titles(t, conn, q, 2); !slices.Equal(got, []string{"Brahms"}) {
		t.Fatalf("after: %v", got)
	}
}

func TestPreparedKeepsTheMostRecentQueries(t *testing.T) {
	conn := openPrepared(t, 2)
	query := func(i int) string { return fmt.Sprintf("SELECT title FROM concerts WHERE id = ? AND %d = %d", i, i) }
	for _, i := range []int{1, 2, 1, 3, 1, 2} { // 2 leaves when 3 comes; 3 when 2 comes back
		if got := titles(t, conn, query(i), 1); !slices.Equal(got, []string{"Bach"}) {
			t.Fatalf("query %d: %v", i, got)
		}
	}
	if n, kept := prepared(t, conn); n != 4 || kept != 2 {
		t.Fatalf("prepared %d, kept %d; want 4 and 2", n, kept)
	}
}

func TestPreparedStatementsSurviveFailuresAndSchemaChanges(t *testing.T) {
	conn := openPrepared(t, 8)
	const q = "SELECT title FROM concerts WHERE id = ?"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := conn.QueryContext(ctx, q, 1); err == nil {
		t.Fatal("a query on a canceled context ran")
	}
	if got := titles(t, conn, q, 1); !slices.Equal(got, []string{"Bach"}) {
		t.Fatalf("after the failure: %v", got)
	}
	// A column added after a statement was kept shows: SQLite prepares a
	// kept statement again when the schema changed.
	const star = "SELECT * FROM concerts WHERE id = ?"
	columns := func() []string {
		rows, err := conn.QueryContext(context.Background(), star, 1)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		return cols
	}
	if cols := columns(); len(cols) != 2 {
		t.Fatalf("columns %v", cols)
	}
	if _, err := conn.ExecContext(context.Background(), "ALTER TABLE concerts ADD COLUMN venue TEXT NOT NULL DEFAULT 'Seoul Arts Center'"); err != nil {
		t.Fatal(err)
	}
	if cols := columns(); len(cols) != 3 {
		t.Fatalf("columns after ALTER %v", cols)
	}
}

// On MySQL and MariaDB too, a connection keeps its reads prepared, and
// arguments still get the driver's conversions (an unsigned integer past
// int64, which database/sql's own conversion refuses).
func TestMySQLKeepsReadsPrepared(t *testing.T) {
	rawURL := os.Getenv("CLACO_TEST_MYSQL_URL")
	if rawURL == "" {
		t.Skip("needs MariaDB/MySQL: runs when CLACO_TEST_MYSQL_URL is set, as in the MariaDB step of .ci/run")
	}
	db, err := openMySQL(rawURL, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	const big = uint64(1) << 63
	for i := range 3 {
		var got uint64
		var text string
		if err := conn.QueryRowContext(ctx, "SELECT ?, CONCAT(?, '')", big, fmt.Sprint(i)).Scan(&got, &text); err != nil {
			t.Fatal(err)
		}
		if got != big || text != fmt.Sprint(i) {
			t.Fatalf("call %d: got %d and %q", i, got, text)
		}
	}
	if n, kept := prepared(t, conn); n != 1 || kept != 1 {
		t.Fatalf("prepared %d statements and kept %d for one query asked three times, want 1 and 1", n, kept)
	}
}

// A query the driver cannot prepare runs as text rather than failing; when
// the server is out of prepared statements, the connection stops preparing.
func TestPreparedQueryRunsAsTextWhenPreparingFails(t *testing.T) {
	outOfStatements := errors.New("out of prepared statements")
	for _, c := range []struct {
		name           string
		exhausted      bool
		wantPrepares   int
		wantAsText     int
		wantUnprepared bool
	}{
		{name: "a query that cannot be prepared", wantPrepares: 3, wantAsText: 3},
		{name: "a server out of statements", exhausted: true, wantPrepares: 1, wantAsText: 3, wantUnprepared: true},
	} {
		conn := &fakeConn{prepareErr: outOfStatements}
		pc, err := newPreparedConn(conn, 4)
		if err != nil {
			t.Fatal(err)
		}
		if c.exhausted {
			pc.exhausted = func(err error) bool { return errors.Is(err, outOfStatements) }
		}
		for range 3 {
			rows, err := pc.QueryContext(context.Background(), "SELECT 1", nil)
			if err != nil {
				t.Fatalf("%s: query failed with preparing: %v", c.name, err)
			}
			rows.Close()
		}
		if conn.prepares != c.wantPrepares || conn.queries != c.wantAsText || pc.unprepared.Load() != c.wantUnprepared {
			t.Errorf("%s: %d prepares, %d queries as text, stopped preparing %t; want %d, %d, %t",
				c.name, conn.prepares, conn.queries, pc.unprepared.Load(), c.wantPrepares, c.wantAsText, c.wantUnprepared)
		}
	}
}

// With secondUse (MySQL), a query is sent as text the first time a
// connection sees it, and kept from the second.
func TestPreparedKeepsAQueryOnItsSecondUse(t *testing.T) {
	conn := &fakeConn{}
	pc, err := newPreparedConn(conn, 4)
	if err != nil {
		t.Fatal(err)
	}
	pc.secondUse = true
	for i := range 4 {
		rows, err := pc.QueryContext(context.Background(), "SELECT 1", nil)
		if err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if i == 0 && (conn.queries != 1 || conn.prepares != 0) {
			t.Fatalf("first use: %d as text, %d prepared; want it sent as text", conn.queries, conn.prepares)
		}
	}
	if conn.queries != 1 || conn.prepares != 1 || conn.executes != 3 {
		t.Fatalf("%d as text, %d prepared, %d executed; want 1, 1, 3", conn.queries, conn.prepares, conn.executes)
	}
}

// fakeConn is a driver connection that counts what it is asked; preparing
// fails with prepareErr when set.
type fakeConn struct {
	prepareErr                  error
	prepares, queries, executes int
}

func (c *fakeConn) Prepare(q string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), q)
}
func (c *fakeConn) PrepareContext(context.Context, string) (driver.Stmt, error) {
	c.prepares++
	if c.prepareErr != nil {
		return nil, c.prepareErr
	}
	return fakeStmt{c}, nil
}
func (c *fakeConn) Close() error              { return nil }
func (c *fakeConn) Begin() (driver.Tx, error) { return nil, errors.New("no transactions") }
func (c *fakeConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) {
	return nil, errors.New("no transactions")
}
func (c *fakeConn) ExecContext(context.Context, string, []driver.NamedValue) (driver.Result, error) {
	return driver.RowsAffected(0), nil
}
func (c *fakeConn) QueryContext(context.Context, string, []driver.NamedValue) (driver.Rows, error) {
	c.queries++
	return emptyRows{}, nil
}
func (c *fakeConn) Ping(context.Context) error         { return nil }
func (c *fakeConn) ResetSession(context.Context) error { return nil }
func (c *fakeConn) IsValid() bool                      { return true }

type fakeStmt struct{ conn *fakeConn }

func (s fakeStmt) Close() error                               { return nil }
func (s fakeStmt) NumInput() int                              { return -1 }
func (s fakeStmt) Exec([]driver.Value) (driver.Result, error) { return driver.RowsAffected(0), nil }
func (s fakeStmt) Query([]driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), nil)
}
func (s fakeStmt) QueryContext(context.Context, []driver.NamedValue) (driver.Rows, error) {
	s.conn.executes++
	return emptyRows{}, nil
}

type emptyRows struct{}

func (emptyRows) Columns() []string         { return []string{"1"} }
func (emptyRows) Close() error              { return nil }
func (emptyRows) Next([]driver.Value) error { return io.EOF }
