package server

import (
	"net/http"
	"strconv"

	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/ratelimit"
)

// rateLimits returns the per-address limit, which runs before the session
// check (that costs a query), and the per-member one, which needs it. With
// CLACO_REDIS_URL the budgets are shared by every instance.
func (s *Server) rateLimits() (perIP, perMember func(http.Handler) http.Handler, err error) {
	cfg := s.deps.Config
	if cfg.RedisURL != "" {
		if s.redis, err = ratelimit.Open(cfg.RedisURL); err != nil {
			return nil, nil, err
		}
	}
	perIP = ratelimit.Middleware(ratelimit.Options{
		IP:      ratelimit.New(cfg.RateLimitIP, s.redis, "claco:rl:ip:"),
		Trusted: cfg.TrustedProxies,
		Reject:  ratelimit.DefaultReject,
		Logger:  s.log,
	})
	perMember = ratelimit.Middleware(ratelimit.Options{
		Member: ratelimit.New(cfg.RateLimitMember, s.redis, "claco:rl:member:"),
		MemberOf: func(r *http.Request) (string, bool) {
			p, ok := auth.PrincipalFrom(r.Context())
			return strconv.Itoa(p.MemberID), ok
		},
		Reject: ratelimit.DefaultReject,
		Logger: s.log,
	})
	return perIP, perMember, nil
}
