package kopis

import (
	"context"
	"math"
	"sync"
	"time"
)

// Limiter spaces requests evenly so that at most a given number start in any
// one-second window: request k may start no earlier than Interval after
// request k-1 was allowed to. It has no burst: a client that was idle starts
// at once, then keeps the spacing. It is safe for concurrent use; concurrent
// callers are allowed to start one after the other, in the order they asked.
type Limiter struct {
	// Interval is the least time between two permitted starts.
	Interval time.Duration
	// Now reads the clock; time.Now when nil.
	Now func() time.Time
	// Sleep is called with the permitted start of every request (also when
	// that is now) and returns when it has come, or with ctx's error. The
	// default waits on a timer. Tests inject a fake clock through Now and
	// Sleep and read the permitted times from Sleep's argument.
	Sleep func(ctx context.Context, until time.Time) error

	mu   sync.Mutex
	next time.Time // the earliest the next request may start
}

// NewLimiter returns a limiter allowing at most perSecond requests in any
// second, or nil (no limit) when perSecond is 0 or less. The spacing is
// rounded up to the nanosecond, so that the bound holds exactly.
func NewLimiter(perSecond float64) *Limiter {
	if perSecond <= 0 || math.IsNaN(perSecond) || math.IsInf(perSecond, 0) {
		return nil
	}
	return &Limiter{Interval: time.Duration(math.Ceil(float64(time.Second) / perSecond))}
}

// Wait blocks until the next request may start. A nil limiter never waits.
// A request whose wait is cut short by ctx keeps its slot: the next one
// still waits its turn.
func (l *Limiter) Wait(ctx context.Context) error {
	if l == nil {
		return ctx.Err()
	}
	l.mu.Lock()
	now := l.now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(l.Interval)
	l.mu.Unlock()
	if l.Sleep != nil {
		return l.Sleep(ctx, at)
	}
	return sleepUntil(ctx, at, now)
}

func (l *Limiter) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// sleepUntil waits on a timer until at (read against now).
func sleepUntil(ctx context.Context, at, now time.Time) error {
	d := at.Sub(now)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
