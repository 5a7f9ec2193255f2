package catalogue

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
)

// A snapshot is what browsing needs of every live concert, held in memory
// for one catalogue generation: the columns filters and orders read, the
// text search looks in (with its n-gram index) and the keyword scores. A
// filtered, ordered page is then a walk over an array instead of a scan of
// the concerts table, and costs the same however the filter is shaped; only
// the page's own rows are read from the database. It is small: about 200
// bytes a concert beside the keyword scores, some 15 MB for 20,000 concerts.
type snapshot struct {
	generation uint64
	entries    []entry // by id
	hot        []hot   // by position, as entries
	at         map[int]int32
	// Places and genres are numbered for hot.
	areaNames    []string
	areaNumbers  map[string]uint16
	genreNumbers map[concert.Genre]uint8
	// byStart, byEnd and byTitle are positions in entries, in ascending
	// order of the value and then of the id.
	byStart, byEnd, byTitle []int32
	text                    *textIndex
	scores                  [][]*ent.ConcertKeyword // per entry, highest first
	// live holds, per order and day, the order's positions without the
	// concerts that ended before that day (see liveOrderOf).
	liveMu sync.Mutex
	live   map[liveKey][]int32
}

type liveKey struct {
	field OrderField
	today int64 // Unix seconds, as hot
}

// entry is one concert's columns that orders and search read.
type entry struct {
	id         int
	start, end time.Time
	title      string
}

// snapshot returns the snapshot of the current generation, building it when
// the catalogue changed since the last one. One build runs at a time, on a
// context of its own (a request that gives up does not cancel the others'
// wait); a request waits for it until its own context ends.
func (s *Service) snapshot(ctx context.Context) (*snapshot, error) {
	if snap := s.model.snap.Load(); snap != nil && snap.generation == s.model.generation.Load() {
		return snap, nil
	}
	built := s.model.builds.DoChan("snapshot", func() (any, error) {
		g := s.model.generation.Load()
		if snap := s.model.snap.Load(); snap != nil && snap.generation == g {
			return snap, nil
		}
		bctx, cancel := context.WithTimeout(context.Background(), snapshotBuildTimeout)
		defer cancel()
		snap, err := s.buildSnapshot(bctx, g)
		if err != nil {
			return nil, err
		}
		if s.model.generation.Load() == g {
			s.model.snap.Store(snap)
		}
		return snap, nil
	})
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-built:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*snapshot), nil
	}
}

// snapshotBuildTimeout bounds a build: reading 20,000 concerts and their
// scores takes about a second.
const snapshotBuildTimeout = 30 * time.Second

// readsSnapshot says whether a read may be answered from the snapshot: it is
// built from the database public reads use, so a read that must see the
// primary (a mutation's answer) goes to SQL when there is a replica.
func (s *Service) readsSnapshot(ctx context.Context) bool {
	return s.reader(ctx) == s.public()
}

// public is the client the snapshot is built from.
func (s *Service) public() *ent.Client {
	if s.replica != nil {
		return s.replica
	}
	return s.db
}

