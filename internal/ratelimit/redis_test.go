package ratelimit_test

import (
	"cmp"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/claco/claco/internal/ratelimit"
)

// testRedisURL is the Redis the tests use: the machine's own, which CI starts.
func testRedisURL() string {
	return cmp.Or(os.Getenv("CLACO_TEST_REDIS_URL"), "redis://127.0.0.1:6379/0")
}

// redisClient opens a new client to the test Redis, as a separate server
// instance would. Without Redis the test skips, except in CI, where Redis is
// part of the machine and its absence is a failure.
func redisClient(t *testing.T) *redis.Client {
	t.Helper()
	url := testRedisURL()
	client, err := ratelimit.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := client.Ping(ctx).Err(); err != nil {
		client.Close()
		if os.Getenv("CI") == "true" {
			t.Fatalf("Redis at %s is not reachable (%v); CI must start it before the tests (redis-server on 127.0.0.1:6379)", url, err)
		}
		t.Skipf("Redis at %s is not reachable (%v); start redis-server or set CLACO_TEST_REDIS_URL", url, err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// testPrefix keeps each test's keys apart from other tests and other runs,
// and deletes them afterwards.
func testPrefix(t *testing.T, client *redis.Client) string {
	prefix := "claco-test:" + t.Name() + ":" + rand.Text()[:8] + ":"
	t.Cleanup(func() {
		ctx := context.Background()
		keys, _ := client.Keys(ctx, "rate:"+prefix+"*").Result()
		if len(keys) > 0 {
			client.Del(ctx, keys...)
		}
	})
	return prefix
}

func TestRedisInstancesShareOneBudget(t *testing.T) {
	clientA, clientB := redisClient(t), redisClient(t)
	prefix := testPrefix(t, clientA)
	// A minute-long period: nothing refills while the test runs.
	rate := mustRate(t, "5/m")
	a := ratelimit.NewRedis(clientA, rate, prefix)
	b := ratelimit.NewRedis(clientB, rate, prefix)

	remaining := 4
	for i, l := range []ratelimit.Limiter{a, a, a, b, b} {
		d, err := l.Allow(context.Background(), "203.0.113.5")
		if err != nil {
			t.Fatal(err)
		}
		if !d.Allowed || d.Remaining != remaining {
			t.Fatalf("request %d: %+v, want allowed with %d remaining", i+1, d, remaining)
		}
		remaining--
	}
	for name, l := range map[string]ratelimit.Limiter{"A": a, "B": b} {
		d, err := l.Allow(context.Background(), "203.0.113.5")
		if err != nil {
			t.Fatal(err)
		}
		// One request refills every 12s; a little of that has passed.
		if d.Allowed || d.RetryAfter <= 10*time.Second || d.RetryAfter > 12*time.Second {
			t.Errorf("6th request on %s: %+v, want refused for just under 12s", name, d)
		}
	}
	// Another key, and another prefix, have their own budgets.
	if d, err := b.Allow(context.Background(), "203.0.113.6"); err != nil || !d.Allowed {
		t.Errorf("another key: %+v, %v", d, err)
	}
	other := ratelimit.NewRedis(clientA, rate, prefix+"member:")
	if d, err := other.Allow(context.Background(), "203.0.113.5"); err != nil || !d.Allowed {
		t.Errorf("another prefix: %+v, %v", d, err)
	}
}

func TestRedisAndMemoryAgree(t *testing.T) {
	client := redisClient(t)
	rate := mustRate(t, "4/h")
	stores := map[string]ratelimit.Limiter{
		"memory": ratelimit.NewMemory(rate, ratelimit.WithClock(newClock().Now)),
		"redis":  ratelimit.NewRedis(client, rate, testPrefix(t, client)),
	}
	var answers [2][]string
	for i, name := range []string{"memory", "redis"} {
		for _, d := range spend(t, stores[name], "k", 6) {
			// Redis's clock moves during the test, so compare waits to the second.
			answers[i] = append(answers[i], fmt.Sprintf("%v/%d/%s", d.Allowed, d.Remaining, d.RetryAfter.Round(time.Second)))
		}
	}
	if strings.Join(answers[0], " ") != strings.Join(answers[1], " ") {
		t.Errorf("memory and Redis disagree:\nmemory %v\nredis  %v", answers[0], answers[1])
	}
}

func TestRedisIsExactUnderConcurrency(t *testing.T) {
	clientA, clientB := redisClient(t), redisClient(t)
	prefix := testPrefix(t, clientA)
	rate := mustRate(t, "10/m")
	limiters := []ratelimit.Limiter{ratelimit.NewRedis(clientA, rate, prefix), ratelimit.NewRedis(clientB, rate, prefix)}
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			for range 5 {
				d, err := limiters[i%2].Allow(context.Background(), "k")
				if err != nil {
					t.Error(err)
					return
				}
				if d.Allowed {
					allowed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if allowed.Load() != 10 {
		t.Errorf("%d of 100 requests over two instances allowed, want 10", allowed.Load())
	}
}

func TestRedisFailsOpenWhenUnreachable(t *testing.T) {
	// Nothing listens on port 1: connections are refused at once.
	client, err := ratelimit.Open("redis://127.0.0.1:1/0")
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	c := newClock()
	l := ratelimit.NewRedis(client, mustRate(t, "1/m"), "claco-test:", ratelimit.WithClock(c.Now))

	for i := range 3 {
		start := time.Now()
		d, err := l.Allow(context.Background(), "k")
		if took := time.Since(start); took > time.Second {
			t.Errorf("call %d took %s; the limiter must give up after 100ms", i+1, took)
		}
		if !d.Allowed || err == nil {
			t.Fatalf("call %d: %+v, %v; want allowed with an error", i+1, d, err)
		}
		// The first failure is reported as itself; then Redis is left alone
		// for the cooldown.
		if cooling := errors.Is(err, ratelimit.ErrUnavailable); cooling != (i > 0) {
			t.Errorf("call %d: %v", i+1, err)
		}
	}
	c.Advance(ratelimit.DefaultCooldown)
	if _, err := l.Allow(context.Background(), "k"); err == nil || errors.Is(err, ratelimit.ErrUnavailable) {
		t.Errorf("after the cooldown Redis was not asked again: %v", err)
	}
}

func TestRedisGivesUpOnASilentServer(t *testing.T) {
	// A server that accepts connections and never answers, as a Redis behind
	// a dead link looks. The client is built by hand with go-redis's default
	// 3s read timeout, which ignores context deadlines: the limiter must
	// still answer after its own timeout.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
		}
	}()
	defer func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	}()
	client := redis.NewClient(&redis.Options{Addr: ln.Addr().String()})
	defer client.Close()
	l := ratelimit.NewRedis(client, mustRate(t, "1/m"), "claco-test:", ratelimit.WithTimeout(100*time.Millisecond))

	start := time.Now()
	d, err := l.Allow(context.Background(), "k")
	took := time.Since(start)
	if !d.Allowed || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %+v, %v; want allowed with a deadline error", d, err)
	}
	if took > 2*time.Second {
		t.Errorf("took %s; the client's 3s timeout, not the limiter's 100ms, decided", took)
	}
}

func TestRedisCanceledRequestDoesNotTripTheCooldown(t *testing.T) {
	client, _ := ratelimit.Open("redis://127.0.0.1:1/0")
	defer client.Close()
	l := ratelimit.NewRedis(client, mustRate(t, "1/m"), "claco-test:")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if d, err := l.Allow(ctx, "k"); !d.Allowed || err == nil {
		t.Fatalf("canceled: %+v, %v", d, err)
	}
	if _, err := l.Allow(context.Background(), "k"); errors.Is(err, ratelimit.ErrUnavailable) {
		t.Error("a client that went away put the store in cooldown")
	}
}

func TestOpen(t *testing.T) {
	client, err := ratelimit.Open("redis://:s3cret@127.0.0.1:6379/2?dial_timeout=3s")
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	opt := client.Options()
	if !opt.ContextTimeoutEnabled || opt.DB != 2 || opt.DialTimeout != 3*time.Second || opt.ReadTimeout != 500*time.Millisecond {
		t.Errorf("options %+v", opt)
	}
	for _, bad := range []string{"http://127.0.0.1:6379", "redis://:s3cret@127.0.0.1:6379/x", "redis://:s3cret@[::1:6379/0"} {
		_, err := ratelimit.Open(bad)
		if err == nil {
			t.Errorf("Open(%q) took it", bad)
		} else if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open's error shows the password: %v", err)
		}
	}
}
