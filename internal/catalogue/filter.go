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

// predicates turns the filter into SQL predicates, or explains which field is wrong.
// field prefixes the names in errors (e.g. "filter"). endedByDefault says
// whether ended concerts show when the filter does not say.
func (s *Service) predicates(f *Filter, field string, endedByDefault bool) ([]predicate.Concert, error) {
	today := s.Today()
	if f == nil {
		f = &Filter{}
	}
	if err := f.bound(field); err != nil {
		return nil, err
	}
	var ps []predicate.Concert
	if f.Query != nil {
		q := strings.TrimSpace(*f.Query)
		if utf8.RuneCountInString(q) > maxQueryChars {
			return nil, apperr.Invalid(field+".query", "search text is longer than %d characters", maxQueryChars)
		}
		if q != "" {
			ps = append(ps, matchesText(q))
		}
	}
	if len(f.Genres) > 0 {
		ps = append(ps, concert.GenreIn(dedupe(f.Genres)...))
	}
	if len(f.Regions) > 0 {
		var areas []string
		for _, label := range f.Regions {
			a, ok := reference.RegionAreas(label)
			if !ok {
				return nil, apperr.Invalid(field+".regions", "unknown region %q", label)
			}
			areas = append(areas, a...)
		}
		ps = append(ps, concert.AreaIn(areas...))
	}
	if len(f.Areas) > 0 {
		ps = append(ps, concert.AreaIn(f.Areas...))
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return nil, apperr.Invalid(field+".to", "the window ends before it starts")
	}
	if f.From != nil {
		ps = append(ps, concert.EndDateGTE(*f.From))
	}
	if f.To != nil {
		ps = append(ps, concert.StartDateLTE(*f.To))
	}
	keywordPs, err := s.keywordPredicates(f, field)
	if err != nil {
		return nil, err
	}
	ps = append(ps, keywordPs...)
	pricePs, err := pricePredicates(f, field)
	if err != nil {
		return nil, err
	}
	ps = append(ps, pricePs...)
	if len(f.States) > 0 {
		ps = append(ps, inStates(dedupe(f.States), today))
	}
	if !f.includesEnded(endedByDefault) {
		ps = append(ps, concert.EndDateGTE(today))
	}
	return ps, nil
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

func (s *Service) keywordPredicates(f *Filter, field string) ([]predicate.Concert, error) {
	if len(f.Keywords) == 0 {
		return nil, nil
	}
	ids := make([]int, 0, len(f.Keywords))
	for _, key := range f.Keywords {
		k, ok := s.ref.KeywordByKey(key)
		if !ok {
			return nil, apperr.Invalid(field+".keywords", "unknown keyword %q", key)
		}
		ids = append(ids, k.ID)
	}
	scores := func(ids ...int) predicate.Concert {
		return concert.HasKeywordScoresWith(concertkeyword.ScoreGT(0), concertkeyword.KeywordIDIn(ids...))
	}
	if f.KeywordMatch != MatchAll {
		return []predicate.Concert{scores(ids...)}, nil
	}
	ps := make([]predicate.Concert, len(ids))
	for i, id := range ids {
		ps[i] = scores(id)
	}
	return ps, nil
}

// pricePredicates keeps concerts whose [min, max] price range overlaps the
// filter's. Concerts whose prices could not be read are left out.
func pricePredicates(f *Filter, field string) ([]predicate.Concert, error) {
	var ps []predicate.Concert
	if f.MinPrice != nil {
		if *f.MinPrice < 0 {
			return nil, apperr.Invalid(field+".minPrice", "a price cannot be negative")
		}
		ps = append(ps, concert.MaxPriceGTE(*f.MinPrice))
	}
	if f.MaxPrice != nil {
		if *f.MaxPrice < 0 {
			return nil, apperr.Invalid(field+".maxPrice", "a price cannot be negative")
		}
		if f.MinPrice != nil && *f.MaxPrice < *f.MinPrice {
			return nil, apperr.Invalid(field+".maxPrice", "the maximum price is below the minimum")
		}
		ps = append(ps, concert.MinPriceLTE(*f.MaxPrice))
	}
	return ps, nil
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
