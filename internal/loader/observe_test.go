package loader

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

// Every batch a loader fetches is observed with its size: announced rows
// fetched together, and keys batched by time.
func TestBatchesAreObserved(t *testing.T) {
	var mu sync.Mutex
	var sizes []int
	observe := func(name string, keys int) {
		if name != "probe" {
			t.Errorf("observed loader %q", name)
		}
		mu.Lock()
		sizes = append(sizes, keys)
		mu.Unlock()
	}
	fetch := func(_ context.Context, ids []int) (map[int]int, error) {
		out := map[int]int{}
		for _, id := range ids {
			out[id] = id * 10
		}
		return out, nil
	}
	k := byID(50*time.Millisecond, observed(observe, "probe", fetch))
	ctx := context.Background()

	k.announce([]int{1, 2, 3})
	for _, id := range []int{1, 2, 3} { // one fetch of the three
		if v, err := k.load(ctx, id); err != nil || v != id*10 {
			t.Fatalf("load %d: %v, %v", id, v, err)
		}
	}
	var wg sync.WaitGroup
	for _, id := range []int{7, 8} { // not announced: batched by time
		wg.Go(func() {
			if v, err := k.load(ctx, id); err != nil || v != id*10 {
				t.Errorf("load %d: %v, %v", id, v, err)
			}
		})
	}
	wg.Wait()
	if !slices.Equal(sizes, []int{3, 2}) {
		t.Fatalf("observed batches of %v keys, want [3 2]", sizes)
	}
}

// Without an observer the fetch is used as it is.
func TestNoObserver(t *testing.T) {
	calls := 0
	fetch := func(context.Context, []int) (map[int]int, error) { calls++; return nil, nil }
	if _, _ = observed(nil, "probe", fetch)(context.Background(), []int{1}); calls != 1 {
		t.Fatal("fetch not called")
	}
}

// Every loader a set makes is named in Names, once.
func TestNamesAreDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range Names {
		if seen[n] || n == "" {
			t.Errorf("name %q repeated or empty", n)
		}
		seen[n] = true
	}
}
