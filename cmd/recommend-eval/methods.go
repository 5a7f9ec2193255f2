package main

import (
	"cmp"
	"math"
	"slices"

	"github.com/claco/claco/recommend"
)

// popularity ranks items by how many train rows liked them (ties: lower id).
type popularity struct{ ranking []int64 }

func newPopularity(items []recommend.Item, train []recommend.Interaction) *popularity {
	likes := map[int64]int{}
	for _, in := range train {
		if in.Weight > 0 {
			likes[in.Item]++
		}
	}
	p := &popularity{}
	for _, it := range items {
		p.ranking = append(p.ranking, it.ID)
	}
	slices.SortFunc(p.ranking, func(a, b int64) int { return cmp.Or(cmp.Compare(likes[b], likes[a]), cmp.Compare(a, b)) })
	return p
}

func (*popularity) name() string { return "popularity" }

func (p *popularity) top(m *evalMember, k int, out []int64) ([]int64, error) {
	seen := trainItems(m)
	for _, id := range p.ranking {
		if len(out) == k {
			break
		}
		if !seen[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

func trainItems(m *evalMember) map[int64]bool {
	seen := make(map[int64]bool, len(m.train))
	for _, in := range m.train {
		seen[in.Item] = true
	}
	return seen
}

// contentOnly is the earlier system's method: cosine between the member's
// vector (here the mean raw features of their liked train items) and each
// item's raw features.
type contentOnly struct {
	items    []recommend.Item
	features map[int64][]float32
}

func newContentOnly(items []recommend.Item) *contentOnly {
	c := &contentOnly{items: items, features: map[int64][]float32{}}
	for _, it := range items {
		c.features[it.ID] = it.Features
	}
	return c
}

func (*contentOnly) name() string { return "content-only" }

func (c *contentOnly) top(m *evalMember, k int, out []int64) ([]int64, error) {
	var mean []float64
	liked := 0
	for _, in := range m.train {
		f, ok := c.features[in.Item]
		if !ok || in.Weight <= 0 {
			continue
		}
		if mean == nil {
			mean = make([]float64, len(f))
		}
		for i, v := range f {
			mean[i] += float64(v)
		}
		liked++
	}
	seen := trainItems(m)
	type scored struct {
		id    int64
		score float64
	}
	all := make([]scored, 0, len(c.items))
	for _, it := range c.items {
		if seen[it.ID] {
			continue
		}
		all = append(all, scored{it.ID, cosine(mean, it.Features)})
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.id, b.id)) })
	for _, s := range all[:min(k, len(all))] {
		out = append(out, s.id)
	}
	return out, nil
}

// cosine is 0 when either vector is zero or missing.
func cosine(a []float64, b []float32) float64 {
	if len(a) != len(b) {
		return 0
	}
	var d, na, nb float64
	for i := range a {
		d += a[i] * float64(b[i])
		na += a[i] * a[i]
		nb += float64(b[i]) * float64(b[i])
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return d / math.Sqrt(na*nb)
}

// engineMethod asks the recommend engine, built as the server builds it.
type engineMethod struct{ index *recommend.Index }

func newEngineMethod(items []recommend.Item, train []recommend.Interaction, opts recommend.Options) (*engineMethod, error) {
	idx, err := recommend.Build(recommend.Data{Items: items, Interactions: train}, opts)
	if err != nil {
		return nil, err
	}
	return &engineMethod{index: idx}, nil
}

func (*engineMethod) name() string { return "engine" }

func (e *engineMethod) top(m *evalMember, k int, out []int64) ([]int64, error) {
	p := recommend.Profile{MemberID: m.id, Events: make([]recommend.Event, len(m.train))}
	for i, in := range m.train {
		p.Events[i] = recommend.Event{Item: in.Item, Weight: in.Weight, Time: in.Time}
	}
	recs, err := e.index.Recommend(p, recommend.Query{K: k}, nil)
	for _, r := range recs {
		out = append(out, r.ItemID)
	}
	return out, err
}
