// Package apitest runs the real HTTP handler (server.New) over a fresh test
// database and speaks GraphQL to it the way a client does, so tests assert
// what a user sees: data, error codes, and the SQL it cost.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/ratelimit"
	"github.com/claco/claco/internal/requestid"
	"github.com/claco/claco/internal/server"
	"github.com/claco/claco/internal/testdb"
)

// Today is the day tests run on, whatever the calendar says: 2026-11-24 in Korea.
var Today = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// Now is the instant tests run at (10:00 in Korea on Today).
var Now = time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)

// API is a running server under test.
type API struct {
	t      testing.TB
	DB     *database.DB
	Server *server.Server
	Config config.Config
	logs   *syncBuffer
}

// Option changes how the server under test is built.
type Option func(*server.Deps)

// WithConfig changes the configuration (from the dev defaults).
func WithConfig(change func(*config.Config)) Option {
	return func(d *server.Deps) { change(&d.Config) }
}

// WithDevLogin turns the devLogin mutation on.
func WithDevLogin() Option {
	return WithConfig(func(c *config.Config) { c.DevLogin = true })
}

// New starts a server over a fresh database.
func New(t testing.TB, opts ...Option) *API {
	t.Helper()
	db := testdb.Open(t)
	return NewOver(t, db, opts...)
}

// NewOver starts a server over an existing test database.
func NewOver(t testing.TB, db *database.DB, opts ...Option) *API {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.UploadDir = t.TempDir()
	cfg.JWTSecret = "test-secret-of-at-least-32-bytes!"
	// Tests send many requests from one address and member; the rate-limit
	// tests turn the limits on.
	cfg.RateLimitIP, cfg.RateLimitMember = ratelimit.Rate{}, ratelimit.Rate{}
	logs := &syncBuffer{}
	d := server.Deps{
		Config: cfg,
		DB:     db,
		Logger: slog.New(requestid.LogHandler{Handler: slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})}),
		Now:    func() time.Time { return Now },
	}
	for _, o := range opts {
		o(&d)
	}
	srv, err := server.New(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return &API{t: t, DB: db, Server: srv, Config: d.Config, logs: logs}
}

// Logs returns everything the server logged so far.
func (a *API) Logs() string { return a.logs.String() }

// Request is one GraphQL request.
type Request struct {
	Query     string
	Variables map[string]any
	// Token is sent as a Bearer access token when set.
	Token string
	// Header adds request headers.
	Header http.Header
}

// Response is a GraphQL response.
type Response struct {
	Status int
	Header http.Header
	Data   json.RawMessage `json:"data"`
	Errors []Error         `json:"errors"`
}

// Error is a GraphQL error.
type Error struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code is the error's extensions.code.
func (e Error) Code() string { s, _ := e.Extensions["code"].(string); return s }

// Field is the error's extensions.field.
func (e Error) Field() string { s, _ := e.Extensions["field"].(string); return s }

// Query posts a query and returns the response.
func (a *API) Query(query string, vars map[string]any) *Response {
	a.t.Helper()
	return a.Do(Request{Query: query, Variables: vars})
}

// Do posts a request to /query.
func (a *API) Do(r Request) *Response {
	a.t.Helper()
	body, err := json.Marshal(map[string]any{"query": r.Query, "variables": r.Variables})
	if err != nil {
		a.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, vs := range r.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	return a.Serve(req)
}

// Serve sends any HTTP request to the public handler and decodes a GraphQL response.
func (a *API) Serve(req *http.Request) *Response {
	a.t.Helper()
	rec := httptest.NewRecorder()
	a.Server.Handler().ServeHTTP(rec, req)
	res := &Response{Status: rec.Code, Header: rec.Header()}
	if err := json.Unmarshal(rec.Body.Bytes(), res); err != nil {
		a.t.Fatalf("response is not GraphQL JSON (status %d): %v\n%s", rec.Code, err, rec.Body.String())
	}
	return res
}

// Get sends a GET to the public handler and returns the recorded response.
func (a *API) Get(path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	a.Server.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

// MustData fails the test on any error and decodes data into v.
func (r *Response) MustData(t testing.TB, v any) {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decode data: %v\n%s", err, r.Data)
	}
}

// MustFail fails the test unless the response has exactly one error with the
// code (and, if field is not empty, that extensions.field); it returns it.
func (r *Response) MustFail(t testing.TB, code, field string) Error {
	t.Helper()
	if len(r.Errors) != 1 {
		t.Fatalf("want one %s error, got %+v (data %s)", code, r.Errors, r.Data)
	}
	e := r.Errors[0]
	if e.Code() != code || (field != "" && e.Field() != field) {
		t.Fatalf("want %s on %q, got %s on %q: %s", code, field, e.Code(), e.Field(), e.Message)
	}
	return e
}

// Statements returns how many SQL statements fn caused.
func (a *API) Statements(fn func()) int64 {
	before := a.DB.Statements()
	fn()
	return a.DB.Statements() - before
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
