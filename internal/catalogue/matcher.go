package catalogue

import "time"

// hot is what a filter reads of a concert, packed small so that a filter
// walks the whole catalogue (20,000 concerts in well under a megabyte)
// without leaving the processor's caches: places and genres are numbered
// per snapshot, instants are Unix seconds (which, unlike nanoseconds, hold
// every date a filter may name, years 1 to 9999).
type hot struct {
	start, end         int64 // Unix seconds
	minPrice, maxPrice int64
	keywords           uint32 // bit p set when the keyword at vector position p scores above zero
	area               uint16
	genre              uint8
	prices             uint8 // hasMinPrice | hasMaxPrice
}

const (
	hasMinPrice uint8 = 1 << iota
	hasMaxPrice
)

// matcher is criteria compiled against one snapshot's numbering.
type matcher struct {
	genres             uint64 // bit per genre number; 0 for any
	regionAreas, areas []bool // by area number; nil for any
	from, to           int64
	hasFrom, hasTo     bool
	keywordMask        uint32
	allKeywords        bool
	minPrice, maxPrice int64
	hasMin, hasMax     bool
	states             uint8 // bit per state; 0 for any
	today              int64
	hideEnded          bool
}

// State bits of matcher.states.
const (
	upcomingBit uint8 = 1 << iota
	ongoingBit
	endedBit
)

func seconds(t time.Time) int64 { return t.Unix() }

// matcher compiles the criteria (all but the text) for the snapshot.
func (snap *snapshot) matcher(c *criteria) *matcher {
	m := &matcher{
		keywordMask: c.keywordMask, allKeywords: c.allKeywords,
		today: seconds(c.today), hideEnded: c.hideEnded,
	}
	for _, g := range c.genres {
		if n, ok := snap.genreNumbers[g]; ok {
			m.genres |= 1 << n
		} else {
			m.genres |= 1 << 63 // a genre no concert has: it matches none, but the filter is on
		}
	}
	places := func(names []string) []bool {
		set := make([]bool, len(snap.areaNames))
		for _, a := range names {
			if n, ok := snap.areaNumbers[a]; ok {
				set[n] = true
			}
		}
		return set
	}
	if c.regionAreas != nil {
		m.regionAreas = places(c.regionAreas)
	}
	if len(c.areas) > 0 {
		m.areas = places(c.areas)
	}
	if c.from != nil {
		m.from, m.hasFrom = seconds(*c.from), true
	}
	if c.to != nil {
		m.to, m.hasTo = seconds(*c.to), true
	}
	if c.minPrice != nil {
		m.minPrice, m.hasMin = int64(*c.minPrice), true
	}
	if c.maxPrice != nil {
		m.maxPrice, m.hasMax = int64(*c.maxPrice), true
	}
	for _, st := range c.states {
		switch st {
		case Upcoming:
			m.states |= upcomingBit
		case Ongoing:
			m.states |= ongoingBit
		case Ended:
			m.states |= endedBit
		}
	}
	return m
}

// matches says whether a concert passes, as the criteria's SQL would.
func (m *matcher) matches(h *hot) bool {
	switch {
	case m.genres != 0 && m.genres&(1<<h.genre) == 0,
		m.regionAreas != nil && !m.regionAreas[h.area],
		m.areas != nil && !m.areas[h.area],
		m.hasFrom && h.end < m.from,
		m.hasTo && h.start > m.to,
		m.allKeywords && h.keywords&m.keywordMask != m.keywordMask,
		!m.allKeywords && m.keywordMask != 0 && h.keywords&m.keywordMask == 0,
		m.hasMin && (h.prices&hasMaxPrice == 0 || h.maxPrice < m.minPrice),
		m.hasMax && (h.prices&hasMinPrice == 0 || h.minPrice > m.maxPrice),
		m.states != 0 && m.states&m.state(h) == 0,
		m.hideEnded && h.end < m.today:
		return false
	}
	return true
}

// state is the concert's state bit today, as StateOf.
func (m *matcher) state(h *hot) uint8 {
	switch {
	case m.today < h.start:
		return upcomingBit
	case m.today > h.end:
		return endedBit
	default:
		return ongoingBit
	}
}
