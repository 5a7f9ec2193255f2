package catalogue

import "testing"

// A fresh catalogue (no write seen yet) keeps values like any other.
func TestReadModelKeepsValuesFromTheStart(t *testing.T) {
	var m struct {
		readModel
		counts generationCache[int]
	}
	counted := 0
	count := func() (int, error) { counted++; return 7, nil }
	for i := 0; i < 2; i++ {
		if n, err := cached(&m.readModel, &m.counts, "k", count); err != nil || n != 7 {
			t.Fatalf("total: %d, %v", n, err)
		}
	}
	if counted != 1 {
		t.Fatalf("counted %d times, want once", counted)
	}
	m.generation.Bump()
	if _, err := cached(&m.readModel, &m.counts, "k", count); err != nil || counted != 2 {
		t.Fatalf("after a write: counted %d times, want twice (%v)", counted, err)
	}
}
