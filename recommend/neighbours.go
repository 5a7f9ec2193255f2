package recommend

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// neighbourChunk is how many items one worker takes at a time; small enough
// to balance two cores, large enough that the hand-off costs nothing.
const neighbourChunk = 256

// chunkNeighbours holds the neighbour lists of one chunk of items.
type chunkNeighbours struct {
	counts []int32
	items  []int32
	sims   []float32
}

// buildNeighbours computes, for every item i, the Options.Neighbours items j
// with the largest co-like similarity
//
//	S_ij = c_ij / ((‖r_i‖²)^α·(‖r_j‖²)^α' + h),  c_ij = Σ_u ρ_u r_ui r_uj,  ‖r_i‖² = Σ_u ρ_u r_ui²,
//
// with ρ_u = n_u^-ActivityPenalty. The work is Σ_u n_u² multiply-adds, split
// over the available cores by chunks of items; the result does not depend on
// how many cores ran it.
func (x *Index) buildNeighbours() {
	n, m := len(x.itemIDs), len(x.memberIDs)
	activity := make([]float32, m)
	for p := range m {
		if c := x.memberItemStart[p+1] - x.memberItemStart[p]; c > 0 {
			activity[p] = float32(math.Pow(float64(c), -float64(x.opts.ActivityPenalty)))
		}
	}
	sourceNorm, targetNorm := make([]float32, n), make([]float32, n)
	for i := range n {
		var sq float64
		for k := x.itemMemberStart[i]; k < x.itemMemberStart[i+1]; k++ {
			w := float64(x.itemMemberWeight[k])
			sq += float64(activity[x.itemMembers[k]]) * w * w
		}
		sourceNorm[i] = float32(math.Pow(sq, float64(x.opts.SourceNormExponent)))
		targetNorm[i] = float32(math.Pow(sq, float64(x.opts.TargetNormExponent)))
	}

	chunks := make([]chunkNeighbours, (n+neighbourChunk-1)/neighbourChunk)
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(len(chunks), 1))
	for range workers {
		wg.Go(func() {
			acc := make([]float32, n)
			var touched []int32
			var best topK // the most similar kept so far, ties to lower positions
			var packed []uint64
			for {
				c := int(next.Add(1) - 1)
				if c >= len(chunks) {
					return
				}
				out := &chunks[c]
				lo, hi := c*neighbourChunk, min((c+1)*neighbourChunk, n)
				out.counts = make([]int32, hi-lo)
				for i := lo; i < hi; i++ {
					touched = x.accumulateCoLikes(int32(i), activity, acc, touched[:0])
					best.reset(x.opts.Neighbours, best.heap)
					floor := float32(0) // only positive similarities; then the worst kept
					for _, j := range touched {
						sim := acc[j] / (sourceNorm[i]*targetNorm[j] + x.opts.CoLikeShrink)
						acc[j] = 0
						if sim > floor || (sim == floor && sim > 0) {
							best.offer(candidate{pos: j, score: sim})
							if best.full() {
								floor = best.worst().score
							}
						}
					}
					// Sort the kept neighbours by position, packed as
					// position<<32 | similarity bits: an ordered sort of
					// integers is much cheaper than one with a comparator.
					packed = packed[:0]
					for _, c := range best.heap {
						packed = append(packed, uint64(c.pos)<<32|uint64(math.Float32bits(c.score)))
					}
					slices.Sort(packed)
					out.counts[i-lo] = int32(len(packed))
					for _, pk := range packed {
						out.items = append(out.items, int32(pk>>32))
						out.sims = append(out.sims, math.Float32frombits(uint32(pk)))
					}
				}
			}
		})
	}
	wg.Wait()

	total := 0
	for _, c := range chunks {
		total += len(c.items)
	}
	x.neighbourStart = make([]int32, 1, n+1)
	x.neighbourItem = make([]int32, 0, total)
	x.neighbourSim = make([]float32, 0, total)
	for _, c := range chunks {
		for _, cnt := range c.counts {
			x.neighbourStart = append(x.neighbourStart, x.neighbourStart[len(x.neighbourStart)-1]+cnt)
		}
		x.neighbourItem = append(x.neighbourItem, c.items...)
		x.neighbourSim = append(x.neighbourSim, c.sims...)
	}
}

// accumulateCoLikes adds c_ij for every j ≠ i into acc and returns the
// positions it touched.
func (x *Index) accumulateCoLikes(i int32, activity, acc []float32, touched []int32) []int32 {
	for k := x.itemMemberStart[i]; k < x.itemMemberStart[i+1]; k++ {
		p := x.itemMembers[k]
		w := activity[p] * x.itemMemberWeight[k]
		lo, hi := x.memberItemStart[p], x.memberItemStart[p+1]
		items, weights := x.memberItems[lo:hi], x.memberItemWeight[lo:hi]
		for t, j := range items {
			if j == i {
				continue
			}
			if acc[j] == 0 {
				touched = append(touched, j)
			}
			acc[j] += w * weights[t]
		}
	}
	return touched
}
