package reference_test

import (
	"context"
	"testing"

	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/testdb"
)

func TestSeedIsIdempotentAndLoadsInOrder(t *testing.T) {
	db := testdb.Open(t) // seeds once
	ctx := context.Background()
	if err := reference.Seed(ctx, db.Client); err != nil {
		t.Fatalf("second seed: %v", err)
	}
	counts := map[string]int{
		"keywords":         db.Keyword.Query().CountX(ctx),
		"tag categories":   db.TagCategory.Query().CountX(ctx),
		"place categories": db.PlaceCategory.Query().CountX(ctx),
	}
	for what, n := range counts {
		if n != 10 {
			t.Errorf("%s: %d rows after seeding twice, want 10", what, n)
		}
	}
	set, err := reference.Load(ctx, db.Client)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range set.Keywords {
		if k.Key != reference.Static.Keywords.List[i].Key || set.TagCategories[i].Edges.Keyword.ID != k.ID {
			t.Fatalf("keyword %d: %s, tag keyword %d", i, k.Key, set.TagCategories[i].Edges.Keyword.ID)
		}
	}
	if areas, ok := reference.RegionAreas("강원"); !ok || len(areas) != 2 {
		t.Fatalf("강원 areas: %v", areas)
	}
}
