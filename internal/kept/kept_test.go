package kept_test

import (
	"testing"
	"time"

	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/kept"
)

func TestValuesAreKeptForAMomentAndUntilAWrite(t *testing.T) {
	var gen database.Generation
	clock := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	values := kept.New[int, string](&gen, 2*time.Second, func() time.Time { return clock }, 3)
	reads := 0
	load := func(key int, v string) string {
		t.Helper()
		got, err := values.Load(key, func() (string, error) { reads++; return v, nil })
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := load(1, "a"); got != "a" || reads != 1 {
		t.Fatalf("first load: %q after %d reads", got, reads)
	}
	if got := load(1, "b"); got != "a" || reads != 1 {
		t.Fatalf("within the moment: %q after %d reads, want the kept a", got, reads)
	}
	clock = clock.Add(2 * time.Second)
	if got := load(1, "b"); got != "b" || reads != 2 {
		t.Fatalf("after the moment: %q after %d reads, want b read again", got, reads)
	}
	gen.Bump() // a write through this process
	if got := load(1, "c"); got != "c" || reads != 3 {
		t.Fatalf("after a write: %q after %d reads, want c read again", got, reads)
	}

	// A value read before a write is not kept: it may not show the write.
	token := values.Read()
	gen.Bump()
	values.Keep(token, 2, "stale")
	if _, ok := values.Get(2); ok {
		t.Fatal("a value read before a write was kept")
	}

	// Past the bound, a few values make room for the new one; the rest stay
	// (a catalogue larger than the bound must not be read again from
	// scratch each time it fills).
	clock = clock.Add(2 * time.Second) // what is kept (1) is stale now
	for key := 10; key < 13; key++ {
		load(key, "x")
	}
	load(13, "y")
	kept := 0
	for key := 10; key < 13; key++ {
		if _, ok := values.Get(key); ok {
			kept++
		}
	}
	if kept != 2 {
		t.Fatalf("%d of the 3 values kept before the bound was reached are still kept, want 2", kept)
	}
	if _, ok := values.Get(13); !ok {
		t.Fatal("the newest value was not kept")
	}
}

func TestLoadManyReadsOnlyWhatIsNotKept(t *testing.T) {
	var gen database.Generation
	values := kept.New[int, string](&gen, kept.UntilWrite, time.Now, 10)
	var asked [][]int
	read := func(missing []int) (map[int]string, error) {
		asked = append(asked, missing)
		out := map[int]string{}
		for _, k := range missing {
			if k != 3 { // 3 does not exist
				out[k] = "v"
			}
		}
		return out, nil
	}
	if got, _ := values.LoadMany([]int{1, 2, 3}, read); len(got) != 2 {
		t.Fatalf("first load: %v", got)
	}
	if got, _ := values.LoadMany([]int{1, 2, 3, 4}, read); len(got) != 3 {
		t.Fatalf("second load: %v", got)
	}
	if len(asked) != 2 || len(asked[1]) != 2 || asked[1][0] != 3 || asked[1][1] != 4 {
		t.Fatalf("read asked for %v, want [1 2 3] then [3 4] (what has no value is not kept)", asked)
	}
}
