package recommend_test

import (
	"fmt"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/claco/claco/recommend"
	"github.com/claco/claco/recommend/synthetic"
)

// benchData caches generated data sets by item count: generating a million
// interactions takes a few seconds and every benchmark shares them.
var benchData = struct {
	sync.Mutex
	sets map[int]synthetic.Dataset
}{sets: map[int]synthetic.Dataset{}}

// benchDataset has n items, all active, n members and about 10n interactions.
func benchDataset(n int) synthetic.Dataset {
	benchData.Lock()
	defer benchData.Unlock()
	if d, ok := benchData.sets[n]; ok {
		return d
	}
	cfg := synthetic.DefaultConfig()
	cfg.Items, cfg.Members, cfg.MeanEvents, cfg.Seed = n, n, 10, 7
	d := synthetic.Generate(cfg)
	// Worst case for queries: every item may be recommended. (In Claco most
	// concerts have ended, and queries scan only active items.)
	for i := range d.Items {
		d.Items[i].Active = true
	}
	benchData.sets[n] = d
	return d
}

func benchIndex(b *testing.B, n int) (*recommend.Index, synthetic.Dataset) {
	b.Helper()
	d := benchDataset(n)
	idx, err := recommend.Build(recommend.Data{Items: d.Items, Members: d.Members, Interactions: d.Interactions}, recommend.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	return idx, d
}

// benchProfiles returns live profiles of members with at least 10
// interactions (a typical active member) and a declared taste.
func benchProfiles(d synthetic.Dataset, count int) []recommend.Profile {
	byMember := map[int64][]recommend.Event{}
	for _, in := range d.Interactions {
		byMember[in.Member] = append(byMember[in.Member], recommend.Event{Item: in.Item, Weight: in.Weight, Time: in.Time})
	}
	var out []recommend.Profile
	for _, m := range d.Members {
		if evs := byMember[m.ID]; len(evs) >= 10 && len(out) < count {
			taste := m.Taste
			if taste == nil {
				taste = d.Items[0].Features
			}
			out = append(out, recommend.Profile{MemberID: m.ID, Taste: taste, Events: evs})
		}
	}
	return out
}

// processCPU returns the CPU time the process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter reports CPU time per operation next to wall time: on a shared
// two-core machine wall time varies with other work, CPU time much less.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
}

func startCPU(b *testing.B) cpuMeter { return cpuMeter{b: b, start: processCPU()} }

func (m cpuMeter) stop() {
	m.b.ReportMetric(float64(processCPU()-m.start)/float64(m.b.N), "cpu-ns/op")
}

// BenchmarkRecommend asks the top 10 for members with at least ten
// interactions and a declared taste, and (new-member) for members known
// only by a declared taste: with no co-likes to find good items first, the
// scan cannot stop early, so that is the worst case.
func BenchmarkRecommend(b *testing.B) {
	for _, c := range []struct {
		items     int
		newMember bool
	}{{1_000, false}, {10_000, false}, {100_000, false}, {100_000, true}} {
		name := fmt.Sprintf("items=%d", c.items)
		if c.newMember {
			name += "/new-member"
		}
		b.Run(name, func(b *testing.B) {
			idx, d := benchIndex(b, c.items)
			profiles := benchProfiles(d, 64)
			if c.newMember {
				for i := range profiles {
					profiles[i].Events = nil
				}
			}
			q := recommend.Query{K: 10, Boosts: []recommend.AttributeBoost{{Mask: 0b101, Boost: 0.05}}}
			dst := make([]recommend.Recommendation, 0, 10)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU(b)
			defer cpu.stop()
			for i := 0; b.Loop(); i++ {
				var err error
				if dst, err = idx.Recommend(profiles[i%len(profiles)], q, dst); err != nil || len(dst) != 10 {
					b.Fatal(err, len(dst))
				}
			}
		})
	}
}

func BenchmarkSimilarItems(b *testing.B) {
	idx, d := benchIndex(b, 100_000)
	dst := make([]recommend.SimilarItem, 0, 10)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := startCPU(b)
	defer cpu.stop()
	for i := 0; b.Loop(); i++ {
		var err error
		if dst, err = idx.SimilarItems(d.Items[(i*7919)%len(d.Items)].ID, 10, nil, dst); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSimilarMembers(b *testing.B) {
	idx, d := benchIndex(b, 100_000)
	profiles := benchProfiles(d, 64)
	dst := make([]recommend.SimilarMember, 0, 10)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := startCPU(b)
	defer cpu.stop()
	for i := 0; b.Loop(); i++ {
		var err error
		if dst, err = idx.SimilarMembers(profiles[i%len(profiles)], 10, dst); err != nil || len(dst) == 0 {
			b.Fatal(err, len(dst))
		}
	}
}

// BenchmarkBuild builds the index for 100k items, 100k members and about a
// million interactions, and reports the heap the index keeps (index-MB) and
// the CPU time of all cores together (cpu-ns/op, about twice the wall time
// on two idle cores).
func BenchmarkBuild(b *testing.B) {
	d := benchDataset(100_000)
	data := recommend.Data{Items: d.Items, Members: d.Members, Interactions: d.Interactions}
	if len(d.Interactions) < 900_000 {
		b.Fatalf("only %d interactions", len(d.Interactions))
	}
	var heapMB float64
	var buildCPU time.Duration // of all cores together
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		cpuStart := processCPU()
		idx, err := recommend.Build(data, recommend.DefaultOptions())
		buildCPU += processCPU() - cpuStart
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		heapMB = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		runtime.KeepAlive(idx)
		b.StartTimer()
	}
	b.ReportMetric(heapMB, "index-MB")
	b.ReportMetric(float64(len(d.Interactions)), "interactions")
	b.ReportMetric(float64(buildCPU)/float64(b.N), "cpu-ns/op")
}

var referenceSink float32

// BenchmarkMachineReference times 100,000 dependent float32 additions, a
// yardstick for reading the other figures: about 0.1 ms on a 3–4 GHz desktop
// core, whose floating-point add takes 3–4 cycles.
func BenchmarkMachineReference(b *testing.B) {
	values := make([]float32, 100_000)
	for i := range values {
		values[i] = float32(i%7) * 0.5
	}
	for b.Loop() {
		var sum float32
		for _, v := range values {
			sum += v
		}
		referenceSink = sum
	}
}
