package ratelimit_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claco/claco/internal/ratelimit"
)

// spend asks l n times for key and returns the decisions.
func spend(t *testing.T, l ratelimit.Limiter, key string, n int) []ratelimit.Decision {
	t.Helper()
	out := make([]ratelimit.Decision, n)
	for i := range out {
		d, err := l.Allow(context.Background(), key)
		if err != nil {
			t.Fatalf("Allow(%q) #%d: %v", key, i+1, err)
		}
		out[i] = d
	}
	return out
}

func TestMemoryBurstThenRefusal(t *testing.T) {
	c := newClock()
	l := ratelimit.NewMemory(mustRate(t, "5/m"), ratelimit.WithClock(c.Now))
	ds := spend(t, l, "k", 6)
	for i, d := range ds[:5] {
		if want := (ratelimit.Decision{Allowed: true, Remaining: 4 - i}); d != want {
			t.Errorf("request %d: %+v, want %+v", i+1, d, want)
		}
	}
	// One request refills every 60s/5 = 12s; none has refilled yet.
	if want := (ratelimit.Decision{RetryAfter: 12 * time.Second}); ds[5] != want {
		t.Errorf("request 6: %+v, want %+v", ds[5], want)
	}
	// Refusals do not push the wait further out.
	c.Advance(2 * time.Second)
	if d := spend(t, l, "k", 1)[0]; d.Allowed || d.RetryAfter != 10*time.Second {
		t.Errorf("after 2s: %+v, want refused for 10s", d)
	}
}

func TestMemoryRefillsEvenlyOverThePeriod(t *testing.T) {
	c := newClock()
	l := ratelimit.NewMemory(mustRate(t, "3000/h"), ratelimit.WithClock(c.Now))
	spend(t, l, "k", 3000)
	if spend(t, l, "k", 1)[0].Allowed {
		t.Fatal("request 3001 in the same instant was allowed")
	}
	// 3000/h refills one request every 1.2s, exactly.
	c.Advance(1200*time.Millisecond - time.Nanosecond)
	if d := spend(t, l, "k", 1)[0]; d.Allowed || d.RetryAfter != time.Nanosecond {
		t.Fatalf("1ns before the refill: %+v", d)
	}
	c.Advance(time.Nanosecond)
	if d := spend(t, l, "k", 2); !d[0].Allowed || d[0].Remaining != 0 || d[1].Allowed {
		t.Fatalf("at the refill: %+v, want exactly one allowed", d)
	}
	// After a whole period the full burst is back, and no more.
	c.Advance(time.Hour)
	ds := spend(t, l, "k", 3001)
	if !ds[2999].Allowed || ds[3000].Allowed {
		t.Fatalf("after an hour: request 3000 allowed=%v, 3001 allowed=%v", ds[2999].Allowed, ds[3000].Allowed)
	}
}

func TestMemoryKeysHaveTheirOwnBudgets(t *testing.T) {
	l := ratelimit.NewMemory(mustRate(t, "2/m"), ratelimit.WithClock(newClock().Now))
	spend(t, l, "a", 2)
	if spend(t, l, "a", 1)[0].Allowed {
		t.Error("a is over budget but was allowed")
	}
	if d := spend(t, l, "b", 1)[0]; !d.Allowed || d.Remaining != 1 {
		t.Errorf("b was charged for a: %+v", d)
	}
}

func TestOffAllowsEverything(t *testing.T) {
	off := mustRate(t, "off")
	for name, l := range map[string]ratelimit.Limiter{
		"memory": ratelimit.NewMemory(off),
		"redis":  ratelimit.NewRedis(nil, off, "unused:"), // never touches its client
	} {
		for _, d := range spend(t, l, "k", 1000) {
			if d != (ratelimit.Decision{Allowed: true, Remaining: -1}) {
				t.Fatalf("%s: %+v", name, d)
			}
		}
	}
	if ratelimit.New(off, nil, "x:") != nil {
		t.Error("New(off) is not nil: the middleware would still call it")
	}
	if ratelimit.New(mustRate(t, "1/s"), nil, "x:") == nil {
		t.Error("New(1/s) without Redis is nil")
	}
}

func TestMemoryIsExactUnderConcurrency(t *testing.T) {
	l := ratelimit.NewMemory(mustRate(t, "50/h"), ratelimit.WithClock(newClock().Now))
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if d, _ := l.Allow(context.Background(), "k"); d.Allowed {
					allowed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if allowed.Load() != 50 {
		t.Errorf("%d of 800 concurrent requests allowed, want 50", allowed.Load())
	}
}

func TestTooFastARatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewMemory took a rate faster than one request a nanosecond")
		}
	}()
	ratelimit.NewMemory(ratelimit.Rate{Limit: 10, Period: time.Nanosecond})
}
