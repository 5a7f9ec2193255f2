package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// server answers /healthz with h and counts the requests it got.
func server(t *testing.T, h http.HandlerFunc) (addr string, hits *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.URL.Path != healthPath || r.Method != http.MethodGet {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String(), &n
}

func healthcheck(t *testing.T, env map[string]string, args ...string) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, &stderr)
	return code, stderr.String()
}

func TestHealthyServerExitsZero(t *testing.T) {
	addr, hits := server(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	_, port, _ := net.SplitHostPort(addr)
	// CLACO_ADDR as the image sets it (every interface) is asked on the loopback.
	for _, claco := range []string{":" + port, "0.0.0.0:" + port, addr} {
		if code, stderr := healthcheck(t, map[string]string{"CLACO_ADDR": claco}); code != exitHealthy {
			t.Errorf("CLACO_ADDR=%s: exit %d, want 0 (%s)", claco, code, stderr)
		}
	}
	if hits.Load() != 3 {
		t.Fatalf("the server got %d requests, want 3", hits.Load())
	}
}

func TestUnhealthyAnswersExitOne(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"503":      func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) },
		"500":      func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusInternalServerError) },
		"redirect": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/elsewhere", http.StatusFound) },
	} {
		t.Run(name, func(t *testing.T) {
			addr, _ := server(t, h)
			code, stderr := healthcheck(t, map[string]string{"CLACO_ADDR": addr})
			if code != exitUnhealthy || !strings.Contains(stderr, "healthz") {
				t.Fatalf("exit %d, stderr %q; want 1 naming the URL", code, stderr)
			}
		})
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	release := make(chan struct{})
	addr, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	start := time.Now()
	code, stderr := healthcheck(t, nil, "-url", "http://"+addr+healthPath, "-timeout", "200ms")
	if code != exitUnhealthy || !strings.Contains(stderr, "no answer within") {
		t.Fatalf("exit %d, stderr %q; want 1 and a timeout", code, stderr)
	}
	if elapsed := time.Since(start); elapsed > 1500*time.Millisecond {
		t.Fatalf("gave up after %v, want about 200ms", elapsed)
	}
}

func TestNothingListeningExitsOne(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	if code, stderr := healthcheck(t, map[string]string{"CLACO_ADDR": addr}); code != exitUnhealthy {
		t.Fatalf("exit %d, want 1 (%s)", code, stderr)
	}
}

// The default timeout is the two seconds the image's HEALTHCHECK relies on.
func TestDefaults(t *testing.T) {
	if defaultTimeout != 2*time.Second {
		t.Fatalf("default timeout %v, want 2s", defaultTimeout)
	}
	for addr, want := range map[string]string{
		"":               "http://127.0.0.1:8080/healthz",
		":8080":          "http://127.0.0.1:8080/healthz",
		"0.0.0.0:9000":   "http://127.0.0.1:9000/healthz",
		"[::]:8081":      "http://127.0.0.1:8081/healthz",
		"10.0.0.5:8080":  "http://10.0.0.5:8080/healthz",
		"[::1]:8080":     "http://[::1]:8080/healthz",
		" :8080 ":        "http://127.0.0.1:8080/healthz",
		"localhost:7000": "http://localhost:7000/healthz",
	} {
		got, err := healthURL(addr)
		if err != nil || got != want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
}

func TestWrongCommandLineOrAddressExitsTwo(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
	}{
		{map[string]string{"CLACO_ADDR": "8080"}, nil},
		{map[string]string{"CLACO_ADDR": ":0"}, nil},
		{nil, []string{"extra"}},
		{nil, []string{"-timeout", "0s"}},
		{nil, []string{"-nope"}},
	} {
		if code, _ := healthcheck(t, c.env, c.args...); code != exitUsage {
			t.Errorf("env %v args %v: exit %d, want 2", c.env, c.args, code)
		}
	}
}
