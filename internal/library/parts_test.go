package library

import (
	"context"
	"log/slog"
	"slices"
	"testing"
)

// TestByReviewOrdersByTheReferenceData: the pairs come from the edge table
// in no particular order; each review's categories follow the order of the
// reference data, which need not be the order of their ids, and a category
// the reference data lacks is left out.
func TestByReviewOrdersByTheReferenceData(t *testing.T) {
	type category struct{ id int }
	reference := []category{{id: 30}, {id: 10}, {id: 20}, {id: 40}}
	pairs := []reviewCategory{
		{ReviewID: 1, CategoryID: 40}, {ReviewID: 2, CategoryID: 20}, {ReviewID: 1, CategoryID: 10},
		{ReviewID: 1, CategoryID: 30}, {ReviewID: 2, CategoryID: 99}, {ReviewID: 2, CategoryID: 30},
	}
	got := byReview(context.Background(), slog.New(slog.DiscardHandler), pairs, reference, func(c category) int { return c.id })
	ids := func(cs []category) []int {
		out := make([]int, len(cs))
		for i, c := range cs {
			out[i] = c.id
		}
		return out
	}
	if !slices.Equal(ids(got[1]), []int{30, 10, 40}) || !slices.Equal(ids(got[2]), []int{30, 20}) || len(got) != 2 {
		t.Fatalf("by review: 1 → %v, 2 → %v (%d reviews); want [30 10 40] and [30 20]", ids(got[1]), ids(got[2]), len(got))
	}
}
