package recommend

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Build makes an Index from d. Interactions on unknown items are skipped and
// counted in Stats; malformed input (duplicate ids, feature vectors of
// different lengths, non-finite numbers) is an error. Build does not modify d.
func Build(d Data, opts Options) (*Index, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	x := &Index{opts: opts}
	if err := x.buildItems(d.Items); err != nil {
		return nil, err
	}
	itemOf, err := x.interactionItems(d.Interactions)
	if err != nil {
		return nil, err
	}
	tastes, err := x.buildMemberIDs(d, itemOf)
	if err != nil {
		return nil, err
	}
	profiles := x.groupInteractions(d.Interactions, itemOf)
	if err != nil {
		return nil, err
	}
	x.now = d.Now
	if x.now == 0 {
		for _, in := range d.Interactions {
			x.now = max(x.now, in.Time)
		}
	}
	x.buildMembers(tastes, profiles)
	x.buildPopularity(profiles)
	x.layoutActive()
	x.buildItemMembers()
	x.buildNeighbours()

	x.stats.Items = len(x.itemIDs)
	x.stats.ActiveItems = len(x.activePos)
	x.stats.Members = len(x.memberIDs)
	x.stats.Dim = x.dim
	x.stats.Neighbours = len(x.neighbourItem)
	x.stats.Now = x.now
	return x, nil
}

// buildItems sorts items by id and stores their centred, unit-length features.
// Centring on the mean item makes the cosine say "above average on the same
// features" rather than "has features at all", which every item has.
func (x *Index) buildItems(items []Item) error {
	if len(items) > math.MaxInt32-1 {
		return fmt.Errorf("recommend: too many items (%d)", len(items))
	}
	if len(items) > 0 {
		x.dim = len(items[0].Features)
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(items[a].ID, items[b].ID) })
	n := len(items)
	x.itemIDs = make([]int64, n)
	x.active = make([]bool, n)
	x.attributes = make([]uint64, n)
	mean := make([]float64, x.dim)
	for j, k := range order {
		it := &items[k]
		if j > 0 && x.itemIDs[j-1] == it.ID {
			return fmt.Errorf("recommend: duplicate item id %d", it.ID)
		}
		if len(it.Features) != x.dim {
			return fmt.Errorf("recommend: item %d has %d features, item %d has %d",
				it.ID, len(it.Features), items[order[0]].ID, x.dim)
		}
		if !allFinite(it.Features) {
			return fmt.Errorf("recommend: item %d has a non-finite feature", it.ID)
		}
		x.itemIDs[j] = it.ID
		x.active[j] = it.Active
		x.attributes[j] = it.Attributes
		for f, v := range it.Features {
			mean[f] += float64(v)
		}
	}
	x.featureMean = make([]float32, x.dim)
	for f := range mean {
		x.featureMean[f] = float32(mean[f] / float64(max(n, 1)))
	}
	x.itemFeatures = make([]float32, n*x.dim)
	row := make([]float32, x.dim)
	for j, k := range order {
		x.centreUnit(items[k].Features, row)
		for f, v := range row {
			x.itemFeatures[f*n+j] = v
		}
	}
	return nil
}

// centreUnit writes v minus the mean item, scaled to unit length, into out;
// out is all zeros when v equals the mean.
func (x *Index) centreUnit(v, out []float32) {
	for f := range out {
		out[f] = v[f] - x.featureMean[f]
	}
	if l := norm(out); l > 1e-6 {
		scale(out, 1/l)
	} else {
		clear(out)
	}
}

// buildMemberIDs collects the members listed or seen in interactions on
// known items, sorted by id, and returns their declared tastes by position.
func (x *Index) buildMemberIDs(d Data, itemOf []int32) ([][]float32, error) {
	ids := make([]int64, 0, len(d.Members))
	for _, m := range d.Members {
		ids = append(ids, m.ID)
	}
	slices.Sort(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			return nil, fmt.Errorf("recommend: duplicate member id %d", ids[i])
		}
	}
	for k, in := range d.Interactions {
		if itemOf[k] >= 0 {
			ids = append(ids, in.Member)
		}
	}
	slices.Sort(ids)
	x.memberIDs = slices.Compact(ids)
	if len(x.memberIDs) > math.MaxInt32-1 {
		return nil, fmt.Errorf("recommend: too many members (%d)", len(x.memberIDs))
	}
	tastes := make([][]float32, len(x.memberIDs))
	for _, m := range d.Members {
		if len(m.Taste) == 0 {
			continue
		}
		if len(m.Taste) != x.dim {
			return nil, fmt.Errorf("recommend: member %d taste has %d features, items have %d", m.ID, len(m.Taste), x.dim)
		}
		if !allFinite(m.Taste) {
			return nil, fmt.Errorf("recommend: member %d taste has a non-finite value", m.ID)
		}
		p, _ := x.memberPosition(m.ID)
		tastes[p] = m.Taste
	}
	return tastes, nil
}

