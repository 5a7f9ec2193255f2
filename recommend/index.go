package recommend

import (
	"errors"
	"slices"
	"sync"
)

// ErrUnknownItem is returned by SimilarItems for an item the Index was not
// built with (for example a concert added after the last build).
var ErrUnknownItem = errors.New("recommend: unknown item")

// ErrNoIndex is returned by an Engine that has no Index yet.
var ErrNoIndex = errors.New("recommend: no index built yet")

// Index is an immutable snapshot of the model, built by Build. All methods are
// safe for concurrent use. Items and members are kept in ascending id order,
// so a position order is an id order and ties broken by position are broken
// by id.
type Index struct {
	opts Options
	dim  int // feature vector length F
	now  int64

	// Items, by position.
	itemIDs      []int64
	active       []bool
	attributes   []uint64
	itemFeatures []float32 // column-major n×F, rows centred on featureMean and unit length (or zero)
	// The active items alone, so that queries scan only what they may
	// return, in the order of layoutActive.
	activePos        []int32   // positions of active items
	activeIndex      []int32   // by position: index into activePos, or -1
	activeFeatures   []float32 // column-major len(activePos)×F, rows as in itemFeatures
	activeRows       []float32 // the same, row-major, to score single items
	activePriors     []itemPrior
	activeAttributes []uint64
	// For scan block b and all later ones: the largest item content share
	// and popularity, which bound the scores left to find.
	blockShareBound, blockPopularityBound []float32
	featureMean                           []float32
	itemLikers                            []int32 // n_j, members with a positive net weight on the item
	itemPriors                            []itemPrior

	// Co-like neighbours of each item, sorted by neighbour position so that a
	// single similarity can be found by binary search when explaining results.
	neighbourStart []int32 // len n+1
	neighbourItem  []int32
	neighbourSim   []float32

	// Members, by position.
	memberIDs   []int64
	memberTaste []float32 // column-major m×F, unit taste vectors (or zero)
	memberNorm  []float32 // ‖r_v‖ of positive weights, for the co-like cosine
	// Positive net weights r_vi of each member, sorted by item position.
	memberItemStart  []int32 // len m+1
	memberItems      []int32
	memberItemWeight []float32
	// The same weights by item: the members who liked each item.
	itemMemberStart  []int32 // len n+1
	itemMembers      []int32
	itemMemberWeight []float32

	stats   Stats
	scratch sync.Pool // *scratch sized for this index
}

// itemPrior holds the per-item terms of the blend that do not depend on the
// member, side by side so that a query reads one stream for them.
type itemPrior struct {
	contentShare float32 // γ₀ + (γ₁-γ₀)·e_j, the item's least content share
	popularity   float32 // π·pop_j
	coldness     float32 // e_j = k/(k+n_j)
}

// Stats describes what an Index was built from.
type Stats struct {
	Items, ActiveItems, Members int
	Dim                         int
	Interactions                int // interactions used
	SkippedInteractions         int // interactions on unknown items
	Neighbours                  int // stored co-like neighbour pairs
	Now                         int64
}

// Stats returns what the index was built from.
func (x *Index) Stats() Stats {
	if x == nil {
		return Stats{}
	}
	return x.stats
}

// Options returns the options the index was built with.
func (x *Index) Options() Options { return x.opts }

// HasItem reports whether the index knows the item.
func (x *Index) HasItem(id int64) bool {
	_, ok := x.itemPosition(id)
	return ok
}

// itemPosition finds an item's position by binary search over sorted ids.
func (x *Index) itemPosition(id int64) (int32, bool) {
	if x == nil {
		return 0, false
	}
	i, ok := slices.BinarySearch(x.itemIDs, id)
	return int32(i), ok
}

// memberPosition finds a member's position by binary search over sorted ids.
func (x *Index) memberPosition(id int64) (int32, bool) {
	if x == nil {
		return 0, false
	}
	i, ok := slices.BinarySearch(x.memberIDs, id)
	return int32(i), ok
}

// coLike returns S_ij, the stored co-like similarity of item j to item i,
// or 0 when j is not among i's neighbours.
func (x *Index) coLike(i, j int32) float32 {
	lo, hi := x.neighbourStart[i], x.neighbourStart[i+1]
	k, ok := slices.BinarySearch(x.neighbourItem[lo:hi], j)
	if !ok {
		return 0
	}
	return x.neighbourSim[lo+int32(k)]
}
