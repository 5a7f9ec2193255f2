package recommend

import (
	"slices"
	"testing"
)

// membersFixture: u1 {A,C}, u2 {A}, u3 {D}. Tastes (recency off, β unused):
//
//	θ̂_u1 = unit(f̃_A + f̃_C) = (1,0)   θ̂_u2 = f̃_A   θ̂_u3 = f̃_D
//	‖r_u1‖ = √2, ‖r_u2‖ = ‖r_u3‖ = 1
func membersFixture(t *testing.T) *Index {
	d := Data{Items: fixtureItems(), Interactions: concat(likes(1, itemA, itemC), likes(2, itemA), likes(3, itemD))}
	return mustBuild(t, d, plainOptions())
}

func memberIDs(ms []SimilarMember) []int64 {
	var ids []int64
	for _, m := range ms {
		ids = append(ids, m.MemberID)
	}
	return ids
}

// A new member who liked A (θ = f̃_A, ‖r‖ = 1), μ = 0.5, no shrinkage:
//
//	u2: 0.5·1/(1·1)  + 0.5·1     = 1
//	u1: 0.5·1/(1·√2) + 0.5·(1/√2) = 0.707107
//	u3: 0             + 0.5·0     = 0 → left out
func TestSimilarMembersBlend(t *testing.T) {
	x := membersFixture(t)
	got, err := x.SimilarMembers(Profile{MemberID: 99, Events: likeEvents(itemA)}, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ids := memberIDs(got); !slices.Equal(ids, []int64{2, 1}) {
		t.Fatalf("similar members = %v, want [2 1]", ids)
	}
	wantNear(t, "sim(u2)", got[0].Score, 1)
	wantNear(t, "co-like part of u2", got[0].CoLike, 0.5)
	wantNear(t, "taste part of u2", got[0].Taste, 0.5)
	wantNear(t, "sim(u1)", got[1].Score, 0.707107)
	wantNear(t, "co-like part of u1", got[1].CoLike, 0.353553)

	// Reasons: the shared item A, and both features equally (0.5·½ each).
	items := got[0].Reasons.Items()
	if len(items) != 1 || items[0].Item != itemA || !near(items[0].Weight, 0.5) {
		t.Errorf("item reasons = %+v, want [{A 0.5}]", items)
	}
	fs := got[0].Reasons.Features()
	if len(fs) != 2 || fs[0].Feature != 0 || fs[1].Feature != 1 || !near(fs[0].Weight, 0.25) || !near(fs[1].Weight, 0.25) {
		t.Errorf("feature reasons = %+v, want [{0 0.25} {1 0.25}]", fs)
	}
}

func TestSimilarMembersLeavesOutSelf(t *testing.T) {
	x := membersFixture(t)
	// Member 2 asks with a live profile: they are not their own neighbour.
	got, _ := x.SimilarMembers(Profile{MemberID: 2, Events: likeEvents(itemA)}, 10, nil)
	if ids := memberIDs(got); !slices.Equal(ids, []int64{1}) {
		t.Fatalf("similar to member 2 = %v, want [1]", ids)
	}
	got, _ = x.SimilarMembers(Profile{MemberID: 2, Events: likeEvents(itemA)}, 1, nil)
	if len(got) != 1 {
		t.Fatalf("k=1 gave %d", len(got))
	}
}

func TestSimilarMembersEmpty(t *testing.T) {
	x := membersFixture(t)
	for name, p := range map[string]Profile{
		"no events, no taste": {MemberID: 99},
		// B is liked by nobody, and f̃_B is opposite to u1 and u2 and
		// orthogonal to u3: no positive similarity anywhere.
		"taste nobody shares": {MemberID: 99, Events: likeEvents(itemB)},
	} {
		got, err := x.SimilarMembers(p, 10, nil)
		if err != nil || len(got) != 0 {
			t.Errorf("%s: %+v, %v; want none", name, got, err)
		}
	}
	if _, err := x.SimilarMembers(Profile{Taste: []float32{1}}, 10, nil); err == nil {
		t.Error("taste of the wrong length: no error")
	}
}

// A declared taste alone finds members by taste: (1,1) is f̃_C, which is
// orthogonal to f̃_A and opposite to f̃_D, but u1's (1,0) has cos 1/√2.
func TestSimilarMembersDeclaredTaste(t *testing.T) {
	x := membersFixture(t)
	got, _ := x.SimilarMembers(Profile{Taste: []float32{1, 1}}, 10, nil)
	if ids := memberIDs(got); !slices.Equal(ids, []int64{1}) {
		t.Fatalf("similar to taste (1,1) = %v, want [1]", ids)
	}
	wantNear(t, "sim(u1)", got[0].Score, 0.5*0.707107)
}
