package recommend

import (
	"runtime"
	"sync"
)

// parallelRanges splits [0, n) into one contiguous range per core and runs
// work on each concurrently. Ranges are disjoint, so work may write to
// per-element slots without locking.
func parallelRanges(n int, work func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), max(n/4096, 1))
	if parts == 1 {
		work(0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { work(p*n/parts, (p+1)*n/parts) })
	}
	wg.Wait()
}
