package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/testdb"
)

// blackhole is a TCP proxy the test controls: it forwards bytes both ways
// until told to swallow them, keeping every connection open and silent, as
// a database host that stops answering does.
type blackhole struct {
	ln       net.Listener
	upstream string
	silent   atomic.Bool
	wg       sync.WaitGroup
	mu       sync.Mutex
	conns    []net.Conn
}

func newBlackhole(t *testing.T, upstream string) *blackhole {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &blackhole{ln: ln, upstream: upstream}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(func() {
		_ = ln.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			_ = c.Close()
		}
		p.mu.Unlock()
		p.wg.Wait()
	})
	return p
}

func (p *blackhole) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.upstream)
		if err != nil {
			_ = client.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, client, server)
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pump(client, server)
		go p.pump(server, client)
	}
}

// pump copies src to dst, dropping what arrives while the proxy is silent;
// it closes both ends when either does.
func (p *blackhole) pump(src, dst net.Conn) {
	defer p.wg.Done()
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !p.silent.Load() {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if err != io.EOF {
				return
			}
			return
		}
	}
}

// When the database stops answering (connections open, no reply), signed-in
// requests end within their deadline with a contract code and give back
// their goroutines and connections; once it answers again, so does the API.
func TestBlackholedDatabase(t *testing.T) {
	if os.Getenv(testdb.MySQLEnv) == "" {
		t.Skipf("needs MariaDB: set %s", testdb.MySQLEnv)
	}
	direct, err := url.Parse(testdb.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := newBlackhole(t, direct.Host)
	viaProxy := *direct
	viaProxy.Host = proxy.ln.Addr().String()
	db := testdb.OpenAt(t, viaProxy.String())
	const deadline = time.Second
	api := apitest.NewOver(t, db, apitest.WithDevLogin(), apitest.WithConfig(func(c *config.Config) { c.RequestTimeout = deadline }))
	d := api.NewDevice("phone")
	d.DevLogin("blackhole@example.com", "")
	const query = `{ me { id email } }`
	d.Query(query, nil).MustData(t, &struct{}{})
	goroutines := runtime.NumGoroutine()

	proxy.silent.Store(true)
	const requests = 20
	var wg sync.WaitGroup
	codes := make([]string, requests)
	took := make([]time.Duration, requests)
	bodies := make([]string, requests)
	for i := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			status, body := rawQuery(api, d.Token, query)
			took[i] = time.Since(start)
			bodies[i] = string(body)
			var res apitest.Response
			if err := json.Unmarshal(body, &res); err != nil {
				codes[i] = fmt.Sprintf("status %d, not GraphQL: %q", status, body)
			} else if len(res.Errors) > 0 {
				codes[i] = res.Errors[0].Code()
			}
		}()
	}
	wg.Wait()
	for i := range requests {
		if codes[i] != "TIMEOUT" && codes[i] != "INTERNAL" {
			t.Errorf("request %d: code %q, want TIMEOUT or INTERNAL: %s", i, codes[i], bodies[i])
		}
		if took[i] > deadline+2*time.Second {
			t.Errorf("request %d took %v with a %v deadline", i, took[i], deadline)
		}
	}
	// Everything the requests held is given back (the driver closes a
	// connection whose query was cancelled).
	released := false
	for range 50 {
		if st := db.SQL.Stats(); st.InUse == 0 && runtime.NumGoroutine() <= goroutines+5 {
			released = true
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !released {
		t.Fatalf("after the outage: %d connections in use, %d goroutines (from %d)", db.SQL.Stats().InUse, runtime.NumGoroutine(), goroutines)
	}

	proxy.silent.Store(false)
	d.Query(query, nil).MustData(t, &struct{}{})
}

// rawQuery posts a query and returns the status and body, whatever they are.
func rawQuery(api *apitest.API, token, query string) (int, []byte) {
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	api.Server.Handler().ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}
