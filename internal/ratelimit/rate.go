package ratelimit

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Defaults for CLACO_RATE_LIMIT_IP and CLACO_RATE_LIMIT_MEMBER.
//
// The IP default is the looser one because one address can be a whole
// office or a mobile carrier's NAT, and a front end fires several GraphQL
// requests per page. 50/s lets a burst of 50 through at once and sustains
// 50 a second: far above a person, well below what hurts the database.
// A member is one person, so 20/s is already generous; it catches a script
// that spreads one token over many addresses.
const (
	DefaultIP     = "50/s"
	DefaultMember = "20/s"
)

// Rate is a budget of Limit requests per Period: a burst of up to Limit at
// once, refilled evenly over Period. The zero Rate (any Limit <= 0) is off:
// it limits nothing.
type Rate struct {
	Limit  int
	Period time.Duration
}

// Enabled reports whether r limits anything.
func (r Rate) Enabled() bool { return r.Limit > 0 }

// String gives r back in the form ParseRate reads.
func (r Rate) String() string {
	if !r.Enabled() {
		return "off"
	}
	switch r.Period {
	case time.Second:
		return fmt.Sprintf("%d/s", r.Limit)
	case time.Minute:
		return fmt.Sprintf("%d/m", r.Limit)
	case time.Hour:
		return fmt.Sprintf("%d/h", r.Limit)
	}
	return fmt.Sprintf("%d/%s", r.Limit, r.Period)
}

// interval is the GCRA emission interval: how long one request takes to
// refill. It panics on a Rate that ParseRate would refuse, because only code
// (not configuration) can build one.
func (r Rate) interval() time.Duration {
	if why := r.problem(); why != "" {
		panic(fmt.Sprintf("ratelimit: rate %d per %s: %s", r.Limit, r.Period, why))
	}
	return r.Period / time.Duration(r.Limit)
}

// problem says what is wrong with an enabled Rate, or "" when nothing is.
func (r Rate) problem() string {
	switch {
	case r.Period <= 0:
		return "the period must be positive"
	case r.Period < time.Duration(r.Limit):
		// Faster than one request a nanosecond, the interval rounds to zero.
		return "too fast to enforce"
	}
	return ""
}

// units are the short periods operators write; anything else must be a Go
// duration such as "10s" or "1m30s".
var units = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "second": time.Second,
	"m": time.Minute, "min": time.Minute, "minute": time.Minute,
	"h": time.Hour, "hour": time.Hour,
}

// ParseRate reads a rate written as LIMIT/PERIOD, such as "20/s", "600/m",
// "3000/h" or "100/10s", or "off" to disable the limit.
func ParseRate(s string) (Rate, error) {
	text := strings.ToLower(strings.TrimSpace(s))
	if text == "off" {
		return Rate{}, nil
	}
	bad := func(why string) (Rate, error) {
		return Rate{}, fmt.Errorf("ratelimit: rate %q: %s; write it like 20/s, 600/m, 3000/h or off", s, why)
	}
	if text == "" {
		return bad("empty")
	}
	count, per, ok := strings.Cut(text, "/")
	if !ok {
		return bad("no /")
	}
	limit, err := strconv.Atoi(strings.TrimSpace(count))
	if err != nil {
		return bad("the limit is not a whole number")
	}
	if limit <= 0 {
		return bad("the limit must be positive (use off to disable)")
	}
	per = strings.TrimSpace(per)
	period, ok := units[per]
	if !ok {
		if period, err = time.ParseDuration(per); err != nil {
			return bad("the period is not s, m, h or a duration such as 10s")
		}
	}
	r := Rate{Limit: limit, Period: period}
	if why := r.problem(); why != "" {
		return bad(why)
	}
	return r, nil
}
