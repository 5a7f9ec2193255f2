package recommend

import (
	"cmp"
	"slices"
)

// layoutActive lays out the active items for scanning. They are ordered by
// their static score bound, content share + popularity, largest first, so
// that a scan can stop at the first block whose bound is below the k-th
// best score found so far: for a member with co-likes, whose best items
// are found before the scan, most of a large catalogue is never scored.
func (x *Index) layoutActive() {
	n, dim := len(x.itemIDs), x.dim
	x.activePos = x.activePos[:0]
	for j, a := range x.active {
		if a {
			x.activePos = append(x.activePos, int32(j))
		}
	}
	bound := func(j int32) float32 { return x.itemPriors[j].contentShare + x.itemPriors[j].popularity }
	slices.SortFunc(x.activePos, func(a, b int32) int {
		return cmp.Or(cmp.Compare(bound(b), bound(a)), cmp.Compare(a, b))
	})

	na := len(x.activePos)
	x.activeIndex = make([]int32, n)
	for j := range x.activeIndex {
		x.activeIndex[j] = -1
	}
	x.activeFeatures = make([]float32, na*dim)
	x.activeRows = make([]float32, na*dim)
	x.activePriors = make([]itemPrior, na)
	x.activeAttributes = make([]uint64, na)
	for a, j := range x.activePos {
		x.activeIndex[j] = int32(a)
		x.activePriors[a] = x.itemPriors[j]
		x.activeAttributes[a] = x.attributes[j]
		for f := range dim {
			v := x.itemFeatures[f*n+int(j)]
			x.activeFeatures[f*na+a] = v
			x.activeRows[a*dim+f] = v
		}
	}

	blocks := (na + scoreBlock - 1) / scoreBlock
	x.blockShareBound = make([]float32, blocks)
	x.blockPopularityBound = make([]float32, blocks)
	var share, pop float32
	for b := blocks - 1; b >= 0; b-- {
		for _, p := range x.activePriors[b*scoreBlock : min((b+1)*scoreBlock, na)] {
			share = max(share, p.contentShare)
			pop = max(pop, p.popularity)
		}
		x.blockShareBound[b] = share
		x.blockPopularityBound[b] = pop
	}
}

// activeRow returns the centred unit features of active item a.
func (x *Index) activeRow(a int32) []float32 {
	return x.activeRows[int(a)*x.dim : (int(a)+1)*x.dim]
}
