package catalogue

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/ent/predicate"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/reference"
)

// Filter narrows the catalogue; every field is optional and they combine with AND.
type Filter struct {
	// Query is a case-insensitive substring of the title, cast or venue.
	Query *string
	// Genres keeps concerts of any of these genres.
	Genres []concert.Genre
	// Regions are preference region labels, each standing for its KOPIS areas.
	Regions []string
	// Areas are KOPIS area names.
	Areas []string
	// From and To keep concerts whose run overlaps the window.
	From, To *time.Time
	// Keywords keeps concerts scoring above zero on any (or all) of these keyword keys.
	Keywords     []string
	KeywordMatch KeywordMatch
	// MinPrice and MaxPrice (won) keep concerts whose price range overlaps
	// theirs; a free concert costs 0.
	MinPrice, MaxPrice *int
	// States keeps concerts in any of these states today.
	States []State
	// IncludeEnded shows concerts that ended before today. When nil, the
	// catalogue hides them and a member's liked concerts show them; asking
	// for ENDED in States shows them either way.
	IncludeEnded *bool
}

// KeywordMatch says whether a concert needs any or all of the filter's keywords.
type KeywordMatch string

// The keyword matches.
const (
	MatchAny KeywordMatch = "ANY"
	MatchAll KeywordMatch = "ALL"
)

// MarshalGQL writes the match as a GraphQL enum value.
func (m KeywordMatch) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(m))) }

// UnmarshalGQL reads a GraphQL enum value; null means the default, ANY.
func (m *KeywordMatch) UnmarshalGQL(v any) error {
	switch v {
	case nil, string(MatchAny):
		*m = MatchAny
	case string(MatchAll):
		*m = MatchAll
	default:
		return fmt.Errorf("%v is not a KeywordMatch", v)
	}
	return nil
}

// maxQueryChars bounds a search text; longer ones match nothing useful and cost a scan.
const maxQueryChars = 100

// criteria is a filter checked and resolved against today and the reference
// data: what a concert must be to pass it. It renders as SQL predicates (for
// lists the database pages, such as a member's likes) and as a test of a
// snapshot entry (for the catalogue, paged in memory), so both mean the same.
type criteria struct {
	text        string // searched for, trimmed; "" for none
	genres      []concert.Genre
	regionAreas []string // areas of the regions asked for; nil when none were
	areas       []string
	from, to    *time.Time
	keywordIDs  []int
	keywordMask uint32 // the keywords' vector positions, as hot.keywords
	allKeywords bool   // keywordIDs are all needed, not any
	minPrice    *int
	maxPrice    *int
	states      []State
	hideEnded   bool
	today       time.Time
}

// compile checks f and resolves it for today. field prefixes the names in
// errors (e.g. "filter"). endedByDefault says whether ended concerts show
// when the filter does not say.
func (s *Service) compile(f *Filter, field string, endedByDefault bool) (*criteria, error) {
	c := &criteria{today: s.Today()}
	if f == nil {
		f = &Filter{}
	}
	if err := f.bound(field); err != nil {
		return nil, err
	}
	if f.Query != nil {
		q := strings.TrimSpace(*f.Query)
		if utf8.RuneCountInString(q) > maxQueryChars {
			return nil, apperr.Invalid(field+".query", "search text is longer than %d characters", maxQueryChars)
		}
		c.text = q
	}
	c.genres = dedupe(f.Genres)
	for _, label := range f.Regions {
		a, ok := reference.RegionAreas(label)
		if !ok {
			return nil, apperr.Invalid(field+".regions", "unknown region %q", label)
		}
		c.regionAreas = append(c.regionAreas, a...)
	}
	if len(f.Regions) > 0 && c.regionAreas == nil {
		c.regionAreas = []string{} // regions without areas match nothing
	}
	c.areas = f.Areas
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return nil, apperr.Invalid(field+".to", "the window ends before it starts")
	}
	c.from, c.to = f.From, f.To
	for _, key := range f.Keywords {
		k, ok := s.ref.KeywordByKey(key)
		if !ok {
			return nil, apperr.Invalid(field+".keywords", "unknown keyword %q", key)
		}
		c.keywordIDs = append(c.keywordIDs, k.ID)
		c.keywordMask |= 1 << k.Position
	}
	c.allKeywords = f.KeywordMatch == MatchAll
	if err := c.setPrices(f, field); err != nil {
		return nil, err
	}
	c.states = dedupe(f.States)
	c.hideEnded = !f.includesEnded(endedByDefault)
	return c, nil
}

