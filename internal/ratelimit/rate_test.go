package ratelimit_test

import (
	"strings"
	"testing"
	"time"

	"github.com/claco/claco/internal/ratelimit"
)

func TestParseRate(t *testing.T) {
	good := map[string]ratelimit.Rate{
		"20/s":      {Limit: 20, Period: time.Second},
		"600/m":     {Limit: 600, Period: time.Minute},
		"3000/h":    {Limit: 3000, Period: time.Hour},
		" 5 / Min ": {Limit: 5, Period: time.Minute},
		"100/10s":   {Limit: 100, Period: 10 * time.Second},
		"off":       {},
		"OFF":       {},
	}
	for in, want := range good {
		got, err := ratelimit.ParseRate(in)
		if err != nil || got != want {
			t.Errorf("ParseRate(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                       "empty",
		"20":                     "no /",
		"x/s":                    "whole number",
		"0/s":                    "use off",
		"-3/m":                   "positive",
		"20/day":                 "period",
		"20/0s":                  "period must be positive",
		"2000000/1ms":            "too fast",
		"99999999999999999999/s": "whole number",
	}
	for in, want := range bad {
		_, err := ratelimit.ParseRate(in)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "20/s, 600/m") {
			t.Errorf("ParseRate(%q) error = %v; want one saying %q and showing the forms", in, err, want)
		}
	}
}

func TestRateStringRoundTrips(t *testing.T) {
	for _, s := range []string{"20/s", "600/m", "3000/h", "100/10s", "off", ratelimit.DefaultIP, ratelimit.DefaultMember} {
		r := mustRate(t, s)
		if r.String() != s {
			t.Errorf("ParseRate(%q).String() = %q", s, r.String())
		}
		if again := mustRate(t, r.String()); again != r {
			t.Errorf("%q does not round-trip: %+v then %+v", s, r, again)
		}
	}
	if mustRate(t, "off").Enabled() || !mustRate(t, "1/h").Enabled() {
		t.Error("Enabled is wrong")
	}
}
