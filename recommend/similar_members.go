package recommend

// SimilarMembers appends to dst[:0] the k members most similar to the member
// whose live profile is p, best first (ties: lower id first), leaving out
// p.MemberID. Only members with a positive similarity are returned, so a
// profile with neither events nor taste gets none:
//
//	sim(u,v) = (1-μ)·Σ_i r_ui·r_vi / (‖r_u‖·‖r_v‖ + h_m) + μ·θ̂_u·θ̂_v
//
// r are positive net weights (likes), θ̂ unit taste vectors.
func (x *Index) SimilarMembers(p Profile, k int, dst []SimilarMember) ([]SimilarMember, error) {
	dst = dst[:0]
	if x == nil || len(x.itemIDs) == 0 {
		return dst, nil
	}
	s := x.getScratch()
	defer x.putScratch(s)
	lp, err := x.loadProfile(p, s)
	if err != nil || k <= 0 {
		return dst, err
	}
	m := len(x.memberIDs)
	if m == 0 || (lp.liked == 0 && lp.tasteNorm == 0) {
		return dst, nil
	}
	if s.memberCoLike == nil {
		s.memberCoLike = make([]float32, m)
		s.memberTaste = make([]float32, m)
	}
	for _, i := range s.profileItems {
		r := s.profileRaw[i]
		if r <= 0 {
			continue
		}
		for t := x.itemMemberStart[i]; t < x.itemMemberStart[i+1]; t++ {
			v := x.itemMembers[t]
			if s.memberCoLike[v] == 0 {
				s.memberTouched = append(s.memberTouched, v)
			}
			s.memberCoLike[v] += r * x.itemMemberWeight[t]
		}
	}
	mu := x.opts.MemberTasteWeight
	var tasteScale float32
	if lp.tasteNorm > 0 {
		tasteScale = mu / lp.tasteNorm
		scoreAllRows(x.memberTaste, m, s.theta, s.memberTaste)
	}
	self, hasSelf := x.memberPosition(p.MemberID)
	hasSelf = hasSelf && p.MemberID != 0

	top := s.heap(min(k, m))
	for v := range m {
		if hasSelf && int32(v) == self {
			continue
		}
		var score float32
		if c := s.memberCoLike[v]; c != 0 {
			score = (1 - mu) * c / (lp.rawNorm*x.memberNorm[v] + x.opts.MemberShrink)
		}
		if tasteScale > 0 {
			score += tasteScale * s.memberTaste[v]
		}
		if score > 0 {
			top.offer(candidate{pos: int32(v), score: score})
		}
	}
	for _, c := range top.sorted() {
		dst = append(dst, x.explainMember(s, lp, c, tasteScale))
	}
	return dst, nil
}

// explainMember splits a similar member's score into co-likes and taste and
// finds the shared liked items and taste features that weigh most.
func (x *Index) explainMember(s *scratch, lp liveProfile, c candidate, tasteScale float32) SimilarMember {
	v := int(c.pos)
	m := len(x.memberIDs)
	r := SimilarMember{MemberID: x.memberIDs[v], Score: c.score}
	if cl := s.memberCoLike[v]; cl != 0 {
		scale := (1 - x.opts.MemberTasteWeight) / (lp.rawNorm*x.memberNorm[v] + x.opts.MemberShrink)
		r.CoLike = cl * scale
		for t := x.memberItemStart[v]; t < x.memberItemStart[v+1]; t++ {
			i := x.memberItems[t]
			if raw := s.profileRaw[i]; raw > 0 {
				r.Reasons.addItem(x.itemIDs[i], scale*raw*x.memberItemWeight[t])
			}
		}
	}
	if tasteScale > 0 {
		r.Taste = tasteScale * s.memberTaste[v]
		for f, t := range s.theta {
			r.Reasons.addFeature(f, tasteScale*t*x.memberTaste[f*m+v])
		}
	}
	return r
}
