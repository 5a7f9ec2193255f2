package library

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/upload"
)

// Bounds of a ticket's free-text fields, in characters.
const (
	maxWatchRound = 16
	maxSeat       = 30
	maxCastings   = 20
	maxCasting    = 50
)

// ticketFields are a ticket's text fields, trimmed and checked.
type ticketFields struct {
	round    *string
	seat     *string
	castings []string
}

// checkTicket validates a new ticket against every rule of the contract.
func (s *Service) checkTicket(in TicketInput) (ticketFields, error) {
	f, err := checkChange(TicketChange{
		WatchRound: &in.WatchRound, Seat: in.Seat, Rating: &in.Rating,
		Castings: in.Castings, Content: &in.Content,
	})
	if err != nil {
		return f, err
	}
	if f.castings == nil {
		f.castings = []string{}
	}
	if err := s.checkTags(in.TagIDs); err != nil {
		return f, err
	}
	return f, s.checkPlaces(in.PlaceIDs)
}

// checkChange validates the fields a change gives.
func checkChange(in TicketChange) (ticketFields, error) {
	var f ticketFields
	if in.WatchRound != nil {
		r := strings.TrimSpace(*in.WatchRound)
		if r == "" || utf8.RuneCountInString(r) > maxWatchRound {
			return f, apperr.Invalid("input.watchRound", "the round (e.g. 19:30) has 1 to %d characters", maxWatchRound)
		}
		f.round = &r
	}
	if in.Seat != nil {
		seat := strings.TrimSpace(*in.Seat)
		if utf8.RuneCountInString(seat) > maxSeat {
			return f, apperr.Invalid("input.seat", "a seat has at most %d characters", maxSeat)
		}
		if seat != "" {
			f.seat = &seat
		}
	}
	if in.Rating != nil {
		if err := checkRating(*in.Rating); err != nil {
			return f, err
		}
	}
	if in.Content != nil && utf8.RuneCountInString(*in.Content) > limits.ReviewTextChars {
		return f, apperr.Invalid("input.content", "a review has at most %d characters", limits.ReviewTextChars)
	}
	if in.Castings != nil {
		if len(in.Castings) > maxCastings {
			return f, apperr.Invalid("input.castings", "name at most %d performers", maxCastings)
		}
		f.castings = make([]string, 0, len(in.Castings))
		for i, c := range in.Castings {
			c = strings.TrimSpace(c)
			if c == "" || utf8.RuneCountInString(c) > maxCasting {
				return f, apperr.Invalid(fieldIndex("input.castings", i), "a performer's name has 1 to %d characters", maxCasting)
			}
			f.castings = append(f.castings, c)
		}
	}
	return f, nil
}

// checkRating accepts 0 to 5 in steps of 0.5.
func checkRating(r float64) error {
	steps := (r - limits.RatingMin) / limits.RatingStep
	if math.IsNaN(r) || r < limits.RatingMin || r > limits.RatingMax || steps != math.Trunc(steps) {
		return apperr.Invalid("input.rating", "a rating is %g to %g in steps of %g", limits.RatingMin, limits.RatingMax, limits.RatingStep)
	}
	return nil
}

// checkTags wants exactly five distinct tag categories.
func (s *Service) checkTags(ids []int) error {
	n := limits.TagsPerReview
	bad := apperr.Invalid("input.tagIds", "pick exactly %d different tags", n)
	if len(ids) != n || len(distinct(ids)) != n {
		return bad
	}
	for _, id := range ids {
		if !slices.ContainsFunc(s.ref.TagCategories, func(t *ent.TagCategory) bool { return t.ID == id }) {
			return bad
		}
	}
	return nil
}

// placePair is the pair of a venue impression, and false for an unknown id.
func (s *Service) placePair(id int) (string, bool) {
	for _, p := range s.ref.PlaceCategories {
		if p.ID == id {
			return p.Pair, true
		}
	}
	return "", false
}

// checkPlaces wants exactly one venue impression of each pair.
func (s *Service) checkPlaces(ids []int) error {
	n := limits.PlaceReviewsPerReview
	bad := apperr.Invalid("input.placeCategoryIds", "pick exactly %d venue impressions, one of each pair", n)
	if len(ids) != n {
		return bad
	}
	pairs := map[string]bool{}
	for _, id := range ids {
		pair, ok := s.placePair(id)
		if !ok || pairs[pair] {
			return bad
		}
		pairs[pair] = true
	}
	return nil
}

func distinct(ids []int) []int {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// fieldIndex names one element of a list input, e.g. input.images.2.
func fieldIndex(field string, i int) string { return fmt.Sprintf("%s.%d", field, i) }

// imageProblem explains a bad photo as bad input in the named field.
func imageProblem(field string, err error) error { return upload.Problem(field, err) }
