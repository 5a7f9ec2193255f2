package recommend

import (
	"errors"
	"slices"
	"sync"
	"testing"
)

func TestEngineWithoutIndex(t *testing.T) {
	e := NewEngine(nil)
	if _, err := e.Recommend(Profile{}, Query{K: 1}, nil); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Recommend: err = %v, want ErrNoIndex", err)
	}
	if _, err := e.SimilarItems(1, 1, nil, nil); !errors.Is(err, ErrNoIndex) {
		t.Errorf("SimilarItems: err = %v, want ErrNoIndex", err)
	}
	if _, err := e.SimilarMembers(Profile{}, 1, nil); !errors.Is(err, ErrNoIndex) {
		t.Errorf("SimilarMembers: err = %v, want ErrNoIndex", err)
	}
	if err := e.Rebuild(Data{Items: fixtureItems()}, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	if recs, err := e.Recommend(Profile{}, Query{K: 2}, nil); err != nil || len(recs) != 2 {
		t.Fatalf("after Rebuild: %v, %v", recs, err)
	}
	old := e.Index()
	if err := e.Rebuild(Data{Items: []Item{{ID: 1}, {ID: 1}}}, DefaultOptions()); err == nil {
		t.Fatal("bad data: no error")
	}
	if e.Index() != old {
		t.Fatal("a failed rebuild replaced the index")
	}
}

// Readers query while the index is swapped back and forth; each answer must
// be exactly one of the two indexes' answers, never a mix. Run with -race.
func TestEngineConcurrentReadsDuringSwaps(t *testing.T) {
	d1 := randomData(200, 100, 2000, 1)
	d2 := randomData(200, 100, 2000, 2)
	idx1, idx2 := mustBuild(t, d1, DefaultOptions()), mustBuild(t, d2, DefaultOptions())
	p := Profile{MemberID: 5, Taste: d1.Items[0].Features, Events: likeEvents(1, 2, 3, 50, 60)}
	q := Query{K: 10, Boosts: []AttributeBoost{{Mask: 3, Boost: 0.1}}}
	want1, _ := idx1.Recommend(p, q, nil)
	want2, _ := idx2.Recommend(p, q, nil)
	if slices.Equal(recIDs(want1), recIDs(want2)) {
		t.Fatal("the two indexes answer alike; the test could not tell them apart")
	}
	e := NewEngine(idx1)
	const readers, reads, swaps = 4, 100, 200
	var wg sync.WaitGroup
	errs := make(chan error, readers)
	for range readers {
		wg.Go(func() {
			var dst []Recommendation
			for range reads {
				var err error
				dst, err = e.Recommend(p, q, dst)
				if err != nil {
					errs <- err
					return
				}
				if got := recIDs(dst); !slices.Equal(got, recIDs(want1)) && !slices.Equal(got, recIDs(want2)) {
					errs <- errors.New("answer matches neither index")
					return
				}
				if _, err := e.SimilarMembers(p, 5, nil); err != nil {
					errs <- err
					return
				}
				if _, err := e.SimilarItems(1, 5, nil, nil); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for i := range swaps {
		if i%2 == 0 {
			e.Swap(idx2)
		} else {
			e.Swap(idx1)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// Queries draw their working memory from a pool: with a caller-owned dst of
// enough capacity they allocate nothing. (The race detector makes sync.Pool
// drop items on purpose, so this is checked without it.)
func TestQueriesDoNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under the race detector; this runs in the suites without -race (SQLite and MariaDB steps of .ci/run)")
	}
	d := randomData(500, 300, 5000, 4)
	x := mustBuild(t, d, DefaultOptions())
	p := Profile{MemberID: 3, Taste: d.Items[1].Features, Events: likeEvents(1, 2, 3, 4, 10, 20)}
	q := Query{K: 10, ExcludeItems: []int64{5, 6}, Boosts: []AttributeBoost{{Mask: 1, Boost: 0.1}}}
	recs := make([]Recommendation, 0, 10)
	items := make([]SimilarItem, 0, 10)
	members := make([]SimilarMember, 0, 10)
	for name, f := range map[string]func(){
		"Recommend":      func() { recs, _ = x.Recommend(p, q, recs) },
		"SimilarItems":   func() { items, _ = x.SimilarItems(2, 10, nil, items) },
		"SimilarMembers": func() { members, _ = x.SimilarMembers(p, 10, members) },
	} {
		f() // fill the pool
		if allocs := testing.AllocsPerRun(50, f); allocs != 0 {
			t.Errorf("%s: %v allocations per call, want 0", name, allocs)
		}
	}
	if len(recs) != 10 || len(items) == 0 || len(members) == 0 {
		t.Fatalf("results: %d recommendations, %d items, %d members", len(recs), len(items), len(members))
	}
}