// memberEvent is a member's net weight on one item and the latest time.
type memberEvent struct {
	item   int32
	weight float32
	time   int64
}

// memberEvents holds every member's events, merged per item, by position:
// member p owns events[start[p]:start[p+1]], sorted by item.
type memberEvents struct {
	start  []int32
	events []memberEvent
}

func (e *memberEvents) of(p int) []memberEvent { return e.events[e.start[p]:e.start[p+1]] }

// interactionItems validates the interactions and finds each one's item
// position, -1 for unknown items, searching on every core: a million binary
// searches are a noticeable share of a build.
func (x *Index) interactionItems(ins []Interaction) ([]int32, error) {
	itemOf := make([]int32, len(ins))
	for k, in := range ins {
		if !finite(in.Weight) {
			return nil, fmt.Errorf("recommend: interaction %d (member %d, item %d) has a non-finite weight", k, in.Member, in.Item)
		}
	}
	parallelRanges(len(ins), func(lo, hi int) {
		for k := lo; k < hi; k++ {
			i, ok := x.itemPosition(ins[k].Item)
			if !ok {
				i = -1
			}
			itemOf[k] = i
		}
	})
	for _, i := range itemOf {
		if i < 0 {
			x.stats.SkippedInteractions++
		}
	}
	return itemOf, nil
}

// groupInteractions buckets interactions by member (a counting sort, cheaper
// than a comparison sort of a million rows) and merges repeats on an item.
func (x *Index) groupInteractions(ins []Interaction, itemOf []int32) memberEvents {
	m := len(x.memberIDs)
	start := make([]int32, m+1)
	memberOf := make([]int32, len(ins))
	parallelRanges(len(ins), func(lo, hi int) {
		for k := lo; k < hi; k++ {
			memberOf[k] = -1
			if itemOf[k] >= 0 {
				memberOf[k], _ = x.memberPosition(ins[k].Member)
			}
		}
	})
	for _, p := range memberOf {
		if p >= 0 {
			start[p+1]++
		}
	}
	for p := range m {
		start[p+1] += start[p]
	}
	events := make([]memberEvent, start[m])
	next := slices.Clone(start[:m])
	for k, in := range ins {
		p := memberOf[k]
		if p < 0 {
			continue
		}
		events[next[p]] = memberEvent{item: itemOf[k], weight: in.Weight, time: in.Time}
		next[p]++
	}
	x.stats.Interactions = len(events)
	// Merge repeats in place, member by member.
	out := 0
	for p := range m {
		evs := events[start[p]:start[p+1]]
		slices.SortFunc(evs, func(a, b memberEvent) int {
			return cmp.Or(cmp.Compare(a.item, b.item), cmp.Compare(a.time, b.time))
		})
		start[p] = int32(out)
		for k, ev := range evs {
			if k > 0 && events[out-1].item == ev.item {
				events[out-1].weight += ev.weight
				events[out-1].time = max(events[out-1].time, ev.time)
				continue
			}
			events[out] = ev
			out++
		}
	}
	start[m] = int32(out)
	return memberEvents{start: start, events: events[:out]}
}

// buildMembers computes each member's unit taste vector and the positive
// weights used for co-likes, capped to the most recent MaxItemsPerMember.
func (x *Index) buildMembers(tastes [][]float32, profiles memberEvents) {
	m := len(x.memberIDs)
	x.memberTaste = make([]float32, m*x.dim)
	// Tastes are independent per member and sort each member's events: they
	// are computed on every core, each member writing only its own entries.
	parallelRanges(m, func(lo, hi int) {
		theta := make([]float32, x.dim)
		declared := make([]float32, x.dim)
		var byTime []memberEvent
		for p := lo; p < hi; p++ {
			byTime = append(byTime[:0], profiles.of(p)...)
			x.memberTasteVector(tastes[p], byTime, theta, declared)
			for f, v := range theta {
				x.memberTaste[f*m+p] = v
			}
		}
	})

	x.memberNorm = make([]float32, m)
	x.memberItemStart = make([]int32, m+1)
	x.memberItems = make([]int32, 0, len(profiles.events))
	x.memberItemWeight = make([]float32, 0, len(profiles.events))
	var positives []memberEvent
	for p := range m {
		positives = positives[:0]
		for _, ev := range profiles.of(p) {
			if ev.weight > 0 {
				positives = append(positives, ev)
			}
		}
		if len(positives) > x.opts.MaxItemsPerMember {
			sortLatestFirst(positives)
			positives = positives[:x.opts.MaxItemsPerMember]
			slices.SortFunc(positives, func(a, b memberEvent) int { return cmp.Compare(a.item, b.item) })
		}
		var sq float64
		for _, ev := range positives {
			x.memberItems = append(x.memberItems, ev.item)
			x.memberItemWeight = append(x.memberItemWeight, ev.weight)
			sq += float64(ev.weight) * float64(ev.weight)
		}
		x.memberNorm[p] = float32(math.Sqrt(sq))
		x.memberItemStart[p+1] = int32(len(x.memberItems))
	}
}