func (s *Service) buildSnapshot(ctx context.Context, generation uint64) (*snapshot, error) {
	db := s.public()
	var rows []struct {
		ID        int           `json:"id"`
		StartDate time.Time     `json:"start_date"`
		EndDate   time.Time     `json:"end_date"`
		Title     string        `json:"title"`
		CastText  string        `json:"cast_text"`
		Venue     string        `json:"venue"`
		Area      string        `json:"area"`
		Genre     concert.Genre `json:"genre"`
		MinPrice  *int          `json:"min_price"`
		MaxPrice  *int          `json:"max_price"`
	}
	err := db.Concert.Query().
		Order(concert.ByID()).
		Select(concert.FieldID, concert.FieldStartDate, concert.FieldEndDate, concert.FieldTitle,
			concert.FieldCastText, concert.FieldVenue, concert.FieldArea, concert.FieldGenre,
			concert.FieldMinPrice, concert.FieldMaxPrice).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("catalogue snapshot: %w", err)
	}
	scores, err := db.ConcertKeyword.Query().
		Where(concertkeyword.ScoreGT(0)).
		Order(ent.Asc(concertkeyword.FieldConcertID), ent.Desc(concertkeyword.FieldScore), ent.Asc(concertkeyword.FieldKeywordID)).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("catalogue snapshot: %w", err)
	}
	snap := &snapshot{
		generation:   generation,
		entries:      make([]entry, len(rows)),
		hot:          make([]hot, len(rows)),
		areaNumbers:  map[string]uint16{},
		genreNumbers: map[concert.Genre]uint8{},
		at:           make(map[int]int32, len(rows)),
		scores:       make([][]*ent.ConcertKeyword, len(rows)),
	}
	texts := make([]string, len(rows))
	for i, r := range rows {
		snap.entries[i] = entry{id: r.ID, start: r.StartDate.UTC(), end: r.EndDate.UTC(), title: r.Title}
		snap.at[r.ID] = int32(i)
		h := hot{start: seconds(r.StartDate), end: seconds(r.EndDate), area: snap.areaNumber(r.Area), genre: snap.genreNumber(r.Genre)}
		if r.MinPrice != nil {
			h.minPrice, h.prices = int64(*r.MinPrice), h.prices|hasMinPrice
		}
		if r.MaxPrice != nil {
			h.maxPrice, h.prices = int64(*r.MaxPrice), h.prices|hasMaxPrice
		}
		snap.hot[i] = h
		texts[i] = searchable(r.Title, r.CastText, r.Venue)
	}
	s.attachKeywords(scores)
	for _, sc := range scores {
		i, ok := snap.at[sc.ConcertID]
		if !ok {
			continue // the score of a concert deleted meanwhile
		}
		snap.scores[i] = append(snap.scores[i], sc)
		if k, ok := s.ref.KeywordByID(sc.KeywordID); ok {
			snap.hot[i].keywords |= 1 << k.Position
		}
	}
	snap.byStart = snap.sorted(func(a, b *entry) int { return a.start.Compare(b.start) })
	snap.byEnd = snap.sorted(func(a, b *entry) int { return a.end.Compare(b.end) })
	snap.byTitle = snap.sorted(func(a, b *entry) int { return strings.Compare(a.title, b.title) })
	snap.text = newTextIndex(texts)
	return snap, nil
}

// areaNumber numbers an area for hot.
func (snap *snapshot) areaNumber(area string) uint16 {
	n, ok := snap.areaNumbers[area]
	if !ok {
		n = uint16(len(snap.areaNames))
		snap.areaNames = append(snap.areaNames, area)
		snap.areaNumbers[area] = n
	}
	return n
}

// genreNumber numbers a genre for hot; there are two, and room for 63.
func (snap *snapshot) genreNumber(g concert.Genre) uint8 {
	n, ok := snap.genreNumbers[g]
	if !ok {
		n = uint8(len(snap.genreNumbers))
		snap.genreNumbers[g] = n
	}
	return n
}

// sorted returns the positions of the entries ordered by value, then id.
func (snap *snapshot) sorted(value func(a, b *entry) int) []int32 {
	order := make([]int32, len(snap.entries))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &snap.entries[i], &snap.entries[j]
		if c := value(a, b); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return order
}

// searchable is the text a search looks in: the title, the cast and the
// venue, folded, kept apart so that no match spans two of them.
func searchable(title, cast, venue string) string {
	return fold(title) + fieldSeparator + fold(cast) + fieldSeparator + fold(venue)
}

// fieldSeparator cannot occur in a search (fold removes it from queries).
const fieldSeparator = "\x00"

// fold is the case-insensitive form of a text, for search: Unicode lower
// case. (The SQL that still searches, in a member's liked concerts and in
// orders by like or review counts, folds as the database does: ASCII only
// on SQLite, case and accents on MariaDB's general collation; Korean text,
// which has no case, matches the same everywhere.)
func fold(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), fieldSeparator, "")
}

// keywordScores returns the snapshot's scores of the concerts, as
// KeywordScores does.
func (snap *snapshot) keywordScores(concertIDs []int) map[int][]*ent.ConcertKeyword {
	out := make(map[int][]*ent.ConcertKeyword, len(concertIDs))
	for _, id := range concertIDs {
		if i, ok := snap.at[id]; ok && len(snap.scores[i]) > 0 {
			out[id] = slices.Clip(snap.scores[i]) // shared: an append must copy
		}
	}
	return out
}
