package recommend

import (
	"math"
	"slices"
	"testing"
)

// Members u1 {A,B}, u2 {A,B,C}, u3 {C}: every item has two likers, so with
// no shrinkage S_AB = 2/(√2·√2) = 1 and S_AC = S_BC = 1/2.
func threeMembers() Data {
	return Data{
		Items:        fixtureItems(),
		Interactions: concat(likes(1, itemA, itemB), likes(2, itemA, itemB, itemC), likes(3, itemC)),
	}
}

func TestCoLikeCosine(t *testing.T) {
	x := mustBuild(t, threeMembers(), plainOptions())
	pos := func(id int64) int32 { p, _ := x.itemPosition(id); return p }
	wantNear(t, "S_AB", x.coLike(pos(itemA), pos(itemB)), 1)
	wantNear(t, "S_BA", x.coLike(pos(itemB), pos(itemA)), 1)
	wantNear(t, "S_AC", x.coLike(pos(itemA), pos(itemC)), 0.5)
	wantNear(t, "S_BC", x.coLike(pos(itemB), pos(itemC)), 0.5)
	wantNear(t, "S_AD", x.coLike(pos(itemA), pos(itemD)), 0)
	wantNear(t, "S_AA", x.coLike(pos(itemA), pos(itemA)), 0)
}

func TestCoLikeShrinkAndActivityPenalty(t *testing.T) {
	o := plainOptions()
	o.CoLikeShrink = 1
	x := mustBuild(t, threeMembers(), o)
	a, _ := x.itemPosition(itemA)
	b, _ := x.itemPosition(itemB)
	c, _ := x.itemPosition(itemC)
	wantNear(t, "S_AB with h=1", x.coLike(a, b), 2.0/3) // 2/(2+1)
	wantNear(t, "S_AC with h=1", x.coLike(a, c), 1.0/3) // 1/(2+1)

	// ρ = 1: u1 counts 1/2, u2 1/3, u3 1. ‖r_A‖² = ‖r_B‖² = 5/6, ‖r_C‖² = 4/3.
	o = plainOptions()
	o.ActivityPenalty = 1
	x = mustBuild(t, threeMembers(), o)
	wantNear(t, "S_AB with ρ=1", x.coLike(a, b), 1)                                     // (5/6)/(5/6)
	wantNear(t, "S_AC with ρ=1", x.coLike(a, c), float32(1.0/3/math.Sqrt(5.0/6*4.0/3))) // 0.316228
}

// With α = 1, α' = ½ (a random-walk-like normalisation): S_AB = 2/(2·√2).
func TestCoLikeNormExponents(t *testing.T) {
	o := plainOptions()
	o.SourceNormExponent, o.TargetNormExponent = 1, 0.5
	x := mustBuild(t, threeMembers(), o)
	a, _ := x.itemPosition(itemA)
	b, _ := x.itemPosition(itemB)
	wantNear(t, "S_AB", x.coLike(a, b), float32(1/math.Sqrt2))
}

func TestNeighbourPruningKeepsTheMostSimilar(t *testing.T) {
	o := plainOptions()
	o.Neighbours = 1
	x := mustBuild(t, threeMembers(), o)
	c, _ := x.itemPosition(itemC)
	// C is equally similar (1/2) to A and B: the tie goes to the lower id.
	lo, hi := x.neighbourStart[c], x.neighbourStart[c+1]
	if got := x.neighbourItem[lo:hi]; len(got) != 1 || x.itemIDs[got[0]] != itemA {
		t.Fatalf("C's single neighbour = %v, want item A", got)
	}
}

func TestCentredFeatures(t *testing.T) {
	x := mustBuild(t, threeMembers(), plainOptions())
	n := len(x.itemIDs)
	r := float32(1 / math.Sqrt2)
	want := map[int64][2]float32{itemA: {r, -r}, itemB: {-r, r}, itemC: {r, r}, itemD: {-r, -r}}
	for id, w := range want {
		p, _ := x.itemPosition(id)
		for f := range 2 {
			wantNear(t, "f̃", x.itemFeatures[f*n+int(p)], w[f])
		}
	}
}

