package recommend

import (
	"fmt"
	"math"
)

// Recommend appends to dst[:0] the q.K best active items for the member whose
// live profile is p, best first (ties: lower id first), and returns it. Items
// the profile has events on are left out unless q.IncludeInteracted, and so
// are q.ExcludeItems. A profile with no events and no taste gets the most
// popular items. With a dst of capacity q.K the call allocates nothing.
func (x *Index) Recommend(p Profile, q Query, dst []Recommendation) ([]Recommendation, error) {
	dst = dst[:0]
	for _, b := range q.Boosts {
		if !finite(b.Boost) {
			return dst, fmt.Errorf("recommend: boost for mask %#x is not finite", b.Mask)
		}
	}
	if x == nil || q.K <= 0 || len(x.activePos) == 0 {
		return dst, nil
	}
	s := x.getScratch()
	defer x.putScratch(s)
	lp, err := x.loadProfile(p, s)
	if err != nil {
		return dst, err
	}
	if !q.IncludeInteracted {
		for _, i := range s.profileItems {
			x.exclude(s, i)
		}
	}
	for _, id := range q.ExcludeItems {
		if i, ok := x.itemPosition(id); ok {
			x.exclude(s, i)
		}
	}

	sc := x.newScorer(s, lp)
	top := s.heap(min(q.K, len(x.activePos)))
	x.scanActive(s, &sc, q.Boosts, top)
	for _, c := range top.sorted() {
		dst = append(dst, x.explainRecommendation(s, &sc, c, q.Boosts))
	}
	return dst, nil
}

// scanActive offers every active, non-excluded item that may make the top
// to top, with its full score, in two phases:
//
//  1. Items with co-likes (at most |profile|·N) are scored one by one; they
//     usually fill the top with high scores.
//  2. The other items are scanned a block at a time in the order of
//     layoutActive, the content scores of a block computed into a buffer
//     that stays in cache while the block is blended. Items without co-likes
//     score at most max(member share, item share)·1 + popularity + boosts,
//     so the scan stops at the first block whose bound is below the worst
//     score kept.
//
// Per-item data is in active order so that the scan reads memory
// sequentially; slices are read through locals so that the compiler keeps
// them in registers. The scan dominates a query.
func (x *Index) scanActive(s *scratch, sc *scorer, boosts []AttributeBoost, top *topK) {
	lowest := float32(math.Inf(-1))
	threshold := lowest // the worst kept score once top is full
	// offer returns the new threshold; it does not capture threshold, so
	// that the scan can keep it in a register.
	offer := func(j int32, score float32) float32 {
		top.offer(candidate{pos: j, score: score})
		if top.full() {
			return top.worst().score
		}
		return lowest
	}
	for f, t := range s.theta {
		s.unitTheta[f] = t * sc.tasteScale // θ/‖θ‖: content scores need no scaling
	}
	var anyBoost uint64 // the union of the boost masks: most items match none
	var boostBound float32
	for _, b := range boosts {
		anyBoost |= b.Mask
		boostBound += max(b.Boost, 0)
	}
	memberShare := sc.memberShare

	for _, j := range s.coLikeTouched {
		a := x.activeIndex[j]
		if a < 0 || s.state[a] != stateOpen {
			continue
		}
		s.state[a] = stateCoLiked
		s.marked = append(s.marked, a)
		prior := x.activePriors[a]
		share := max(memberShare, prior.contentShare)
		score := (1-share)*s.coLike[j]*sc.coLikeScale + share*dot(s.unitTheta, x.activeRow(a)) + prior.popularity
		if attrs := x.activeAttributes[a]; attrs&anyBoost != 0 {
			score += boostFor(attrs, boosts)
		}
		threshold = offer(j, score)
	}

	nActive := len(x.activePos)
	priors, attributes, state := x.activePriors, x.activeAttributes, s.state
	hasTaste := sc.tasteScale > 0
	for lo, block := 0, 0; lo < nActive; lo, block = lo+scoreBlock, block+1 {
		bound := x.blockPopularityBound[block] + boostBound
		if hasTaste {
			bound += max(memberShare, x.blockShareBound[block])
		}
		if bound+boundSlack < threshold {
			break
		}
		hi := min(lo+scoreBlock, nActive)
		content := s.content[:hi-lo]
		if hasTaste {
			scoreRows(x.activeFeatures, nActive, lo, hi, s.unitTheta, content)
		} else {
			clear(content)
		}
		blockState := state[lo:hi]
		for k, prior := range priors[lo:hi] {
			if blockState[k] != stateOpen {
				continue // excluded, or scored with its co-likes
			}
			score := max(memberShare, prior.contentShare)*content[k] + prior.popularity
			if anyBoost != 0 {
				if attrs := attributes[lo+k]; attrs&anyBoost != 0 {
					score += boostFor(attrs, boosts)
				}
			}
			if score < threshold {
				continue
			}
			threshold = offer(x.activePos[lo+k], score)
		}
	}
}

