package recommend

import (
	"cmp"
	"slices"
	"testing"
)

// bruteForceTop scores every active item straight from the formula in the
// package comment, with none of Recommend's shortcuts (the two phases, the
// block bounds, the column layout), and returns the top k ids.
func bruteForceTop(x *Index, p Profile, q Query, k int) []int64 {
	s := x.getScratch()
	defer x.putScratch(s)
	lp, err := x.loadProfile(p, s)
	if err != nil {
		panic(err)
	}
	o := x.opts
	n := len(x.itemIDs)
	memberCold := warmthShare(o.MemberWarmth, float32(lp.liked))
	excluded := map[int32]bool{}
	for _, i := range s.profileItems {
		excluded[i] = !q.IncludeInteracted
	}
	for _, id := range q.ExcludeItems {
		if i, ok := x.itemPosition(id); ok {
			excluded[i] = true
		}
	}
	cf := make([]float64, n)
	var top float64
	for j := range int32(n) {
		for _, i := range s.profileItems {
			cf[j] += float64(s.profileWeight[i]) * float64(x.coLike(i, j))
		}
		if x.active[j] && !excluded[j] {
			top = max(top, abs64(cf[j]))
		}
	}
	type scored struct {
		id    int64
		score float64
	}
	var all []scored
	for j := range int32(n) {
		if !x.active[j] || excluded[j] {
			continue
		}
		a := float64(o.ContentWeight + (o.ColdContentWeight-o.ContentWeight)*max(memberCold, warmthShare(o.ItemWarmth, float32(x.itemLikers[j]))))
		var score float64
		if top > 0 {
			score += (1 - a) * cf[j] / top
		}
		if lp.tasteNorm > 0 {
			score += a * float64(rowDot(x.itemFeatures, n, int(j), s.theta)) / float64(lp.tasteNorm)
		}
		score += float64(x.itemPriors[j].popularity) + float64(boostFor(x.attributes[j], q.Boosts))
		all = append(all, scored{x.itemIDs[j], score})
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.id, b.id)) })
	var ids []int64
	for _, sc := range all[:min(k, len(all))] {
		ids = append(ids, sc.id)
	}
	return ids
}

func abs64(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// Recommend's shortcuts must not change its answer. Scores computed in a
// different order may differ in the last bits, so a mismatch is accepted
// only where the two rankings disagree between near-equal scores.
func TestRecommendMatchesBruteForce(t *testing.T) {
	d := randomData(3*scoreBlock, 400, 20000, 5) // several scan blocks
	x := mustBuild(t, d, DefaultOptions())
	profiles := []Profile{
		{},
		{Taste: d.Items[7].Features},
		{Events: likeEvents(1, 2, 3)},
		{Taste: d.Items[9].Features, Events: likeEvents(40, 41, 500, 900, 1200, 3000)},
		{Events: []Event{{Item: 5, Weight: -1, Time: 1}, {Item: 6, Weight: 1, Time: 2}}},
	}
	queries := []Query{
		{K: 10},
		{K: 25, Boosts: []AttributeBoost{{Mask: 0b11, Boost: 0.3}, {Mask: 0b100, Boost: -0.2}}},
		{K: 5, ExcludeItems: []int64{1, 2, 3, 4, 5}, IncludeInteracted: true},
	}
	for pi, p := range profiles {
		for qi, q := range queries {
			recs, err := x.Recommend(p, q, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := bruteForceTop(x, p, q, q.K)
			got := recIDs(recs)
			if !slices.Equal(got, want) {
				t.Errorf("profile %d, query %d:\n got %v\nwant %v", pi, qi, got, want)
			}
		}
	}
}
