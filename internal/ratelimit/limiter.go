package ratelimit

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limiter spends one request from key's budget.
type Limiter interface {
	// Allow reports whether one more request for key fits its budget. An
	// error never means "refuse": a store that cannot answer allows the
	// request and returns the error for the caller to log.
	Allow(ctx context.Context, key string) (Decision, error)
}

// Decision is a Limiter's answer.
type Decision struct {
	Allowed bool
	// RetryAfter is how long until the next request for the key would be
	// allowed; zero when this one was.
	RetryAfter time.Duration
	// Remaining is how many more requests the key may make right now, or
	// -1 when unknown or unlimited (a limit that is off, or a store that
	// failed open).
	Remaining int
}

// Option tunes a limiter; each constructor ignores options that are not
// about its store.
type Option func(*options)

type options struct {
	now      func() time.Time
	maxKeys  int
	timeout  time.Duration
	cooldown time.Duration
}

// Defaults for the options.
const (
	// DefaultMaxKeys bounds the memory store: at roughly 150 bytes a key,
	// 100 000 keys is about 15 MB however many addresses a flood uses.
	DefaultMaxKeys = 100_000
	// DefaultTimeout is how long a request waits on Redis before it fails
	// open; it is the most a limiter can add to a request's latency.
	DefaultTimeout = 100 * time.Millisecond
	// DefaultCooldown is how long the Redis store stops asking Redis after
	// a failure, so that a dead Redis costs one timeout (and one log line)
	// per cooldown instead of one per request.
	DefaultCooldown = time.Second
)

func newOptions(opts []Option) options {
	o := options{now: time.Now, maxKeys: DefaultMaxKeys, timeout: DefaultTimeout, cooldown: DefaultCooldown}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithClock replaces time.Now, so that tests move time by hand instead of
// sleeping. In the Redis store it only times the cooldown: Redis keeps its
// own clock.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithMaxKeys bounds how many keys the memory store remembers (DefaultMaxKeys
// when n <= 0).
func WithMaxKeys(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxKeys = n
		}
	}
}

// WithTimeout bounds each Redis call (DefaultTimeout when d <= 0).
func WithTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.timeout = d
		}
	}
}

// New is what a server wires from configuration: nil when rate is off (the
// middleware then skips that limit), the Redis store when client is not nil,
// else the memory store. prefix names the limit in Redis, e.g. "claco:ip:".
func New(rate Rate, client *redis.Client, prefix string, opts ...Option) Limiter {
	switch {
	case !rate.Enabled():
		return nil
	case client != nil:
		return NewRedis(client, rate, prefix, opts...)
	default:
		return NewMemory(rate, opts...)
	}
}

// unlimited is the store for a Rate that is off.
type unlimited struct{}

func (unlimited) Allow(context.Context, string) (Decision, error) {
	return Decision{Allowed: true, Remaining: -1}, nil
}
