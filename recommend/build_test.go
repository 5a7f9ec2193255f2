package recommend

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestBuildRejectsMalformedInput(t *testing.T) {
	for name, c := range map[string]struct {
		d    Data
		want string
	}{
		"duplicate item": {Data{Items: []Item{{ID: 1, Features: []float32{1}}, {ID: 1, Features: []float32{1}}}}, "duplicate item"},
		"feature length": {Data{Items: []Item{{ID: 1, Features: []float32{1}}, {ID: 2, Features: []float32{1, 2}}}}, "features"},
		"NaN feature":    {Data{Items: []Item{{ID: 1, Features: []float32{float32(math.NaN())}}}}, "non-finite"},
		"NaN weight": {Data{Items: fixtureItems(), Interactions: []Interaction{{Member: 1, Item: itemA, Weight: float32(math.Inf(1))}}},
			"non-finite"},
		"duplicate member": {Data{Items: fixtureItems(), Members: []Member{{ID: 1}, {ID: 1}}}, "duplicate member"},
		"taste length":     {Data{Items: fixtureItems(), Members: []Member{{ID: 1, Taste: []float32{1}}}}, "taste"},
	} {
		if _, err := Build(c.d, DefaultOptions()); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", name, err, c.want)
		}
	}
	bad := DefaultOptions()
	bad.ContentWeight = 2
	if _, err := Build(Data{}, bad); err == nil {
		t.Error("ContentWeight 2: no error")
	}
	bad = DefaultOptions()
	bad.Neighbours = 0
	if _, err := Build(Data{}, bad); err == nil {
		t.Error("Neighbours 0: no error")
	}
}

func TestBuildSkipsUnknownItemsAndMergesRepeats(t *testing.T) {
	d := Data{
		Items:   fixtureItems(),
		Members: []Member{{ID: 9, Taste: []float32{1, 0}}},
		Interactions: []Interaction{
			{Member: 1, Item: itemA, Weight: 1, Time: 10},
			{Member: 1, Item: itemA, Weight: 0.5, Time: 20}, // a like, then a review
			{Member: 1, Item: 404, Weight: 1, Time: 30},
			{Member: 2, Item: 404, Weight: 1, Time: 30}, // only unknown items: not a member
		},
	}
	x := mustBuild(t, d, plainOptions())
	st := x.Stats()
	if st.Items != 4 || st.ActiveItems != 4 || st.Members != 2 || st.Interactions != 2 || st.SkippedInteractions != 2 || st.Dim != 2 || st.Now != 30 {
		t.Fatalf("stats = %+v", st)
	}
	p, _ := x.memberPosition(1)
	lo, hi := x.memberItemStart[p], x.memberItemStart[p+1]
	if hi-lo != 1 || x.memberItemWeight[lo] != 1.5 {
		t.Fatalf("member 1 weights = %v, want the two events on A merged to 1.5", x.memberItemWeight[lo:hi])
	}
	// Member 9 has no interactions but a declared taste, which the index keeps.
	p, _ = x.memberPosition(9)
	m := len(x.memberIDs)
	wantNear(t, "taste of member 9", x.memberTaste[int(p)], float32(1/math.Sqrt2))
	wantNear(t, "taste of member 9", x.memberTaste[m+int(p)], float32(-1/math.Sqrt2))
}

func TestBuildEmpty(t *testing.T) {
	x := mustBuild(t, Data{}, DefaultOptions())
	if recs, err := x.Recommend(Profile{}, Query{K: 5}, nil); err != nil || len(recs) != 0 {
		t.Fatalf("empty index: %v, %v", recs, err)
	}
	if ms, err := x.SimilarMembers(Profile{Events: likeEvents(1)}, 5, nil); err != nil || len(ms) != 0 {
		t.Fatalf("empty index: %v, %v", ms, err)
	}
}

func TestMaxItemsPerMemberKeepsTheLatest(t *testing.T) {
	o := plainOptions()
	o.MaxItemsPerMember = 2
	d := Data{Items: fixtureItems(), Interactions: likes(1, itemA, itemB, itemC)} // times 1000, 1001, 1002
	x := mustBuild(t, d, o)
	var got []int64
	for k := x.memberItemStart[0]; k < x.memberItemStart[1]; k++ {
		got = append(got, x.itemIDs[x.memberItems[k]])
	}
	if !slices.Equal(got, []int64{itemB, itemC}) {
		t.Fatalf("co-like items = %v, want the latest two [B C]", got)
	}
	// Popularity still counts every like.
	if x.itemLikers[0] != 1 {
		t.Fatalf("likers of A = %d, want 1", x.itemLikers[0])
	}
}

