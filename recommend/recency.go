package recommend

import "math"

// recency weighs a member's items by how recent they are, twice over: by
// time since the member's latest item, and by how many of the member's items
// came later. Time alone cannot tell apart items rated in one sitting, and
// the count alone ignores that a year-old like says less than yesterday's.
//
//	decay_i = 2^(-(t_last - t_i)/H) · 2^(-later_i/E)
type recency struct {
	halfLifeSeconds float64 // H; 0 disables
	halfLifeEvents  float64 // E; 0 disables
}

func (o Options) recency() recency {
	return recency{halfLifeSeconds: o.RecencyHalfLife.Seconds(), halfLifeEvents: float64(o.RecencyHalfLifeEvents)}
}

// decays calls set(k, decay_k) for k in [0, n), where time(k) is the latest
// event time on the k-th item and the items are sorted by time, latest first.
// Items with equal times count the same number of later items.
func (r recency) decays(n int, time func(k int) int64, set func(k int, decay float32)) {
	if n == 0 {
		return
	}
	latest := time(0)
	later := 0
	for k := range n {
		t := time(k)
		if k > 0 && t != time(k-1) {
			later = k
		}
		d := halfLifeDecay(latest-t, r.halfLifeSeconds)
		if r.halfLifeEvents > 0 && later > 0 {
			d *= float32(math.Exp2(-float64(later) / r.halfLifeEvents))
		}
		set(k, d)
	}
}