// memberTasteVector sets theta to the unit taste θ̂ = unit(β·d̃ + Σ ω_i·f̃_i)
// of a member with declared taste (or nil) and events, which it reorders
// latest first; theta is all zeros when the member says nothing of taste.
func (x *Index) memberTasteVector(taste []float32, events []memberEvent, theta, declared []float32) {
	n := len(x.itemIDs)
	clear(theta)
	if taste != nil {
		x.centreUnit(taste, declared)
		for f, v := range declared {
			theta[f] = x.opts.DeclaredTasteWeight * v
		}
	}
	sortLatestFirst(events)
	x.opts.recency().decays(len(events), func(k int) int64 { return events[k].time }, func(k int, decay float32) {
		ev := events[k]
		w := ev.weight * decay
		for f := range theta {
			theta[f] += w * x.itemFeatures[f*n+int(ev.item)]
		}
	})
	if l := norm(theta); l > 1e-6 {
		scale(theta, 1/l)
	} else {
		clear(theta)
	}
}

// buildPopularity counts likers per item and the log of their (optionally
// time-decayed) weight, scaled so that the most popular item scores 1.
func (x *Index) buildPopularity(profiles memberEvents) {
	n := len(x.itemIDs)
	x.itemLikers = make([]int32, n)
	raw := make([]float64, n)
	halfLife := x.opts.PopularityHalfLife.Seconds()
	for _, ev := range profiles.events {
		if ev.weight <= 0 {
			continue
		}
		x.itemLikers[ev.item]++
		raw[ev.item] += float64(ev.weight * halfLifeDecay(x.now-ev.time, halfLife))
	}
	top := 0.0
	for _, r := range raw {
		top = max(top, math.Log1p(r))
	}
	o := &x.opts
	x.itemPriors = make([]itemPrior, n)
	for j, r := range raw {
		p := &x.itemPriors[j]
		if top > 0 {
			p.popularity = o.PopularityWeight * float32(math.Log1p(r)/top)
		}
		p.coldness = warmthShare(o.ItemWarmth, float32(x.itemLikers[j]))
		p.contentShare = o.ContentWeight + (o.ColdContentWeight-o.ContentWeight)*p.coldness
	}
}

// warmthShare returns k/(k+n): 1 for no evidence, falling towards 0 as the
// evidence n grows past k. A zero k means evidence is never missing.
func warmthShare(k, n float32) float32 {
	if k <= 0 {
		return 0
	}
	return k / (k + n)
}

// buildItemMembers inverts the member→item weights into item→member lists,
// members ascending within each item.
func (x *Index) buildItemMembers() {
	n, m := len(x.itemIDs), len(x.memberIDs)
	x.itemMemberStart = make([]int32, n+1)
	for _, i := range x.memberItems {
		x.itemMemberStart[i+1]++
	}
	for i := range n {
		x.itemMemberStart[i+1] += x.itemMemberStart[i]
	}
	x.itemMembers = make([]int32, len(x.memberItems))
	x.itemMemberWeight = make([]float32, len(x.memberItems))
	next := slices.Clone(x.itemMemberStart[:n])
	for p := range m {
		for k := x.memberItemStart[p]; k < x.memberItemStart[p+1]; k++ {
			i := x.memberItems[k]
			x.itemMembers[next[i]] = int32(p)
			x.itemMemberWeight[next[i]] = x.memberItemWeight[k]
			next[i]++
		}
	}
}

// sortLatestFirst orders events by time, latest first (ties: lower item first).
func sortLatestFirst(evs []memberEvent) {
	slices.SortFunc(evs, func(a, b memberEvent) int {
		return cmp.Or(cmp.Compare(b.time, a.time), cmp.Compare(a.item, b.item))
	})
}