// boundSlack absorbs float32 rounding in the comparison of a block's score
// bound with actual scores: a cosine computed in float32 may exceed 1 by a
// few ulps.
const boundSlack = 1e-4

// scoreBlock is how many items are scored at a time: 2048 content scores
// (8 KiB) stay in the L1 cache between computing and blending them.
const scoreBlock = 2048

// scorer holds the per-query constants of the blend
//
//	score_j = (1-a_j)·cf_j/max|cf| + a_j·θ·f̃_j/‖θ‖ + π·pop_j (+ boosts)
//	a_j     = γ₀ + (γ₁-γ₀)·max(m/(m+n_u), k/(k+n_j))
//	        = max(γ₀ + (γ₁-γ₀)·m/(m+n_u), itemPrior.contentShare)
//
// (For speed the blend is written out in Recommend's scan.)
type scorer struct {
	x           *Index
	s           *scratch
	memberShare float32 // the member's least content share
	coLikeScale float32 // 1/max|cf| or 0
	tasteScale  float32 // 1/‖θ‖ or 0
}

// newScorer computes the collaborative scores and the blend constants.
func (x *Index) newScorer(s *scratch, lp liveProfile) scorer {
	o := &x.opts
	sc := scorer{x: x, s: s}
	sc.memberShare = o.ContentWeight + (o.ColdContentWeight-o.ContentWeight)*warmthShare(o.MemberWarmth, float32(lp.liked))
	if top := x.scoreCoLikes(s); top > 0 {
		sc.coLikeScale = 1 / top
	}
	if lp.tasteNorm > 0 {
		sc.tasteScale = 1 / lp.tasteNorm
	}
	return sc
}

// scoreCoLikes sets cf_j = Σ_i ω_i·S_ij over the profile's items and returns
// max |cf_j| over items that may be returned, the scale that maps the best
// collaborative candidate to 1 whatever the size of the profile.
func (x *Index) scoreCoLikes(s *scratch) float32 {
	for _, i := range s.profileItems {
		w := s.profileWeight[i]
		if w == 0 {
			continue
		}
		lo, hi := x.neighbourStart[i], x.neighbourStart[i+1]
		sims := x.neighbourSim[lo:hi]
		for k, j := range x.neighbourItem[lo:hi] {
			if s.coLike[j] == 0 {
				s.coLikeTouched = append(s.coLikeTouched, j)
			}
			s.coLike[j] += w * sims[k]
		}
	}
	var top float32
	for _, j := range s.coLikeTouched {
		if x.isCandidate(s, j) {
			top = max(top, abs32(s.coLike[j]))
		}
	}
	return top
}

// contentShare returns a_j for item position j.
func (sc *scorer) contentShare(j int32) float32 {
	return max(sc.memberShare, sc.x.itemPriors[j].contentShare)
}

// boostFor sums the boosts whose mask shares a bit with attrs.
func boostFor(attrs uint64, boosts []AttributeBoost) float32 {
	var b float32
	for _, bo := range boosts {
		if attrs&bo.Mask != 0 {
			b += bo.Boost
		}
	}
	return b
}

// explainRecommendation splits a candidate's score into its parts and finds
// the features and profile items that contributed most.
func (x *Index) explainRecommendation(s *scratch, sc *scorer, c candidate, boosts []AttributeBoost) Recommendation {
	j := int(c.pos)
	n := len(x.itemIDs)
	a := sc.contentShare(c.pos)
	coLikeScale := (1 - a) * sc.coLikeScale
	tasteScale := a * sc.tasteScale
	r := Recommendation{
		ItemID:     x.itemIDs[j],
		Score:      c.score,
		CoLike:     s.coLike[j] * coLikeScale,
		Popularity: x.itemPriors[j].popularity,
		Boost:      boostFor(x.attributes[j], boosts),
	}
	if tasteScale > 0 {
		r.Content = rowDot(x.itemFeatures, n, j, s.theta) * tasteScale
		for f, t := range s.theta {
			r.Reasons.addFeature(f, tasteScale*t*x.itemFeatures[f*n+j])
		}
	}
	for _, i := range s.profileItems {
		w := s.profileWeight[i]
		if w == 0 {
			continue
		}
		var part float32
		if coLikeScale > 0 {
			part += coLikeScale * x.coLike(i, c.pos)
		}
		if tasteScale > 0 {
			part += tasteScale * rowsDot(x.itemFeatures, n, x.dim, int(i), j)
		}
		r.Reasons.addItem(x.itemIDs[i], w*part)
	}
	return r
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}
