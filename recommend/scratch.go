package recommend

// scratch is the per-query working memory, sized for one Index and recycled
// through its pool so that a query allocates nothing but its result. Every
// query leaves the per-item and per-member arrays zeroed on return, clearing
// only the entries it touched.
type scratch struct {
	// The asking member's profile, by item position.
	inProfile     []bool
	profileWeight []float32 // ω_i, recency-weighted net weight
	profileRaw    []float32 // net weight without recency
	profileTime   []int64   // latest event time
	profileItems  []int32   // positions with inProfile set
	theta         []float32 // unnormalised taste θ, length F
	unitTheta     []float32 // θ/‖θ‖
	declared      []float32 // centred declared taste, length F

	// Candidate state by active index (see Index.activeIndex): a scan reads
	// it sequentially, one byte per item.
	state  []candidateState
	marked []int32 // active indices whose state is set

	coLike        []float32 // collaborative score by item position
	coLikeTouched []int32
	content       []float32 // content scores of one block of items

	memberCoLike  []float32 // by member position, allocated on first use
	memberTouched []int32
	memberTaste   []float32 // by member position, fully overwritten

	top     topK
	heapBuf []candidate
}

// getScratch returns zeroed working memory for one query on x.
func (x *Index) getScratch() *scratch {
	if s, ok := x.scratch.Get().(*scratch); ok {
		return s
	}
	n := len(x.itemIDs)
	return &scratch{
		inProfile:     make([]bool, n),
		profileWeight: make([]float32, n),
		profileRaw:    make([]float32, n),
		profileTime:   make([]int64, n),
		theta:         make([]float32, x.dim),
		unitTheta:     make([]float32, x.dim),
		declared:      make([]float32, x.dim),
		state:         make([]candidateState, len(x.activePos)),
		coLike:        make([]float32, n),
		content:       make([]float32, scoreBlock),
	}
}

// putScratch clears what the query touched and returns s to the pool.
func (x *Index) putScratch(s *scratch) {
	for _, i := range s.profileItems {
		s.inProfile[i] = false
		s.profileWeight[i] = 0
		s.profileRaw[i] = 0
		s.profileTime[i] = 0
	}
	s.profileItems = s.profileItems[:0]
	for _, a := range s.marked {
		s.state[a] = stateOpen
	}
	s.marked = s.marked[:0]
	for _, i := range s.coLikeTouched {
		s.coLike[i] = 0
	}
	s.coLikeTouched = s.coLikeTouched[:0]
	for _, p := range s.memberTouched {
		s.memberCoLike[p] = 0
	}
	s.memberTouched = s.memberTouched[:0]
	x.scratch.Put(s)
}

// candidateState says how a scan treats an active item.
type candidateState uint8

const (
	stateOpen     candidateState = iota // scored on features and priors alone
	stateExcluded                       // never returned
	stateCoLiked                        // has co-likes (SimilarItems), or is already scored (Recommend)
)

// exclude marks item position i as never to be returned.
func (x *Index) exclude(s *scratch, i int32) {
	if a := x.activeIndex[i]; a >= 0 && s.state[a] != stateExcluded {
		if s.state[a] == stateOpen {
			s.marked = append(s.marked, a)
		}
		s.state[a] = stateExcluded
	}
}

// isCandidate reports whether item position j may be returned.
func (x *Index) isCandidate(s *scratch, j int32) bool {
	a := x.activeIndex[j]
	return a >= 0 && s.state[a] != stateExcluded
}

// markCoLiked marks a returnable item position j as having a co-like score.
func (x *Index) markCoLiked(s *scratch, j int32) {
	if a := x.activeIndex[j]; a >= 0 && s.state[a] == stateOpen {
		s.state[a] = stateCoLiked
		s.marked = append(s.marked, a)
	}
}

// heap returns the top-k selector backed by the scratch buffer.
func (s *scratch) heap(k int) *topK {
	if cap(s.heapBuf) < k {
		s.heapBuf = make([]candidate, 0, k)
	}
	s.top.reset(k, s.heapBuf)
	return &s.top
}
