package kopis_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/claco/claco/internal/kopis"
	"github.com/claco/claco/internal/kopis/kopistest"
)

// testClock is a clock that moves only when the limiter waits, and records
// every permitted start.
type testClock struct {
	mu      sync.Mutex
	now     time.Time
	permits []time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Sleep(ctx context.Context, until time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.permits = append(c.permits, until)
	if until.After(c.now) {
		c.now = until
	}
	return ctx.Err()
}

// advance moves the clock on, as time passing between requests.
func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func limiter(perSecond float64) (*kopis.Limiter, *testClock) {
	clock := &testClock{now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	l := kopis.NewLimiter(perSecond)
	l.Now, l.Sleep = clock.Now, clock.Sleep
	return l, clock
}

func offsets(times []time.Time) []time.Duration {
	out := make([]time.Duration, len(times))
	for i, t := range times {
		out[i] = t.Sub(times[0])
	}
	return out
}

func TestNewLimiter(t *testing.T) {
	for _, r := range []float64{0, -1} {
		if l := kopis.NewLimiter(r); l != nil {
			t.Errorf("NewLimiter(%v) = %+v, want nil (no limit)", r, l)
		}
	}
	if err := (*kopis.Limiter)(nil).Wait(context.Background()); err != nil {
		t.Errorf("nil limiter: %v", err)
	}
	for r, want := range map[float64]time.Duration{5: 200 * time.Millisecond, 0.5: 2 * time.Second, 3: 333333334} {
		if got := kopis.NewLimiter(r).Interval; got != want {
			t.Errorf("NewLimiter(%v).Interval = %v, want %v (rounded up, so that %v requests fit a second)", r, got, want, r)
		}
	}
}

// The first request starts at once, the next ones evenly spaced; a client
// that paused starts at once again.
func TestLimiterSpacesRequests(t *testing.T) {
	l, clock := limiter(5)
	ctx := context.Background()
	for range 6 {
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	clock.advance(10 * time.Second)
	if err := l.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	ms := time.Millisecond
	want := []time.Duration{0, 200 * ms, 400 * ms, 600 * ms, 800 * ms, 1000 * ms, 11000 * ms}
	if got := offsets(clock.permits); !slices.Equal(got, want) {
		t.Fatalf("permitted at %v, want %v", got, want)
	}
}

// Concurrent callers get distinct starts, still evenly spaced.
func TestLimiterConcurrentCallers(t *testing.T) {
	l, clock := limiter(5)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if err := l.Wait(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got := offsets(slices.SortedFunc(slices.Values(clock.permits), time.Time.Compare))
	for i, d := range got {
		if d != time.Duration(i)*200*time.Millisecond {
			t.Fatalf("permitted at %v", got)
		}
	}
}

func TestLimiterCancelled(t *testing.T) {
	l := kopis.NewLimiter(1)
	ctx, cancel := context.WithCancel(context.Background())
	if err := l.Wait(ctx); err != nil { // the first one goes at once
		t.Fatal(err)
	}
	cancel()
	start := time.Now()
	if err := l.Wait(ctx); !errors.Is(err, context.Canceled) || time.Since(start) > 500*time.Millisecond {
		t.Fatalf("cancelled wait: %v after %v", err, time.Since(start))
	}
}

// The client waits for the limiter before every attempt, retries included.
func TestClientWaitsForTheLimiter(t *testing.T) {
	srv := kopistest.New(t, fixtures(t), testKey)
	var logs bytes.Buffer
	c := newClient(srv.URL, &logs)
	var clock *testClock
	c.Limiter, clock = limiter(5)
	srv.FailNext(1)
	items, err := c.List(context.Background(), kopis.CodeClassical, date(t, "2026-10-01"), date(t, "2026-10-31"))
	if err != nil || len(items) == 0 {
		t.Fatalf("list: %d items, %v", len(items), err)
	}
	if _, err := c.Detail(context.Background(), items[0].ID); err != nil {
		t.Fatal(err)
	}
	// A 503, its retry, the empty page, the detail.
	ms := time.Millisecond
	want := []time.Duration{0, 200 * ms, 400 * ms, 600 * ms}
	if got := offsets(clock.permits); len(srv.Requests()) != 4 || !slices.Equal(got, want) {
		t.Fatalf("%d requests permitted at %v, want 4 at %v", len(srv.Requests()), got, want)
	}
}
