package ratelimit

import (
	"context"
	"strconv"
	"testing"
	"time"
)

func TestMemoryForgetsIdleKeys(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	m := NewMemory(Rate{Limit: 2, Period: time.Minute}, WithClock(func() time.Time { return now })).(*memory)
	ctx := context.Background()
	for i := range 500 {
		m.Allow(ctx, "idle-"+strconv.Itoa(i))
	}
	if m.size() != 500 {
		t.Fatalf("remembers %d keys, want 500", m.size())
	}
	// Just under a period later they may still hold spent budget: kept.
	now = now.Add(time.Minute - time.Nanosecond)
	m.Allow(ctx, "fresh")
	if m.size() != 501 {
		t.Fatalf("forgot keys before a period passed: %d left", m.size())
	}
	// A period after they were last seen their budgets are full: forgotten.
	now = now.Add(time.Nanosecond)
	m.Allow(ctx, "fresh")
	if m.size() != 1 {
		t.Fatalf("remembers %d keys after they idled a period, want 1", m.size())
	}
}

func TestMemoryStaysBoundedUnderAFlood(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	m := NewMemory(Rate{Limit: 1, Period: time.Hour}, WithClock(func() time.Time { return now }), WithMaxKeys(100)).(*memory)
	ctx := context.Background()
	// The victim is out of budget and keeps coming back.
	m.Allow(ctx, "victim")
	for i := range 100_000 {
		now = now.Add(time.Microsecond)
		if d, _ := m.Allow(ctx, "flood-"+strconv.Itoa(i)); !d.Allowed {
			t.Fatalf("flood key %d refused: each is new", i)
		}
		if i%50 == 0 {
			if d, _ := m.Allow(ctx, "victim"); d.Allowed {
				t.Fatalf("a key seen recently was forgotten (after %d flood keys)", i)
			}
		}
		if m.size() > 100 {
			t.Fatalf("remembers %d keys, bound is 100", m.size())
		}
	}
	if len(m.keys) != m.lru.Len() {
		t.Fatalf("map has %d keys, list %d", len(m.keys), m.lru.Len())
	}
}

func TestGCRAMatchesRedisRateArithmetic(t *testing.T) {
	// redis_rate returns remaining = floor((now - allowAt) / interval) and
	// retry_after = allowAt - now; check the same numbers for 5/m.
	g := newGCRA(Rate{Limit: 5, Period: time.Minute})
	var tat time.Duration
	var d Decision
	for i := range 5 {
		d, tat = g.allow(0, tat)
		if !d.Allowed || d.Remaining != 4-i {
			t.Fatalf("request %d: %+v", i+1, d)
		}
	}
	if d, _ = g.allow(0, tat); d.Allowed || d.RetryAfter != 12*time.Second {
		t.Fatalf("request 6: %+v", d)
	}
	if tat != time.Minute {
		t.Fatalf("tat after the burst is %s, want 1m", tat)
	}
}
