package recommend

// SimilarItems appends to dst[:0] the k active items most similar to itemID,
// best first (ties: lower id first), leaving out the item itself and
// exclude. Only items with a positive similarity are returned:
//
//	sim(i,j) = (1-λ_ij)·S_ij + λ_ij·f̃_i·f̃_j,  λ_ij = λ₀ + (1-λ₀)·k/(k + min(n_i, n_j))
//
// so that pairs short of likers, such as a new concert, fall back on
// features. It returns ErrUnknownItem for an item the index was not built with.
func (x *Index) SimilarItems(itemID int64, k int, exclude []int64, dst []SimilarItem) ([]SimilarItem, error) {
	dst = dst[:0]
	i, ok := x.itemPosition(itemID)
	if !ok {
		return dst, ErrUnknownItem
	}
	n := len(x.itemIDs)
	if k <= 0 || n == 0 {
		return dst, nil
	}
	s := x.getScratch()
	defer x.putScratch(s)
	x.exclude(s, i)
	for _, id := range exclude {
		if p, ok := x.itemPosition(id); ok {
			x.exclude(s, p)
		}
	}
	// The query item's co-like row, spread into the dense scratch array.
	lo, hi := x.neighbourStart[i], x.neighbourStart[i+1]
	for t, j := range x.neighbourItem[lo:hi] {
		s.coLike[j] = x.neighbourSim[lo+int32(t)]
		s.coLikeTouched = append(s.coLikeTouched, j)
		x.markCoLiked(s, j)
	}
	for f := range x.dim {
		s.theta[f] = x.itemFeatures[f*n+int(i)]
	}
	// The scan, as in Recommend: blocks of active items, sequential reads.
	l0 := x.opts.SimilarItemsContentWeight
	queryColdness := x.itemPriors[i].coldness
	nActive := len(x.activePos)
	top := s.heap(min(k, nActive))
	threshold := float32(0) // only positive similarities are returned
	for lo := 0; lo < nActive; lo += scoreBlock {
		hi := min(lo+scoreBlock, nActive)
		content := s.content[:hi-lo]
		scoreRows(x.activeFeatures, nActive, lo, hi, s.theta, content)
		blockState := s.state[lo:hi]
		for t, prior := range x.activePriors[lo:hi] {
			lambda := l0 + (1-l0)*max(queryColdness, prior.coldness)
			score := lambda * content[t]
			if st := blockState[t]; st != stateOpen {
				if st == stateExcluded {
					continue
				}
				score += (1 - lambda) * s.coLike[x.activePos[lo+t]]
			}
			if score <= threshold {
				continue
			}
			top.offer(candidate{pos: x.activePos[lo+t], score: score})
			if top.full() {
				threshold = max(threshold, top.worst().score)
			}
		}
	}
	for _, c := range top.sorted() {
		j := int(c.pos)
		lambda := x.itemContentShare(i, c.pos)
		r := SimilarItem{
			ItemID:  x.itemIDs[j],
			Score:   c.score,
			CoLike:  (1 - lambda) * s.coLike[j],
			Content: lambda * rowsDot(x.itemFeatures, n, x.dim, int(i), j),
		}
		for f := range x.dim {
			r.Reasons.addFeature(f, lambda*s.theta[f]*x.itemFeatures[f*n+j])
		}
		dst = append(dst, r)
	}
	return dst, nil
}

// itemContentShare returns λ_ij; k/(k+n) falls with n, so the pair's
// coldness is the larger of the two items'.
func (x *Index) itemContentShare(i, j int32) float32 {
	l0 := x.opts.SimilarItemsContentWeight
	return l0 + (1-l0)*max(x.itemPriors[i].coldness, x.itemPriors[j].coldness)
}
