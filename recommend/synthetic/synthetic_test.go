package synthetic

import (
	"reflect"
	"testing"
)

func small() Config {
	c := DefaultConfig()
	c.Items, c.Members = 400, 300
	return c
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(small()), Generate(small())
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same config, different data")
	}
	c := small()
	c.Seed = 2
	if reflect.DeepEqual(a.Interactions, Generate(c).Interactions) {
		t.Fatal("different seeds, same interactions")
	}
}

func TestGenerateShape(t *testing.T) {
	d := Generate(small())
	if len(d.Items) != 400 || len(d.Members) != 300 {
		t.Fatalf("%d items, %d members", len(d.Items), len(d.Members))
	}
	likers := map[int64]int{}
	var negative, declared, active int
	for _, in := range d.Interactions {
		if in.Time < d.Start || in.Time > d.End {
			t.Fatalf("interaction at %d outside [%d, %d]", in.Time, d.Start, d.End)
		}
		if in.Weight < 0 {
			negative++
		}
		likers[in.Item]++
	}
	for _, it := range d.Items {
		if len(it.Features) != 10 {
			t.Fatalf("item %d has %d features", it.ID, len(it.Features))
		}
		for _, f := range it.Features {
			if f < 0 || f > 1 {
				t.Fatalf("item %d feature %v outside [0,1]", it.ID, f)
			}
		}
		if it.Active {
			active++
		}
	}
	for _, m := range d.Members {
		if m.Taste != nil {
			declared++
		}
	}
	mean := float64(len(d.Interactions)) / 300
	if mean < 10 || mean > 30 {
		t.Errorf("mean interactions per member %.1f, want about 20", mean)
	}
	cold := len(d.Items) - len(likers)
	// Short-lived items: most have ended, some are cold, and popularity is skewed.
	if active == 0 || active > len(d.Items)/2 || cold == 0 || negative == 0 || declared == 0 {
		t.Errorf("active %d, cold %d, negative %d, declared %d", active, cold, negative, declared)
	}
	top := 0
	for _, n := range likers {
		top = max(top, n)
	}
	if float64(top) < 5*mean*300/400 {
		t.Errorf("most liked item has %d interactions; popularity is not skewed", top)
	}
}

func TestSplitByTime(t *testing.T) {
	d := Generate(small())
	s := SplitByTime(d.Interactions, 0.2)
	last := map[int64]int64{}
	for _, in := range s.Train {
		last[in.Member] = max(last[in.Member], in.Time)
	}
	for _, in := range s.Test {
		if in.Weight <= 0 {
			t.Fatalf("test holds a non-positive interaction %+v", in)
		}
		if in.Time < last[in.Member] {
			t.Fatalf("test interaction %+v precedes the member's training data", in)
		}
	}
	if len(s.Train)+len(s.Test) > len(d.Interactions) || len(s.Test) < len(d.Interactions)/10 {
		t.Fatalf("train %d + test %d of %d", len(s.Train), len(s.Test), len(d.Interactions))
	}
}

func TestRatingWeight(t *testing.T) {
	for rating, want := range map[int]float64{0: -1.25, 2: -0.25, 3: 0.25, 5: 1.25} {
		if got := RatingWeight(rating); got != want {
			t.Errorf("RatingWeight(%d) = %v, want %v", rating, got, want)
		}
	}
}
