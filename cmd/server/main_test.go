package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNewcomerRun starts the server the way the README's run command does,
// with no configuration but free ports and a temporary database file.
func TestNewcomerRun(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{
		"CLACO_ADDR":         "127.0.0.1:0",
		"CLACO_ADMIN_ADDR":   "127.0.0.1:0",
		"CLACO_DATABASE_URL": "sqlite://" + filepath.Join(dir, "claco.db"),
		"CLACO_UPLOAD_DIR":   filepath.Join(dir, "uploads"),
	}
	ctx, stop := context.WithCancel(context.Background())
	addrs := make(chan [2]net.Addr, 1)
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() {
		done <- run(ctx, func(k string) string { return env[k] }, &logs, func(public, admin net.Addr) {
			addrs <- [2]net.Addr{public, admin}
		})
	}()
	var public, admin string
	select {
	case a := <-addrs:
		public, admin = "http://"+a[0].String(), "http://"+a[1].String()
	case err := <-done:
		t.Fatalf("server stopped: %v\n%s", err, logs.String())
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}

	query := `{ concerts(first: 20, filter: {includeEnded: true}) { totalCount edges { node { title keywords { score keyword { key name } } } } } }`
	body, _ := json.Marshal(map[string]string{"query": query})
	res, err := http.Post(public+"/query", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Data struct {
			Concerts struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Title    string
						Keywords []struct{ Score float64 }
					}
				}
			}
		}
		Errors []any
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || len(out.Errors) > 0 {
		t.Fatalf("browse: %v %v", err, out.Errors)
	}
	res.Body.Close()
	if out.Data.Concerts.TotalCount != 150 || len(out.Data.Concerts.Edges) != 20 || len(out.Data.Concerts.Edges[0].Node.Keywords) == 0 {
		t.Fatalf("the demo catalogue is not there: total %d, %d edges", out.Data.Concerts.TotalCount, len(out.Data.Concerts.Edges))
	}

	for url, want := range map[string]int{public + "/readyz": 200, public + "/healthz": 200, public + "/playground": 200, public + "/metrics": 404} {
		res, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", url, res.StatusCode, want)
		}
	}
	res, err = http.Get(admin + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{"go_goroutines", "go_memstats_alloc_bytes", `claco_http_requests_total{code="200",handler="graphql",method="post"}`} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("admin /metrics lacks %s", want)
		}
	}

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not shut down")
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Fatalf("no graceful shutdown in the logs:\n%s", logs.String())
	}
}
