package recommend

import (
	"cmp"
	"fmt"
	"slices"
)

// liveProfile summarises the asking member's Profile against one Index.
type liveProfile struct {
	liked     int     // n_u: items with a positive net weight
	tasteNorm float32 // ‖θ‖; zero when the profile says nothing about taste
	rawNorm   float32 // ‖r_u‖ over positive net weights, for member co-likes
}

// loadProfile validates p and fills the scratch profile arrays:
//
//	r_i = Σ_events on i w          (net weight)
//	ω_i = r_i · decay_i            (see recency)
//	θ   = β·d̃ + Σ_i ω_i·f̃_i      (d̃, f̃: centred unit vectors)
//
// Recency is measured from the member's own latest event, not the clock, so
// that a member back after a long pause is still described by their taste.
// The profile's items are left sorted latest first.
func (x *Index) loadProfile(p Profile, s *scratch) (liveProfile, error) {
	var lp liveProfile
	if len(p.Taste) != 0 && len(p.Taste) != x.dim {
		return lp, fmt.Errorf("recommend: profile taste has %d features, index has %d", len(p.Taste), x.dim)
	}
	if !allFinite(p.Taste) {
		return lp, fmt.Errorf("recommend: profile taste has a non-finite value")
	}
	for _, ev := range p.Events {
		if !finite(ev.Weight) {
			return lp, fmt.Errorf("recommend: profile event on item %d has a non-finite weight", ev.Item)
		}
	}
	for _, ev := range p.Events {
		i, ok := x.itemPosition(ev.Item)
		if !ok {
			continue
		}
		if !s.inProfile[i] {
			s.inProfile[i] = true
			s.profileItems = append(s.profileItems, i)
			s.profileTime[i] = ev.Time
		}
		s.profileTime[i] = max(s.profileTime[i], ev.Time)
		s.profileRaw[i] += ev.Weight
	}
	slices.SortFunc(s.profileItems, func(a, b int32) int {
		return cmp.Or(cmp.Compare(s.profileTime[b], s.profileTime[a]), cmp.Compare(a, b))
	})
	x.opts.recency().decays(len(s.profileItems),
		func(k int) int64 { return s.profileTime[s.profileItems[k]] },
		func(k int, decay float32) {
			i := s.profileItems[k]
			s.profileWeight[i] = s.profileRaw[i] * decay
		})

	clear(s.theta)
	if len(p.Taste) != 0 {
		x.centreUnit(p.Taste, s.declared)
		for f, v := range s.declared {
			s.theta[f] = x.opts.DeclaredTasteWeight * v
		}
	}
	n := len(x.itemIDs)
	var rawSq float32
	for _, i := range s.profileItems {
		w := s.profileWeight[i]
		for f := range s.theta {
			s.theta[f] += w * x.itemFeatures[f*n+int(i)]
		}
		if r := s.profileRaw[i]; r > 0 {
			lp.liked++
			rawSq += r * r
		}
	}
	lp.tasteNorm = norm(s.theta)
	if lp.tasteNorm < 1e-6 {
		lp.tasteNorm = 0
	}
	lp.rawNorm = sqrt32(rawSq)
	return lp, nil
}
