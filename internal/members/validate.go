package members

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/reference"
)

// PerformanceType is a kind of performance a member likes.
type PerformanceType string

// The performance types.
const (
	MusicFocused PerformanceType = "MUSIC_FOCUSED"
	Performance  PerformanceType = "PERFORMANCE"
)

// MarshalGQL writes the type as a GraphQL enum value.
func (t PerformanceType) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(t))) }

// UnmarshalGQL reads a GraphQL enum value.
func (t *PerformanceType) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	switch PerformanceType(s) {
	case MusicFocused, Performance:
		*t = PerformanceType(s)
		return nil
	}
	return fmt.Errorf("%v is not a PerformanceType", v)
}

// maxPrice bounds a preferred price range (won).
const maxPrice = 10_000_000

// NicknameProblem says what is wrong with a nickname's form, or "".
func NicknameProblem(nickname string) string {
	limits := reference.Static.Limits.NicknameChars
	if n := utf8.RuneCountInString(nickname); n < limits[0] || n > limits[1] {
		return fmt.Sprintf("a nickname has %d to %d characters", limits[0], limits[1])
	}
	for _, r := range nickname {
		if !isNicknameRune(r) {
			return "a nickname has only letters, digits and Hangul"
		}
	}
	return ""
}

// isNicknameRune accepts Latin letters, digits and Hangul syllables.
func isNicknameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= 0xAC00 && r <= 0xD7A3
}

func checkNickname(field, nickname string) error {
	if p := NicknameProblem(nickname); p != "" {
		return apperr.Invalid(field, "%s", p)
	}
	return nil
}

func checkAgeBand(field string, band int) error {
	if !slices.Contains(reference.Static.AgeBands, band) {
		return apperr.Invalid(field, "the age band is one of %v", reference.Static.AgeBands)
	}
	return nil
}

func checkPrices(field string, minP, maxP int) error {
	switch {
	case minP < 0:
		return apperr.Invalid(field+".minPrice", "a price cannot be negative")
	case maxP > maxPrice:
		return apperr.Invalid(field+".maxPrice", "the maximum price is at most %d won", maxPrice)
	case maxP < minP:
		return apperr.Invalid(field+".maxPrice", "the maximum price is below the minimum")
	}
	return nil
}

func checkRegions(field string, regions []string) error {
	if len(regions) == 0 {
		return apperr.Invalid(field, "pick at least one region")
	}
	seen := map[string]bool{}
	for _, r := range regions {
		if _, ok := reference.RegionAreas(r); !ok {
			return apperr.Invalid(field, "unknown region %q", r)
		}
		if seen[r] {
			return apperr.Invalid(field, "region %q is listed twice", r)
		}
		seen[r] = true
	}
	return nil
}

func checkTypes(field string, types []PerformanceType) error {
	if len(types) == 0 {
		return apperr.Invalid(field, "pick at least one kind of performance")
	}
	if len(slices.Compact(slices.Sorted(slices.Values(types)))) != len(types) {
		return apperr.Invalid(field, "a kind of performance is listed twice")
	}
	return nil
}

// keywordsOf checks that keys name exactly one keyword of each pair and
// returns the keywords.
func (s *Service) keywordsOf(field string, keys []string) ([]*ent.Keyword, error) {
	return s.ref.OnePerPair(field, keys)
}

func typeStrings(types []PerformanceType) []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = string(t)
	}
	return out
}
