package graph_test

import (
	"context"
	"testing"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/softdelete"
)

func TestDeletedConcertDisappearsEverywhereButAdminContext(t *testing.T) {
	api := apitest.New(t)
	ctx := context.Background()
	kept := api.Concert(apitest.ConcertSpec{Title: "남는 공연"})
	gone := api.Concert(apitest.ConcertSpec{Title: "지운 공연"})
	api.DB.Concert.DeleteOne(gone).ExecX(ctx)

	assertTitles(t, filtered(t, api, nil), "남는 공연")
	var res struct {
		Concert           *struct{ ID string }
		Node              *struct{ ID string }
		SearchSuggestions []struct{ Title string }
	}
	api.Query(`query($id: ID!) { concert(id: $id) { id } node(id: $id) { id } searchSuggestions(query: "공연") { title } }`,
		map[string]any{"id": gone.ID}).MustData(t, &res)
	if res.Concert != nil || res.Node != nil {
		t.Fatalf("deleted concert still found: %+v", res)
	}
	if len(res.SearchSuggestions) != 1 || res.SearchSuggestions[0].Title != "남는 공연" {
		t.Fatalf("suggestions include a deleted concert: %+v", res.SearchSuggestions)
	}

	// The row is still there, marked, and trusted code can see it.
	admin := softdelete.IncludeDeleted(ctx)
	row := api.DB.Concert.Query().Where(concert.ID(gone.ID)).OnlyX(admin)
	if row.DeletedAt == nil || row.Tombstone == 0 {
		t.Fatalf("deleted concert not marked: deleted_at %v, tombstone %d", row.DeletedAt, row.Tombstone)
	}
	if n := api.DB.Concert.Query().CountX(admin); n != 2 {
		t.Fatalf("admin context sees %d concerts, want 2", n)
	}
	if n := api.DB.Concert.Query().CountX(ctx); n != 1 {
		t.Fatalf("member context sees %d concerts, want 1", n)
	}
	_ = kept
}

func TestSoftDeleteHidesEdgesAndBlocksUpdates(t *testing.T) {
	api := apitest.New(t)
	ctx := context.Background()
	c := api.Concert(apitest.ConcertSpec{})
	m := api.Member("관객")
	r1 := api.Review(m, c, 4, "one")
	api.Review(m, c, 2, "two")
	api.DB.TicketReview.DeleteOne(r1).ExecX(ctx)

	if n := api.DB.Concert.QueryReviews(c).CountX(ctx); n != 1 {
		t.Fatalf("edge traversal sees %d reviews, want 1", n)
	}
	loaded := api.DB.Concert.Query().Where(concert.ID(c.ID)).WithReviews().OnlyX(ctx)
	if len(loaded.Edges.Reviews) != 1 {
		t.Fatalf("eager load sees %d reviews, want 1", len(loaded.Edges.Reviews))
	}
	// A deleted row cannot be changed by ordinary code.
	if err := api.DB.TicketReview.UpdateOneID(r1.ID).SetContent("edited").Exec(ctx); err == nil {
		t.Fatal("updated a deleted review")
	}
	if n := api.DB.TicketReview.Update().SetContent("bulk").SaveX(ctx); n != 1 {
		t.Fatalf("bulk update touched %d reviews, want only the live one", n)
	}
}
