package database

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"hash/maphash"
	"log/slog"
	"reflect"
	"sync"
	"sync/atomic"
)

// preparedStatements is how many queries each connection keeps prepared:
// the service sends a few dozen distinct query texts, most of them on every
// page. On MySQL the server counts them against max_prepared_stmt_count
// (16,382 by default, for all its clients): an instance keeps at most 64
// for each of its mysqlConns connections, 2,048, and a connection that
// finds the server out of them sends its queries as text instead.
const preparedStatements = 64

// preparedConnector wraps a driver.Connector so that each connection keeps
// its most recently used queries prepared. The pure-Go SQLite driver
// otherwise parses and plans every query again: on a concert's detail page
// that was a quarter of the server's CPU. MariaDB, sent a query as text,
// parses it again each time too: a review page cost its server 150 µs of
// CPU as text and 118 µs as a kept prepared statement. Statements that
// change data are not kept; they vary more and run far less often.
type preparedConnector struct {
	driver.Connector
	size int // statements kept per connection
	// secondUse keeps a query only the second time a connection sees it:
	// on MySQL, where preparing costs a round trip, a text that comes once
	// (an id list of a rare length) is cheaper sent as text.
	secondUse bool
	// exhausted, when set, tells an error that says the server has no
	// prepared statements left.
	exhausted func(error) bool
}

func (c preparedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, err := newPreparedConn(conn, c.size)
	if err != nil {
		return nil, err
	}
	pc.secondUse, pc.exhausted = c.secondUse, c.exhausted
	return pc, nil
}

// preparedConn is one connection and its kept statements, least recently
// used at the back. database/sql uses a connection from one goroutine at a
// time; the mutex covers rows closed from the goroutine that watches a
// query's context.
type preparedConn struct {
	conn     driver.Conn
	begin    driver.ConnBeginTx
	prepare  driver.ConnPrepareContext
	exec     driver.ExecerContext
	query    driver.QueryerContext
	ping     driver.Pinger
	reset    driver.SessionResetter
	validate driver.Validator

	secondUse  bool
	exhausted  func(error) bool
	unprepared atomic.Bool // the server had no prepared statements left

	mu       sync.Mutex
	size     int
	prepared int                      // statements prepared to be kept, for tests
	byText   map[string]*list.Element // of *preparedStmt
	recent   list.List
	seen     map[uint64]struct{} // hashes of texts seen once, with secondUse
	seed     maphash.Seed
}

type preparedStmt struct {
	text    string
	stmt    driver.Stmt
	query   driver.StmtQueryContext
	busy    bool // its rows are open
	evicted bool // left the cache while busy: close it when its rows close
}

// newPreparedConn needs every optional interface the SQLite and MySQL
// drivers' connections both implement: hiding one would change how
// database/sql treats contexts and transactions. (A driver's argument
// conversion, which only MySQL's has, is forwarded by CheckNamedValue.)
func newPreparedConn(conn driver.Conn, size int) (*preparedConn, error) {
	c := &preparedConn{conn: conn, size: size, byText: map[string]*list.Element{}, seed: maphash.MakeSeed()}
	var ok [7]bool
	c.begin, ok[0] = conn.(driver.ConnBeginTx)
	c.prepare, ok[1] = conn.(driver.ConnPrepareContext)
	c.exec, ok[2] = conn.(driver.ExecerContext)
	c.query, ok[3] = conn.(driver.QueryerContext)
	c.ping, ok[4] = conn.(driver.Pinger)
	c.reset, ok[5] = conn.(driver.SessionResetter)
	c.validate, ok[6] = conn.(driver.Validator)
	for _, has := range ok {
		if !has {
			conn.Close()
			return nil, errors.New("database: the driver's connection lacks an interface the statement cache forwards")
		}
	}
	return c, nil
}

// Unwrap gives the driver's own connection (the SQLite driver's helpers
// look through wrappers with it).
func (c *preparedConn) Unwrap() driver.Conn { return c.conn }

func (c *preparedConn) Prepare(query string) (driver.Stmt, error) { return c.conn.Prepare(query) }

// Begin is driver.Conn's; database/sql calls BeginTx.
func (c *preparedConn) Begin() (driver.Tx, error) { return c.conn.Begin() } //nolint:staticcheck // part of driver.Conn

func (c *preparedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.begin.BeginTx(ctx, opts)
}

func (c *preparedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.prepare.PrepareContext(ctx, query)
}

func (c *preparedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.exec.ExecContext(ctx, query, args)
}

// CheckNamedValue converts an argument the driver's way where it has one
// (MySQL's: JSON, unsigned integers), and database/sql's otherwise.
func (c *preparedConn) CheckNamedValue(v *driver.NamedValue) error {
	if checker, ok := c.conn.(driver.NamedValueChecker); ok {
		return checker.CheckNamedValue(v)
	}
	return driver.ErrSkip
}

