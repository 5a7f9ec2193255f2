package kopis_test

import (
	"testing"
	"time"

	"github.com/claco/claco/internal/kopis"
)

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWindows(t *testing.T) {
	tests := []struct {
		from, to string
		want     [][2]string
	}{
		{"2026-01-01", "2026-01-01", [][2]string{{"2026-01-01", "2026-01-01"}}},
		{"2026-01-01", "2026-01-31", [][2]string{{"2026-01-01", "2026-01-31"}}},
		{"2026-01-01", "2026-02-01", [][2]string{{"2026-01-01", "2026-01-31"}, {"2026-02-01", "2026-02-01"}}},
		{"2026-02-01", "2026-04-30", [][2]string{
			{"2026-02-01", "2026-03-03"}, {"2026-03-04", "2026-04-03"}, {"2026-04-04", "2026-04-30"}}},
		{"2026-03-01", "2026-02-01", nil},
	}
	for _, tt := range tests {
		var got [][2]string
		for _, w := range kopis.Windows(date(t, tt.from), date(t, tt.to)) {
			if days := w.To.Sub(w.From).Hours()/24 + 1; days > kopis.MaxWindowDays {
				t.Errorf("%s..%s: window of %v days", tt.from, tt.to, days)
			}
			got = append(got, [2]string{w.From.Format(time.DateOnly), w.To.Format(time.DateOnly)})
		}
		if len(got) != len(tt.want) {
			t.Errorf("Windows(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Windows(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
				break
			}
		}
	}
}
