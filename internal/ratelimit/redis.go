package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// ErrUnavailable is returned, with an allowed Decision, while the Redis store
// is cooling down after a failure and does not ask Redis. The failure itself
// was returned (and should have been logged) once, by the call that met it.
var ErrUnavailable = errors.New("ratelimit: redis unavailable; allowing requests")

// redisStore keeps budgets in Redis through redis_rate, which runs GCRA in a
// Lua script on Redis's own clock: every instance that uses the same Redis
// and prefix shares one budget, and server clocks need not agree.
type redisStore struct {
	limiter  *redis_rate.Limiter
	limit    redis_rate.Limit
	prefix   string
	timeout  time.Duration
	cooldown time.Duration
	now      func() time.Time
	// downUntil is when, in Unix nanoseconds, to ask Redis again after a
	// failure; zero while Redis answers.
	downUntil atomic.Int64
}

// NewRedis keeps budgets in Redis, so that several server instances share
// them. prefix keeps limits apart (e.g. "claco:ip:" and "claco:member:");
// redis_rate puts "rate:" before it. Each call waits at most WithTimeout
// (DefaultTimeout) and then allows the request, returning the error.
func NewRedis(client *redis.Client, rate Rate, prefix string, opts ...Option) Limiter {
	if !rate.Enabled() {
		return unlimited{}
	}
	newGCRA(rate) // panics, as NewMemory does, on a Rate too fast to enforce
	o := newOptions(opts)
	return &redisStore{
		limiter:  redis_rate.NewLimiter(client),
		limit:    redis_rate.Limit{Rate: rate.Limit, Burst: rate.Limit, Period: rate.Period},
		prefix:   prefix,
		timeout:  o.timeout,
		cooldown: DefaultCooldown,
		now:      o.now,
	}
}

// failOpen is the Decision when Redis cannot say.
var failOpen = Decision{Allowed: true, Remaining: -1}

func (s *redisStore) Allow(ctx context.Context, key string) (Decision, error) {
	if until := s.downUntil.Load(); until != 0 && s.now().UnixNano() < until {
		return failOpen, ErrUnavailable
	}
	res, err := s.call(ctx, key)
	if err != nil {
		// A request whose client went away says nothing about Redis.
		if ctx.Err() == nil {
			s.downUntil.Store(s.now().Add(s.cooldown).UnixNano())
		}
		return failOpen, fmt.Errorf("ratelimit: redis: %w", err)
	}
	if s.downUntil.Load() != 0 {
		s.downUntil.Store(0)
	}
	d := Decision{Allowed: res.Allowed > 0, Remaining: res.Remaining}
	if !d.Allowed {
		d.RetryAfter = max(res.RetryAfter, 0)
	}
	return d, nil
}

// call asks Redis, giving up after the timeout. The call runs in its own
// goroutine because a client not built by Open may ignore context deadlines
// on reads (go-redis does unless ContextTimeoutEnabled) and block for its
// ReadTimeout: the request must not wait that long. The goroutine ends when
// the client gives up.
func (s *redisStore) call(ctx context.Context, key string) (*redis_rate.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	type answer struct {
		res *redis_rate.Result
		err error
	}
	done := make(chan answer, 1)
	go func() {
		res, err := s.limiter.Allow(ctx, s.prefix+key, s.limit)
		done <- answer{res, err}
	}()
	select {
	case a := <-done:
		return a.res, a.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Open makes a Redis client from a URL such as redis://127.0.0.1:6379/0
// (rediss:// for TLS; query options such as dial_timeout are honoured). It
// does not connect: the server starts even when Redis is down, and the
// limiters fail open until it is back. Timeouts the URL leaves unset are kept
// short, because a rate limit is not worth a slow request.
func Open(redisURL string) (*redis.Client, error) {
	opt, err := redis.ParseURL(redisURL)
	if err != nil {
		// url.Parse's errors repeat the URL, which may hold a password.
		if uerr, ok := errors.AsType[*url.Error](err); ok {
			err = uerr.Err
		}
		return nil, fmt.Errorf("ratelimit: redis URL: %w", err)
	}
	opt.ContextTimeoutEnabled = true
	if opt.DialTimeout == 0 {
		opt.DialTimeout = time.Second
	}
	if opt.ReadTimeout == 0 {
		opt.ReadTimeout = 500 * time.Millisecond
	}
	if opt.WriteTimeout == 0 {
		opt.WriteTimeout = 500 * time.Millisecond
	}
	return redis.NewClient(opt), nil
}
