package main

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/claco/claco/recommend"
)

// result is one method's averaged figures.
type result struct {
	method       string
	recall, ndcg float64
	members      int
}

// recommender returns the top k item ids for one evaluated member.
type recommender interface {
	name() string
	top(m *evalMember, k int, out []int64) ([]int64, error)
}

// evalMember is one member of the test set with their train rows.
type evalMember struct {
	id    int64
	train []recommend.Interaction
	test  map[int64]bool
}

// evaluate runs every method on every test member and averages recall@k and
// ndcg@k; the engine comes last.
func evaluate(items []recommend.Item, train []recommend.Interaction, test []testPair, k int, opts recommend.Options) ([]result, error) {
	members := groupMembers(items, train, test)
	engine, err := newEngineMethod(items, train, opts)
	if err != nil {
		return nil, err
	}
	methods := []recommender{newPopularity(items, train), newContentOnly(items), engine}
	results := make([]result, 0, len(methods))
	for _, m := range methods {
		r, err := score(m, members, k)
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	return results, nil
}

// groupMembers collects each test member's known test items that are not
// already in their train rows, in member id order.
func groupMembers(items []recommend.Item, train []recommend.Interaction, test []testPair) []*evalMember {
	known := make(map[int64]bool, len(items))
	for _, it := range items {
		known[it.ID] = true
	}
	byID := map[int64]*evalMember{}
	for _, p := range test {
		if !known[p.item] {
			continue
		}
		m := byID[p.member]
		if m == nil {
			m = &evalMember{id: p.member, test: map[int64]bool{}}
			byID[p.member] = m
		}
		m.test[p.item] = true
	}
	for _, in := range train {
		if m := byID[in.Member]; m != nil {
			m.train = append(m.train, in)
		}
	}
	var members []*evalMember
	for _, m := range byID {
		for _, in := range m.train {
			delete(m.test, in.Item)
		}
		if len(m.test) > 0 {
			members = append(members, m)
		}
	}
	slices.SortFunc(members, func(a, b *evalMember) int { return cmp.Compare(a.id, b.id) })
	return members
}

// score averages recall@k (hits / min(k, |test|)) and ndcg@k over members,
// using every core; the sums run in member order so figures are reproducible.
func score(r recommender, members []*evalMember, k int) (result, error) {
	recall := make([]float64, len(members))
	ndcg := make([]float64, len(members))
	errs := make([]error, len(members))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			var out []int64
			for i := w; i < len(members); i += workers {
				m := members[i]
				var err error
				out, err = r.top(m, k, out[:0])
				if err != nil {
					errs[i] = err
					continue
				}
				recall[i], ndcg[i] = rankMetrics(out, m.test, k)
			}
		})
	}
	wg.Wait()
	res := result{method: r.name(), members: len(members)}
	for i := range members {
		if errs[i] != nil {
			return res, fmt.Errorf("%s: member %d: %w", r.name(), members[i].id, errs[i])
		}
		res.recall += recall[i]
		res.ndcg += ndcg[i]
	}
	if len(members) > 0 {
		res.recall /= float64(len(members))
		res.ndcg /= float64(len(members))
	}
	return res, nil
}

// rankMetrics returns recall@k = hits/min(k,|relevant|) and binary ndcg@k.
func rankMetrics(ranked []int64, relevant map[int64]bool, k int) (recall, ndcg float64) {
	ideal := min(k, len(relevant))
	if ideal == 0 {
		return 0, 0
	}
	var hits int
	var dcg, idcg float64
	for pos, id := range ranked[:min(k, len(ranked))] {
		if relevant[id] {
			hits++
			dcg += 1 / math.Log2(float64(pos)+2)
		}
	}
	for pos := range ideal {
		idcg += 1 / math.Log2(float64(pos)+2)
	}
	return float64(hits) / float64(ideal), dcg / idcg
}