// setPrices keeps concerts whose [min, max] price range overlaps the
// filter's. Concerts whose prices could not be read are left out.
func (c *criteria) setPrices(f *Filter, field string) error {
	if f.MinPrice != nil && *f.MinPrice < 0 {
		return apperr.Invalid(field+".minPrice", "a price cannot be negative")
	}
	if f.MaxPrice != nil {
		if *f.MaxPrice < 0 {
			return apperr.Invalid(field+".maxPrice", "a price cannot be negative")
		}
		if f.MinPrice != nil && *f.MaxPrice < *f.MinPrice {
			return apperr.Invalid(field+".maxPrice", "the maximum price is below the minimum")
		}
	}
	c.minPrice, c.maxPrice = f.MinPrice, f.MaxPrice
	return nil
}

// predicates renders the criteria as SQL.
func (c *criteria) predicates() []predicate.Concert {
	var ps []predicate.Concert
	if c.text != "" {
		ps = append(ps, matchesText(c.text))
	}
	if len(c.genres) > 0 {
		ps = append(ps, concert.GenreIn(c.genres...))
	}
	if c.regionAreas != nil {
		ps = append(ps, concert.AreaIn(c.regionAreas...))
	}
	if len(c.areas) > 0 {
		ps = append(ps, concert.AreaIn(c.areas...))
	}
	if c.from != nil {
		ps = append(ps, concert.EndDateGTE(*c.from))
	}
	if c.to != nil {
		ps = append(ps, concert.StartDateLTE(*c.to))
	}
	ps = append(ps, c.keywordPredicates()...)
	if c.minPrice != nil {
		ps = append(ps, concert.MaxPriceGTE(*c.minPrice))
	}
	if c.maxPrice != nil {
		ps = append(ps, concert.MinPriceLTE(*c.maxPrice))
	}
	if len(c.states) > 0 {
		ps = append(ps, inStates(c.states, c.today))
	}
	if c.hideEnded {
		ps = append(ps, concert.EndDateGTE(c.today))
	}
	return ps
}

// predicates turns the filter into SQL predicates, or explains which field is wrong.
func (s *Service) predicates(f *Filter, field string, endedByDefault bool) ([]predicate.Concert, error) {
	c, err := s.compile(f, field, endedByDefault)
	if err != nil {
		return nil, err
	}
	return c.predicates(), nil
}

// Bounds of a filter's lists, after duplicates are dropped: there are only
// ten keywords, and a few dozen areas and regions.
const (
	maxKeywords = reference.KeywordCount
	maxPlaces   = 50
)

// bound drops duplicate list entries and refuses lists longer than any
// meaningful filter, so that the SQL a filter builds stays small.
func (f *Filter) bound(field string) error {
	f.Keywords = dedupe(f.Keywords)
	f.Regions = dedupe(f.Regions)
	f.Areas = dedupe(f.Areas)
	switch {
	case len(f.Keywords) > maxKeywords:
		return apperr.Invalid(field+".keywords", "name at most %d different keywords", maxKeywords)
	case len(f.Regions) > maxPlaces:
		return apperr.Invalid(field+".regions", "name at most %d regions", maxPlaces)
	case len(f.Areas) > maxPlaces:
		return apperr.Invalid(field+".areas", "name at most %d areas", maxPlaces)
	}
	return nil
}

// dedupe drops repeated values, keeping the first of each in order.
func dedupe[T comparable](values []T) []T {
	if len(values) < 2 {
		return values
	}
	seen := make(map[T]bool, len(values))
	out := values[:0:0]
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// includesEnded: asking for ENDED by state shows them; otherwise
// IncludeEnded decides, and when it is not given, the list's default.
func (f *Filter) includesEnded(byDefault bool) bool {
	if slices.Contains(f.States, Ended) {
		return true
	}
	if f.IncludeEnded != nil {
		return *f.IncludeEnded
	}
	return byDefault
}

// matchesText finds q in the title, cast or venue, ignoring case, with LIKE's
// wildcards in q taken literally.
func matchesText(q string) predicate.Concert {
	return concert.Or(
		concert.TitleContainsFold(q),
		concert.CastTextContainsFold(q),
		concert.VenueContainsFold(q),
	)
}

func (c *criteria) keywordPredicates() []predicate.Concert {
	if len(c.keywordIDs) == 0 {
		return nil
	}
	scores := func(ids ...int) predicate.Concert {
		return concert.HasKeywordScoresWith(concertkeyword.ScoreGT(0), concertkeyword.KeywordIDIn(ids...))
	}
	if !c.allKeywords {
		return []predicate.Concert{scores(c.keywordIDs...)}
	}
	ps := make([]predicate.Concert, len(c.keywordIDs))
	for i, id := range c.keywordIDs {
		ps[i] = scores(id)
	}
	return ps
}

func inStates(states []State, today time.Time) predicate.Concert {
	ps := make([]predicate.Concert, 0, len(states))
	for _, st := range states {
		switch st {
		case Upcoming:
			ps = append(ps, concert.StartDateGT(today))
		case Ongoing:
			ps = append(ps, concert.And(concert.StartDateLTE(today), concert.EndDateGTE(today)))
		case Ended:
			ps = append(ps, concert.EndDateLT(today))
		}
	}
	return concert.Or(ps...)
}
