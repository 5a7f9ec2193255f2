package recommend

import (
	"slices"
	"testing"
)

// recommendFixture: u1 {A,B}, u2 {A,B}, u3 {B,C}. With plainOptions:
//
//	‖r_A‖² = 2, ‖r_B‖² = 3, ‖r_C‖² = 1 → S_AB = 2/√6, S_BC = 1/√3, S_AC = 0
//	likers n = A 2, B 3, C 1, D 0 → pop = log1p(n)/log1p(3): A 0.792481, B 1, C 0.5, D 0
//	item share γ₀ + (γ₁-γ₀)·1/(1+n): B 0.2, C 0.3, D 0.5
func recommendFixture(t *testing.T, mutate func(*Data)) *Index {
	d := Data{Items: fixtureItems(), Interactions: concat(likes(1, itemA, itemB), likes(2, itemA, itemB), likes(3, itemB, itemC))}
	if mutate != nil {
		mutate(&d)
	}
	return mustBuild(t, d, plainOptions())
}

// A new member who liked A: n_u = 1, member share 0.1 + 0.4·1/2 = 0.3,
// cf_B = S_AB is the largest so ĉf_B = 1, θ = f̃_A so cos: B -1, C 0, D 0.
//
//	B: (1-0.3)·1 + 0.3·(-1) + 0.2·1   = 0.6
//	C: 0        + 0.3·0    + 0.2·0.5 = 0.1
//	D: 0        + 0.5·0    + 0       = 0
func TestRecommendBlend(t *testing.T) {
	x := recommendFixture(t, nil)
	recs, err := x.Recommend(Profile{MemberID: 100, Events: likeEvents(itemA)}, Query{K: 10}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ids := recIDs(recs); !slices.Equal(ids, []int64{itemB, itemC, itemD}) {
		t.Fatalf("order = %v, want [B C D] (A is already liked)", ids)
	}
	b := recs[0]
	wantNear(t, "score B", b.Score, 0.6)
	wantNear(t, "co-like part of B", b.CoLike, 0.7)
	wantNear(t, "content part of B", b.Content, -0.3)
	wantNear(t, "popularity part of B", b.Popularity, 0.2)
	wantNear(t, "score C", recs[1].Score, 0.1)
	wantNear(t, "score D", recs[2].Score, 0)
	for _, r := range recs {
		wantNear(t, "sum of parts", r.CoLike+r.Content+r.Popularity+r.Boost, r.Score)
	}
}

func TestRecommendReasons(t *testing.T) {
	x := recommendFixture(t, nil)
	recs, _ := x.Recommend(Profile{Events: likeEvents(itemA)}, Query{K: 2}, nil)
	// B is there because of A: co-like 0.7 plus content 0.3·cos(A,B) = 0.4;
	// no feature speaks for B (both contribute -0.15).
	items := recs[0].Reasons.Items()
	if len(items) != 1 || items[0].Item != itemA || !near(items[0].Weight, 0.4) {
		t.Errorf("item reasons for B = %+v, want [{A 0.4}]", items)
	}
	if fs := recs[0].Reasons.Features(); len(fs) != 0 {
		t.Errorf("feature reasons for B = %+v, want none", fs)
	}
	// C matches A on feature 0 (0.3·(1/√2)·(1/√2) = 0.15) and not on feature 1.
	fs := recs[1].Reasons.Features()
	if len(fs) != 1 || fs[0].Feature != 0 || !near(fs[0].Weight, 0.15) {
		t.Errorf("feature reasons for C = %+v, want [{0 0.15}]", fs)
	}
}

func TestRecommendBoostChangesOrder(t *testing.T) {
	x := recommendFixture(t, nil)
	q := Query{K: 10, Boosts: []AttributeBoost{{Mask: 1, Boost: 0.2}, {Mask: 2, Boost: 5}}}
	recs, err := x.Recommend(Profile{Events: likeEvents(itemA)}, q, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Only D has attribute bit 1: 0 + 0.2 puts it above C (0.1).
	if ids := recIDs(recs); !slices.Equal(ids, []int64{itemB, itemD, itemC}) {
		t.Fatalf("order = %v, want [B D C]", ids)
	}
	wantNear(t, "boost of D", recs[1].Boost, 0.2)
	wantNear(t, "score of D", recs[1].Score, 0.2)
}

func TestRecommendExclusions(t *testing.T) {
	x := recommendFixture(t, nil)
	p := Profile{Events: likeEvents(itemA)}
	recs, _ := x.Recommend(p, Query{K: 10, ExcludeItems: []int64{itemB, 12345}}, nil)
	if ids := recIDs(recs); !slices.Equal(ids, []int64{itemC, itemD}) {
		t.Fatalf("excluding B: %v, want [C D]", ids)
	}
	recs, _ = x.Recommend(p, Query{K: 10, IncludeInteracted: true}, nil)
	if !slices.Contains(recIDs(recs), itemA) {
		t.Fatalf("IncludeInteracted: %v, want A among them", recIDs(recs))
	}
	// Ended C is never recommended, but its co-likes still make B similar to C.
	x = recommendFixture(t, func(d *Data) { d.Items[2].Active = false })
	recs, _ = x.Recommend(p, Query{K: 10}, nil)
	if ids := recIDs(recs); !slices.Equal(ids, []int64{itemB, itemD}) {
		t.Fatalf("with C ended: %v, want [B D]", ids)
	}
	recs, _ = x.Recommend(Profile{Events: likeEvents(itemC)}, Query{K: 1}, nil)
	if ids := recIDs(recs); !slices.Equal(ids, []int64{itemB}) {
		t.Fatalf("liking ended C: %v, want [B], its co-liked item", ids)
	}
	if items := recs[0].Reasons.Items(); len(items) == 0 || items[0].Item != itemC {
		t.Errorf("reasons = %+v, want ended C as the reason", items)
	}
}

// A member unknown to the index with only a declared taste (1,0): θ = f̃_A,
// member share 0.5 for every item, no co-likes:
//
//	A: 0.5·1 + 0.2·0.792481 = 0.658496, C: 0 + 0.1, D: 0, B: 0.5·(-1) + 0.2 = -0.3
func TestRecommendDeclaredTasteOnly(t *testing.T) {
	x := recommendFixture(t, nil)
	recs, err := x.Recommend(Profile{MemberID: 777, Taste: []float32{1, 0}}, Query{K: 10}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ids := recIDs(recs); !slices.Equal(ids, []int64{itemA, itemC, itemD, itemB}) {
		t.Fatalf("order = %v, want [A C D B]", ids)
	}
	wantNear(t, "score A", recs[0].Score, 0.658496)
	wantNear(t, "score B", recs[3].Score, -0.3)
	// Taste (1,1) = f̃_C puts C above the popular B: C 0.5 + 0.1, B 0 + 0.2.
	recs, _ = x.Recommend(Profile{Taste: []float32{1, 1}}, Query{K: 2}, nil)
	if ids := recIDs(recs); !slices.Equal(ids, []int64{itemC, itemB}) {
		t.Fatalf("taste (1,1): %v, want [C B]", ids)
	}
	wantNear(t, "score C", recs[0].Score, 0.6)
}

func TestRecommendEmptyProfileIsPopularity(t *testing.T) {
	x := recommendFixture(t, nil)
	recs, err := x.Recommend(Profile{}, Query{K: 10}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ids := recIDs(recs); !slices.Equal(ids, []int64{itemB, itemA, itemC, itemD}) {
		t.Fatalf("order = %v, want by popularity [B A C D]", ids)
	}
	wantNear(t, "popularity of A", recs[1].Score, 0.2*0.792481)
}

// The declared-taste weight β trades the declared taste against the events:
// a member who declared taste (1,1) but liked A.
func TestRecommendDeclaredTasteWeight(t *testing.T) {
	p := Profile{Taste: []float32{1, 1}, Events: likeEvents(itemA)}
	for _, c := range []struct {
		beta float32
		want float32 // θ·f̃_C/‖θ‖ with θ = β·f̃_C + f̃_A
	}{{0, 0}, {1, 0.707107}, {3, 0.948683}} {
		o := plainOptions()
		o.DeclaredTasteWeight = c.beta
		x := mustBuild(t, Data{Items: fixtureItems(), Interactions: concat(likes(1, itemA, itemB), likes(3, itemB, itemC))}, o)
		recs, _ := x.Recommend(p, Query{K: 10}, nil)
		for _, r := range recs {
			if r.ItemID == itemC {
				// C's share is max(0.3, 0.3) = 0.3 and it has no co-likes with A.
				wantNear(t, "content part of C", r.Content, 0.3*c.want)
			}
		}
	}
}

func TestRecommendTiesByID(t *testing.T) {
	items := []Item{
		{ID: 30, Features: []float32{1}, Active: true},
		{ID: 10, Features: []float32{1}, Active: true},
		{ID: 20, Features: []float32{1}, Active: true},
		{ID: 5, Features: []float32{1}, Active: false},
	}
	x := mustBuild(t, Data{Items: items}, DefaultOptions())
	for k, want := range map[int][]int64{1: {10}, 2: {10, 20}, 5: {10, 20, 30}} {
		recs, _ := x.Recommend(Profile{Taste: []float32{0.5}}, Query{K: k}, nil)
		if ids := recIDs(recs); !slices.Equal(ids, want) {
			t.Errorf("K=%d: %v, want %v", k, ids, want)
		}
	}
}

func TestRecommendRejectsBadInput(t *testing.T) {
	x := recommendFixture(t, nil)
	for name, p := range map[string]Profile{
		"taste length": {Taste: []float32{1, 2, 3}},
		"NaN taste":    {Taste: []float32{float32(nan()), 0}},
		"NaN weight":   {Events: []Event{{Item: itemA, Weight: float32(nan())}}},
	} {
		if _, err := x.Recommend(p, Query{K: 3}, nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := x.Recommend(Profile{}, Query{K: 3, Boosts: []AttributeBoost{{Mask: 1, Boost: float32(nan())}}}, nil); err == nil {
		t.Error("NaN boost: no error")
	}
	// Events on unknown items are ignored, K ≤ 0 gives nothing, a nil index nothing.
	if recs, err := x.Recommend(Profile{Events: []Event{{Item: 999, Weight: 1}}}, Query{K: 1}, nil); err != nil || len(recs) != 1 {
		t.Errorf("unknown item event: %v, %v", recs, err)
	}
	if recs, err := x.Recommend(Profile{}, Query{K: 0}, nil); err != nil || len(recs) != 0 {
		t.Errorf("K=0: %v, %v", recs, err)
	}
	var none *Index
	if recs, err := none.Recommend(Profile{}, Query{K: 3}, nil); err != nil || len(recs) != 0 {
		t.Errorf("nil index: %v, %v", recs, err)
	}
}

// A poor review (negative weight) of A pushes the taste to the opposite
// side, θ = -f̃_A = f̃_B, and makes B's co-like part negative. No item is
// liked, so the member share is 0.5 and ĉf_B = -S_AB/S_AB = -1:
//
//	B: (1-0.5)·(-1) + 0.5·1 + 0.2 = 0.2,  C: 0.1,  D: 0
func TestRecommendNegativeWeight(t *testing.T) {
	x := recommendFixture(t, nil)
	recs, _ := x.Recommend(Profile{Events: []Event{{Item: itemA, Weight: -1, Time: 5}}}, Query{K: 10}, nil)
	if ids := recIDs(recs); !slices.Equal(ids, []int64{itemB, itemC, itemD}) {
		t.Fatalf("after disliking A: %v, want [B C D]", ids)
	}
	wantNear(t, "score B", recs[0].Score, 0.2)
	wantNear(t, "co-like part of B", recs[0].CoLike, -0.5)
	wantNear(t, "content part of B", recs[0].Content, 0.5)
}