// u1 and u2 like A and B, so S_AB = 1 and n_A = n_B = 2; C and D are cold.
// With λ₀ = 0.2 and k = 1:
//
//	λ_AB = 0.2 + 0.8·1/(1+2) = 0.466667 → sim = 0.533333·1 + 0.466667·(-1) = 0.066667
//	λ_AC = λ_AD = 0.2 + 0.8·1/1 = 1 → sim_AC = cos = 0, sim_AD = 0
//
// and with D at (1,0) instead, D is A's twin and comes first.
func TestSimilarItemsBlend(t *testing.T) {
	d := Data{Items: fixtureItems(), Interactions: concat(likes(1, itemA, itemB), likes(2, itemA, itemB))}
	x := mustBuild(t, d, plainOptions())
	got, err := x.SimilarItems(itemA, 10, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ItemID != itemB {
		t.Fatalf("SimilarItems(A) = %+v, want only B (C and D have similarity 0)", got)
	}
	wantNear(t, "sim(A,B)", got[0].Score, 0.066667)
	wantNear(t, "co-like part", got[0].CoLike, 0.533333)
	wantNear(t, "content part", got[0].Content, -0.466667)

	// Cold D gets a positive feature similarity to A when it leans to A's side.
	d.Items[3].Features = []float32{1, 0}
	x = mustBuild(t, d, plainOptions())
	got, _ = x.SimilarItems(itemA, 10, nil, nil)
	if ids := similarIDs(got); !slices.Equal(ids, []int64{itemD, itemB}) {
		t.Fatalf("SimilarItems(A) = %v, want [D B]: a cold item with matching features first", ids)
	}
	// The mean item is now (0.75, 0.5), so f̃_A = f̃_D = (0.25,-0.5)/√0.3125:
	// feature 1 explains 0.25/0.3125 = 0.8 of their similarity, feature 0 0.2.
	fs := got[0].Reasons.Features()
	if len(fs) != 2 || fs[0].Feature != 1 || !near(fs[0].Weight, 0.8) || fs[1].Feature != 0 || !near(fs[1].Weight, 0.2) {
		t.Errorf("reasons for D = %+v, want feature 1 (0.8) then feature 0 (0.2)", fs)
	}
}

func TestSimilarItemsExclusions(t *testing.T) {
	d := Data{Items: fixtureItems(), Interactions: concat(likes(1, itemA, itemB, itemC), likes(2, itemA, itemB, itemC))}
	o := plainOptions()
	o.SimilarItemsContentWeight = 0 // co-likes only: B and C are both 1 away
	o.ItemWarmth = 0
	x := mustBuild(t, d, o)
	got, _ := x.SimilarItems(itemA, 10, nil, nil)
	if ids := similarIDs(got); !slices.Equal(ids, []int64{itemB, itemC}) {
		t.Fatalf("SimilarItems(A) = %v, want [B C] (tie broken by id)", ids)
	}
	got, _ = x.SimilarItems(itemA, 10, []int64{itemB, 999}, nil)
	if ids := similarIDs(got); !slices.Equal(ids, []int64{itemC}) {
		t.Fatalf("SimilarItems(A) excluding B = %v, want [C]", ids)
	}
	d.Items[1].Active = false
	x = mustBuild(t, d, o)
	got, _ = x.SimilarItems(itemA, 10, nil, nil)
	if ids := similarIDs(got); !slices.Equal(ids, []int64{itemC}) {
		t.Fatalf("SimilarItems(A) with B ended = %v, want [C]", ids)
	}
	// The ended item is still evidence: similar items of it are found.
	got, _ = x.SimilarItems(itemB, 10, nil, nil)
	if ids := similarIDs(got); !slices.Equal(ids, []int64{itemA, itemC}) {
		t.Fatalf("SimilarItems(ended B) = %v, want [A C]", ids)
	}
	if _, err := x.SimilarItems(999, 10, nil, nil); err != ErrUnknownItem {
		t.Fatalf("unknown item: err = %v, want ErrUnknownItem", err)
	}
	if got, err := x.SimilarItems(itemA, 0, nil, nil); err != nil || len(got) != 0 {
		t.Fatalf("k=0: %v, %v", got, err)
	}
}

func similarIDs(s []SimilarItem) []int64 {
	var ids []int64
	for _, r := range s {
		ids = append(ids, r.ItemID)
	}
	return ids
}
