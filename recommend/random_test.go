package recommend

import "math/rand/v2"

// randomData makes a small random data set (no structure) for tests of
// mechanics rather than quality: determinism, concurrency, allocations.
func randomData(items, members, interactions int, seed uint64) Data {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := Data{}
	for i := range items {
		f := make([]float32, 10)
		for k := range f {
			f[k] = rng.Float32()
		}
		d.Items = append(d.Items, Item{ID: int64(i + 1), Features: f, Active: rng.IntN(4) != 0, Attributes: 1 << rng.IntN(8)})
	}
	for m := range members {
		mem := Member{ID: int64(m + 1)}
		if rng.IntN(3) == 0 {
			mem.Taste = d.Items[rng.IntN(items)].Features
		}
		d.Members = append(d.Members, mem)
	}
	for range interactions {
		// Squaring skews towards low ids: some items are much more popular.
		it := int64(float64(items)*rng.Float64()*rng.Float64()) + 1
		w := float32(1)
		if rng.IntN(5) == 0 {
			w = float32(rng.IntN(6)-2) / 2
		}
		d.Interactions = append(d.Interactions, Interaction{Member: int64(rng.IntN(members) + 1), Item: it, Weight: w, Time: int64(rng.IntN(1_000_000))})
	}
	return d
}
