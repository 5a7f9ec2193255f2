package ratelimit

import "time"

// gcra is the generic cell rate algorithm with a burst of Rate.Limit, in
// whole nanoseconds. It is the algorithm redis_rate runs in Redis, step for
// step, so the memory store and the Redis store give the same answers.
//
// A key's whole state is its theoretical arrival time (tat): when its budget
// would be full again. A request is allowed when, after adding one interval
// to tat, tat is still no more than one Period (Limit intervals) ahead of now.
type gcra struct {
	interval time.Duration // Period / Limit: how long one request takes to refill
	burst    time.Duration // interval * Limit: how far ahead tat may run
}

func newGCRA(r Rate) gcra {
	interval := r.interval()
	return gcra{interval: interval, burst: interval * time.Duration(r.Limit)}
}

// allow decides one request at now for a key whose tat is tat (zero or in
// the past for a key with a full budget) and returns the key's new tat.
func (g gcra) allow(now, tat time.Duration) (Decision, time.Duration) {
	tat = max(tat, now)
	next := tat + g.interval
	diff := now - (next - g.burst)
	if diff < 0 {
		// Refused: tat is unchanged, so refusals cost nothing.
		return Decision{RetryAfter: -diff}, tat
	}
	return Decision{Allowed: true, Remaining: int(diff / g.interval)}, next
}