// 2^(-age/H) by time, times 2^(-later/E) by count; equal times count alike.
func TestRecencyDecay(t *testing.T) {
	r := recency{halfLifeSeconds: 50, halfLifeEvents: 1}
	times := []int64{100, 100, 50, 0}
	var got []float32
	r.decays(len(times), func(k int) int64 { return times[k] }, func(_ int, d float32) { got = append(got, d) })
	want := []float32{1, 1, 0.5 * 0.25, 0.25 * 0.125}
	for k := range want {
		wantNear(t, "decay", got[k], want[k])
	}
	got = got[:0]
	recency{}.decays(len(times), func(k int) int64 { return times[k] }, func(_ int, d float32) { got = append(got, d) })
	if !slices.Equal(got, []float32{1, 1, 1, 1}) {
		t.Fatalf("no recency: %v", got)
	}
}

// A profile's newer like outweighs an older one: liked C long ago and A
// just now, the member's taste leans to A.
func TestRecencyWeighsTheProfile(t *testing.T) {
	o := plainOptions()
	o.RecencyHalfLife = time.Hour
	x := mustBuild(t, Data{Items: fixtureItems()}, o)
	s := x.getScratch()
	defer x.putScratch(s)
	p := Profile{Events: []Event{{Item: itemC, Weight: 1, Time: 0}, {Item: itemA, Weight: 1, Time: 3600}}}
	if _, err := x.loadProfile(p, s); err != nil {
		t.Fatal(err)
	}
	a, _ := x.itemPosition(itemA)
	c, _ := x.itemPosition(itemC)
	wantNear(t, "ω_A", s.profileWeight[a], 1)
	wantNear(t, "ω_C", s.profileWeight[c], 0.5)
	// θ = f̃_A + 0.5·f̃_C = (1.5, -0.5)/√2
	wantNear(t, "θ_0", s.theta[0], float32(1.5/math.Sqrt2))
	wantNear(t, "θ_1", s.theta[1], float32(-0.5/math.Sqrt2))
}

func TestBuildIsDeterministicAcrossCores(t *testing.T) {
	d := randomData(300, 200, 4000, 3)
	prev := runtime.GOMAXPROCS(1)
	one := mustBuild(t, d, DefaultOptions())
	runtime.GOMAXPROCS(max(prev, 2))
	two := mustBuild(t, d, DefaultOptions())
	runtime.GOMAXPROCS(prev)
	if !slices.Equal(one.neighbourStart, two.neighbourStart) || !slices.Equal(one.neighbourItem, two.neighbourItem) || !slices.Equal(one.neighbourSim, two.neighbourSim) {
		t.Fatal("neighbours differ between one and two cores")
	}
	p := Profile{Events: likeEvents(1, 2, 3, 4, 5)}
	r1, _ := one.Recommend(p, Query{K: 20}, nil)
	r2, _ := two.Recommend(p, Query{K: 20}, nil)
	if !slices.Equal(r1, r2) {
		t.Fatal("recommendations differ")
	}
}

func TestDefaultOptions(t *testing.T) {
	o := DefaultOptions()
	if err := o.validate(); err != nil {
		t.Fatal(err)
	}
	// The tuned values (see BENCHMARKS.md); changing one is a decision to
	// re-run recommend-eval.
	want := Options{
		Neighbours: 100, CoLikeShrink: 5, ActivityPenalty: 0.5, MaxItemsPerMember: 500,
		SourceNormExponent: 0.5, TargetNormExponent: 0.5,
		RecencyHalfLife: 30 * 24 * time.Hour, RecencyHalfLifeEvents: 20, DeclaredTasteWeight: 3,
		ContentWeight: 0.05, ColdContentWeight: 0.4, MemberWarmth: 2, ItemWarmth: 0.5,
		PopularityWeight: 0.1, SimilarItemsContentWeight: 0.2, MemberTasteWeight: 0.3, MemberShrink: 1,
	}
	if o != want {
		t.Fatalf("DefaultOptions() = %+v\nwant %+v", o, want)
	}
}

func TestReasonsKeepTheLargest(t *testing.T) {
	var r Reasons
	for f, w := range []float32{0.1, 0.5, -1, 0.3, 0.5, 0.2} {
		r.addFeature(f, w)
	}
	want := []FeatureReason{{1, 0.5}, {4, 0.5}, {3, 0.3}}
	if got := r.Features(); !slices.Equal(got, want) {
		t.Fatalf("features = %v, want %v", got, want)
	}
	for id, w := range map[int64]float32{7: 0.2, 3: 0.2, 9: 0.9, 1: 0} {
		r.addItem(id, w)
	}
	if got := r.Items(); !slices.Equal(got, []ItemReason{{9, 0.9}, {3, 0.2}, {7, 0.2}}) {
		t.Fatalf("items = %v", got)
	}
}

func TestTopKOrder(t *testing.T) {
	var top topK
	top.reset(3, nil)
	for p, s := range []float32{0.5, 0.9, 0.5, 0.1, 0.9, 0.7} {
		top.offer(candidate{pos: int32(p), score: s})
	}
	got := top.sorted()
	want := []candidate{{1, 0.9}, {4, 0.9}, {5, 0.7}}
	if !slices.Equal(got, want) {
		t.Fatalf("top 3 = %v, want %v", got, want)
	}
}
