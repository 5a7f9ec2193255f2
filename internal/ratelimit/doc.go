// Package ratelimit owns Claco's request rate limits: how a limit is written
// in configuration ("20/s", "600/m", "off"), who a request is charged to (the
// client IP, believed from X-Forwarded-For only through trusted proxies, and
// the signed-in member), where the budgets live, and the HTTP middleware that
// refuses a request over budget with Retry-After.
//
// It exists so that one client, or one stolen token spread over many
// addresses, cannot exhaust the API for everyone else.
//
// Budgets live in memory by default, which is right for a single instance.
// When several instances serve the same traffic they must share one budget,
// or a client gets N times its limit behind a load balancer, so NewRedis
// keeps them in Redis instead. Both stores run the same algorithm, GCRA
// (generic cell rate algorithm): a key may spend a burst of Rate.Limit
// requests at once, and its budget refills evenly, one request every
// Period/Limit.
//
// A limiter must never take the API down: when Redis is slow or unreachable
// the Redis store allows the request and returns the error for logging
// (it fails open).
package ratelimit