func (c *preparedConn) Ping(ctx context.Context) error         { return c.ping.Ping(ctx) }
func (c *preparedConn) ResetSession(ctx context.Context) error { return c.reset.ResetSession(ctx) }
func (c *preparedConn) IsValid() bool                          { return c.validate.IsValid() }

// QueryContext runs the query on its kept statement, preparing and keeping
// it first if needed. A query whose kept statement still has open rows (a
// transaction reading while it iterates) runs unkept.
func (c *preparedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	// INSERT … RETURNING is not kept: bulk inserts of every size would
	// crowd the reads out.
	if !isRead(query) || c.unprepared.Load() {
		return c.query.QueryContext(ctx, query, args)
	}
	ps, found := c.lookup(query)
	if found && ps == nil {
		return c.query.QueryContext(ctx, query, args)
	}
	if !found {
		if c.secondUse && c.firstSighting(query) {
			return c.query.QueryContext(ctx, query, args)
		}
		stmt, err := c.prepare.PrepareContext(ctx, query)
		if err != nil {
			// A query that is wrong fails again as text, with its own
			// error; a server out of prepared statements (MySQL's
			// max_prepared_stmt_count counts every client's) still
			// answers it.
			if c.exhausted != nil && c.exhausted(err) {
				c.stopPreparing(ctx, err)
			}
			return c.query.QueryContext(ctx, query, args)
		}
		q, ok := stmt.(driver.StmtQueryContext)
		if !ok {
			stmt.Close()
			return c.query.QueryContext(ctx, query, args)
		}
		ps = &preparedStmt{text: query, stmt: stmt, query: q, busy: true}
		c.keep(ps)
	}
	rows, err := ps.query.QueryContext(ctx, args)
	if err != nil {
		c.release(ps, true)
		return nil, err
	}
	return &preparedRows{Rows: rows, conn: c, stmt: ps}, nil
}

// firstSighting reports whether the connection sees the text for the first
// time lately, and remembers it if so.
func (c *preparedConn) firstSighting(text string) bool {
	h := maphash.String(c.seed, text)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, seen := c.seen[h]; seen {
		delete(c.seen, h)
		return false
	}
	if c.seen == nil || len(c.seen) >= 4*c.size {
		c.seen = map[uint64]struct{}{}
	}
	c.seen[h] = struct{}{}
	return true
}

// stopPreparing makes the connection send its queries as text until it is
// replaced (the pool replaces connections after a few minutes), and gives
// the server back the statements it kept.
func (c *preparedConn) stopPreparing(ctx context.Context, err error) {
	if c.unprepared.Swap(true) {
		return
	}
	slog.WarnContext(ctx, "database: the server has no prepared statements left; a connection sends its queries as text", "err", err)
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.recent.Len() > 0 {
		c.evict(c.recent.Back())
	}
}

// lookup finds the kept statement of a query text and marks it busy. found
// with a nil statement means it is kept but busy.
func (c *preparedConn) lookup(text string) (ps *preparedStmt, found bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byText[text]
	if !ok {
		return nil, false
	}
	ps = e.Value.(*preparedStmt)
	if ps.busy {
		return nil, true
	}
	ps.busy = true
	c.recent.MoveToFront(e)
	return ps, true
}

// keep adds a busy statement, evicting the least recently used one.
func (c *preparedConn) keep(ps *preparedStmt) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prepared++
	c.byText[ps.text] = c.recent.PushFront(ps)
	for c.recent.Len() > c.size {
		c.evict(c.recent.Back())
	}
}

func (c *preparedConn) evict(e *list.Element) {
	ps := c.recent.Remove(e).(*preparedStmt)
	delete(c.byText, ps.text)
	if ps.busy {
		ps.evicted = true
		return
	}
	ps.stmt.Close()
}

// release marks a statement free again; failed drops it, since a statement
// whose query failed is not trusted to run again.
func (c *preparedConn) release(ps *preparedStmt, failed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ps.busy = false
	if ps.evicted {
		ps.stmt.Close()
		return
	}
	if failed {
		if e, ok := c.byText[ps.text]; ok && e.Value == ps {
			c.evict(e)
		}
	}
}

func (c *preparedConn) Close() error {
	c.mu.Lock()
	for c.recent.Len() > 0 {
		c.evict(c.recent.Back())
	}
	c.mu.Unlock()
	return c.conn.Close()
}

// preparedRows frees its statement for the next query when closed, and
// passes on the column type information the driver gives.
type preparedRows struct {
	driver.Rows
	conn   *preparedConn
	stmt   *preparedStmt
	closed bool
}

func (r *preparedRows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	err := r.Rows.Close()
	r.conn.release(r.stmt, err != nil)
	return err
}

func (r *preparedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *preparedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *preparedRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *preparedRows) ColumnTypeLength(i int) (length int64, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *preparedRows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}
