package catalogue

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/claco/claco/ent"
)

// korea is Korea Standard Time; Korea has no daylight saving, so a fixed zone
// is exact and needs no tz database in the container.
var korea = time.FixedZone("KST", 9*60*60)

// Today returns the calendar day (midnight UTC, as dates are stored) that it is
// in Korea at instant now.
func Today(now time.Time) time.Time {
	y, m, d := now.In(korea).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// State is where a concert's run stands relative to today.
type State string

// The states of a concert.
const (
	Upcoming State = "UPCOMING"
	Ongoing  State = "ONGOING"
	Ended    State = "ENDED"
)

// StateOf derives a concert's state from today's date, never from the stale
// state KOPIS reported at import time.
func StateOf(c *ent.Concert, today time.Time) State {
	switch {
	case today.Before(c.StartDate):
		return Upcoming
	case today.After(c.EndDate):
		return Ended
	default:
		return Ongoing
	}
}

// MarshalGQL writes the state as a GraphQL enum value.
func (s State) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *State) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	switch State(str) {
	case Upcoming, Ongoing, Ended:
		*s = State(str)
		return nil
	}
	return fmt.Errorf("%v is not a ConcertState", v)
}
