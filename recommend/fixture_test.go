package recommend

import (
	"math"
	"testing"
)

// Item ids of the tiny fixture. Features (two of them) are chosen so that
// the centred unit vectors are simple: the mean item is (0.5, 0.5), so
//
//	f̃_A = (1,-1)/√2   f̃_B = (-1,1)/√2   f̃_C = (1,1)/√2   f̃_D = (-1,-1)/√2
//
// and cos(A,B) = cos(C,D) = -1 while A and C (or A and D) are orthogonal.
const (
	itemA int64 = 1
	itemB int64 = 2
	itemC int64 = 3
	itemD int64 = 4
)

func fixtureItems() []Item {
	return []Item{
		{ID: itemA, Features: []float32{1, 0}, Active: true},
		{ID: itemB, Features: []float32{0, 1}, Active: true},
		{ID: itemC, Features: []float32{1, 1}, Active: true},
		{ID: itemD, Features: []float32{0, 0}, Active: true, Attributes: 1},
	}
}

// plainOptions switch off recency and the activity penalty so that the
// expected numbers can be worked out by hand.
func plainOptions() Options {
	o := DefaultOptions()
	o.RecencyHalfLife = 0
	o.RecencyHalfLifeEvents = 0
	o.ActivityPenalty = 0
	o.CoLikeShrink = 0
	o.DeclaredTasteWeight = 1
	o.ContentWeight = 0.1
	o.ColdContentWeight = 0.5
	o.MemberWarmth = 1
	o.ItemWarmth = 1
	o.PopularityWeight = 0.2
	o.SimilarItemsContentWeight = 0.2
	o.MemberTasteWeight = 0.5
	o.MemberShrink = 0
	return o
}

func likes(member int64, items ...int64) []Interaction {
	var out []Interaction
	for k, it := range items {
		out = append(out, Interaction{Member: member, Item: it, Weight: 1, Time: int64(1000 + k)})
	}
	return out
}

func concat[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func mustBuild(t testing.TB, d Data, o Options) *Index {
	t.Helper()
	x, err := Build(d, o)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func near(got, want float32) bool { return math.Abs(float64(got-want)) < 1e-5 }

func wantNear(t *testing.T, what string, got, want float32) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %.6f, want %.6f", what, got, want)
	}
}

func likeEvents(items ...int64) []Event {
	var out []Event
	for k, it := range items {
		out = append(out, Event{Item: it, Weight: 1, Time: int64(2000 + k)})
	}
	return out
}

func recIDs(recs []Recommendation) []int64 {
	var ids []int64
	for _, r := range recs {
		ids = append(ids, r.ItemID)
	}
	return ids
}

func nan() float64 { return math.NaN() }
