package kopis

import "time"

// MaxWindowDays is the longest period one list query may span: KOPIS refuses
// longer ones, so longer periods are queried as consecutive windows.
const MaxWindowDays = 31

// Window is a period of whole days, both ends included.
type Window struct {
	From, To time.Time
}

// Windows splits the days from..to (both included) into consecutive windows
// of at most MaxWindowDays days. It returns nothing when to is before from.
func Windows(from, to time.Time) []Window {
	from, to = day(from), day(to)
	var out []Window
	for start := from; !start.After(to); start = start.AddDate(0, 0, MaxWindowDays) {
		end := start.AddDate(0, 0, MaxWindowDays-1)
		if end.After(to) {
			end = to
		}
		out = append(out, Window{From: start, To: end})
	}
	return out
}

// day drops the time of day, keeping the calendar date as written.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
