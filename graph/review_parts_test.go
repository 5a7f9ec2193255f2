package graph_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/testdb"
)

// TestReviewTagsAndPlacesComeInReferenceOrder: a review's tags and venue
// impressions are listed in the order the reference data gives them
// (tagCategories, placeCategories), whatever order the member picked them
// in, for a review alone and for several read together. The reference data
// is reordered first, so that its order is not the order of the ids.
func TestReviewTagsAndPlacesComeInReferenceOrder(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	for _, tag := range db.TagCategory.Query().AllX(ctx) {
		db.TagCategory.UpdateOne(tag).SetPosition(1000 - tag.Position).ExecX(ctx)
	}
	for _, place := range db.PlaceCategory.Query().AllX(ctx) {
		db.PlaceCategory.UpdateOne(place).SetPosition(1000 - place.Position).ExecX(ctx)
	}
	api := apitest.NewOver(t, db, apitest.WithDevLogin())
	device, _ := api.SignUp("writer@example.com", "기록가")
	c := api.Concert(apitest.ConcertSpec{})
	tags, pairs := api.TagIDs(), api.PlaceIDs()
	// Five tags, one impression per pair, picked out of order.
	reversedPairs := func(side int) []int {
		var out []int
		for i := len(pairs) - 1; i >= 0; i-- {
			out = append(out, pairs[i][(i+side)%len(pairs[i])])
		}
		return out
	}
	picks := []struct{ tags, places []int }{
		{tags: []int{tags[7], tags[2], tags[5], tags[0], tags[3]}, places: reversedPairs(0)},
		{tags: []int{tags[4], tags[9], tags[1], tags[8], tags[6]}, places: reversedPairs(1)},
	}
	var ids []string
	for _, p := range picks {
		in := api.TicketInput(c.ID)
		in["tagIds"], in["placeCategoryIds"] = p.tags, p.places
		var out struct{ CreateTicketReview struct{ ID string } }
		device.Query(`mutation($input: TicketReviewInput!) { createTicketReview(input: $input) { id } }`, map[string]any{"input": in}).MustData(t, &out)
		ids = append(ids, out.CreateTicketReview.ID)
	}
	var got struct {
		TagCategories   []struct{ ID string }
		PlaceCategories []struct{ ID string }
		A, B            struct{ Tags, PlaceReviews []struct{ ID string } }
	}
	const parts = `{ tags { id } placeReviews { id } }`
	device.Query(fmt.Sprintf(`{ tagCategories { id } placeCategories { id } a: ticketReview(id: %q) %s b: ticketReview(id: %q) %s }`,
		ids[0], parts, ids[1], parts), nil).MustData(t, &got)
	inReferenceOrder := func(picked []int, reference []struct{ ID string }) []string {
		var out []string
		for _, r := range reference {
			if slices.Contains(picked, atoi(t, r.ID)) {
				out = append(out, r.ID)
			}
		}
		return out
	}
	for i, review := range []struct{ Tags, PlaceReviews []struct{ ID string } }{got.A, got.B} {
		if want, have := inReferenceOrder(picks[i].tags, got.TagCategories), idsOf(review.Tags); !slices.Equal(have, want) {
			t.Errorf("review %d: tags %v, want %v", i, have, want)
		}
		if want, have := inReferenceOrder(picks[i].places, got.PlaceCategories), idsOf(review.PlaceReviews); !slices.Equal(have, want) {
			t.Errorf("review %d: places %v, want %v", i, have, want)
		}
	}
}

func idsOf(rows []struct{ ID string }) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}
