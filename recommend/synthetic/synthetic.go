// Package synthetic generates interaction data that behaves like a concert
// site's: members have latent tastes, items have latent characters, and
// features only partly reveal those characters (as keyword scores do in
// reality). Popularity is heavy-tailed, items are short-lived (a member can
// only act on items that are running), some members are barely active and
// items that open late are cold. The same Config and Seed always give the
// same data.
package synthetic

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/claco/claco/recommend"
)

// Config sizes and shapes a data set.
type Config struct {
	Items, Members int
	Features       int // feature vector length (Claco: 10)
	LatentDims     int // dimension of the hidden taste space
	Communities    int // taste communities members are drawn around
	// FeatureSignal in [0,1] is how much of each feature is the item's latent
	// character; the rest is noise. 0 makes features useless for taste.
	FeatureSignal float64
	MeanEvents    float64 // mean interactions per member (log-normal spread)
	ReviewShare   float64 // share of interactions that are rated reviews rather than likes
	DeclaredShare float64 // share of members that declared a taste
	// MeanLifetimeDays is how long items run on average beyond a week:
	// concerts run for weeks; a catalogue of films would run for years.
	MeanLifetimeDays float64
	Days             int // time span of the data
	Seed             uint64
}

// DefaultConfig is a small data set that tests and the tuning of the
// defaults use.
func DefaultConfig() Config {
	return Config{
		Items:            2000,
		Members:          3000,
		Features:         10,
		LatentDims:       8,
		Communities:      12,
		FeatureSignal:    0.5,
		MeanEvents:       20,
		ReviewShare:      0.2,
		DeclaredShare:    0.3,
		MeanLifetimeDays: 45,
		Days:             365,
		Seed:             1,
	}
}

// Dataset is generated data in the recommend package's types. Item and
// member ids start at 1. Interactions are ordered by member then time.
type Dataset struct {
	Items        []recommend.Item
	Members      []recommend.Member
	Interactions []recommend.Interaction
	Start, End   int64 // Unix seconds spanned
}

// epoch is where generated time starts (2024-01-01 UTC).
const epoch = 1704067200

// candidatesPerEvent is how many running items, drawn by popularity, a
// member chooses among by taste for one interaction.
const candidatesPerEvent = 40

// Generate makes a data set from cfg.
func Generate(cfg Config) Dataset {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	g := generator{cfg: cfg, rng: rng, span: float64(cfg.Days) * 86400}
	g.makeItems()
	g.makeMembers()
	g.makeInteractions()
	return Dataset{
		Items:        g.items,
		Members:      g.members,
		Interactions: g.interactions,
		Start:        epoch,
		End:          epoch + int64(g.span),
	}
}

type generator struct {
	cfg  Config
	rng  *rand.Rand
	span float64

	projection [][]float64 // feature f = projection[f]·latent
	items      []recommend.Item
	itemLatent [][]float64
	itemPop    []float64 // popularity weight π_j
	opens      []float64 // seconds after epoch
	closes     []float64

	members      []recommend.Member
	memberLatent [][]float64

	interactions []recommend.Interaction
}

func (g *generator) gaussianVector(n int, sd float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = g.rng.NormFloat64() * sd
	}
	return v
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// observe turns a latent vector into noisy keyword-like scores in (0,1).
func (g *generator) observe(latent []float64) []float32 {
	out := make([]float32, g.cfg.Features)
	s := g.cfg.FeatureSignal
	for f := range out {
		z := s*dot(g.projection[f], latent) + math.Sqrt(1-s*s)*g.rng.NormFloat64()
		out[f] = float32(sigmoid(1.5 * z))
	}
	return out
}

func (g *generator) makeItems() {
	c := g.cfg
	g.projection = make([][]float64, c.Features)
	for f := range g.projection {
		g.projection[f] = g.gaussianVector(c.LatentDims, 1/math.Sqrt(float64(c.LatentDims)))
	}
	g.items = make([]recommend.Item, c.Items)
	g.itemLatent = make([][]float64, c.Items)
	g.itemPop = make([]float64, c.Items)
	g.opens = make([]float64, c.Items)
	g.closes = make([]float64, c.Items)
	for j := range g.items {
		g.itemLatent[j] = g.gaussianVector(c.LatentDims, 1)
		g.itemPop[j] = math.Exp(1.3 * g.rng.NormFloat64())
		// Items open through the whole span (and a little before), and most
		// run for weeks: a concert is on sale for a while, then it is over.
		g.opens[j] = (g.rng.Float64()*1.05 - 0.05) * g.span
		g.closes[j] = g.opens[j] + (7+g.rng.ExpFloat64()*c.MeanLifetimeDays)*86400
		g.items[j] = recommend.Item{
			ID:         int64(j + 1),
			Features:   g.observe(g.itemLatent[j]),
			Active:     g.closes[j] >= g.span,
			Attributes: 1 << uint(g.rng.IntN(16)),
		}
	}
}

func (g *generator) makeMembers() {
	c := g.cfg
	centres := make([][]float64, max(c.Communities, 1))
	for k := range centres {
		centres[k] = g.gaussianVector(c.LatentDims, 1)
	}
	g.members = make([]recommend.Member, c.Members)
	g.memberLatent = make([][]float64, c.Members)
	for u := range g.members {
		centre := centres[g.rng.IntN(len(centres))]
		latent := g.gaussianVector(c.LatentDims, 0.6)
		for d := range latent {
			latent[d] += centre[d]
		}
		g.memberLatent[u] = latent
		g.members[u] = recommend.Member{ID: int64(u + 1)}
		if g.rng.Float64() < c.DeclaredShare {
			g.members[u].Taste = g.observe(latent)
		}
	}
}

// window lists the items running at some moment of one slice of time as an
// alias table (Vose) to draw from them by popularity in constant time. A
// slot holds everything a draw reads, so that a draw touches one or two
// cache lines: generating a million interactions is memory-bound.
type window struct {
	slots []slot
}

type slot struct {
	prob        float32 // chance to keep this slot's item rather than its alias's
	alias       int32   // slot index
	item        int32
	open, close float32 // when the item runs, seconds after epoch
}

const windows = 200

func (g *generator) makeWindows() []window {
	ws := make([]window, windows)
	width := g.span / windows
	for j := range g.items {
		first := max(int(g.opens[j]/width), 0)
		last := min(int(g.closes[j]/width), windows-1)
		for w := first; w <= last; w++ {
			ws[w].slots = append(ws[w].slots, slot{item: int32(j), open: float32(g.opens[j]), close: float32(g.closes[j])})
		}
	}
	for w := range ws {
		ws[w].buildAlias(g.itemPop)
	}
	return ws
}

// buildAlias fills the alias table of w for weights by item.
func (w *window) buildAlias(weights []float64) {
	n := len(w.slots)
	prob := make([]float64, n)
	var total float64
	for _, sl := range w.slots {
		total += weights[sl.item]
	}
	var small, large []int32
	for k, sl := range w.slots {
		prob[k] = weights[sl.item] * float64(n) / total
		if prob[k] < 1 {
			small = append(small, int32(k))
		} else {
			large = append(large, int32(k))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		w.slots[s].alias = l
		prob[l] += prob[s] - 1
		if prob[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, k := range append(small, large...) {
		prob[k] = 1
	}
	for k := range w.slots {
		w.slots[k].prob = float32(prob[k])
	}
}

// draw picks a running item at time t by popularity, or -1.
func (g *generator) draw(ws []window, t float64) int32 {
	w := &ws[min(int(t/(g.span/windows)), windows-1)]
	if len(w.slots) == 0 {
		return -1
	}
	for range 8 {
		sl := &w.slots[g.rng.IntN(len(w.slots))]
		if g.rng.Float32() >= sl.prob {
			sl = &w.slots[sl.alias]
		}
		if float64(sl.open) <= t && t <= float64(sl.close) {
			return sl.item
		}
	}
	return -1
}

func (g *generator) makeInteractions() {
	c := g.cfg
	ws := g.makeWindows()
	sigma := 1.0
	mu := math.Log(max(c.MeanEvents, 1)) - sigma*sigma/2
	var times []float64
	cands := make([]int32, 0, candidatesPerEvent)
	logits := make([]float64, 0, candidatesPerEvent)
	for u := range g.members {
		events := max(1, int(math.Round(math.Exp(mu+sigma*g.rng.NormFloat64()))))
		// A member is around for part of the span.
		length := g.span * (0.1 + 0.9*g.rng.Float64())
		begin := g.rng.Float64() * (g.span - length)
		times = times[:0]
		for range events {
			times = append(times, begin+g.rng.Float64()*length)
		}
		slices.Sort(times)
		seen := map[int32]bool{}
		for _, t := range times {
			cands, logits = cands[:0], logits[:0]
			for range candidatesPerEvent {
				j := g.draw(ws, t)
				if j < 0 || seen[j] {
					continue
				}
				cands = append(cands, j)
				logits = append(logits, 1.5*dot(g.memberLatent[u], g.itemLatent[j])/math.Sqrt(float64(c.LatentDims)))
			}
			if len(cands) == 0 {
				continue
			}
			j := cands[g.softmaxPick(logits)]
			seen[j] = true
			in := recommend.Interaction{Member: int64(u + 1), Item: int64(j + 1), Weight: 1, Time: epoch + int64(t)}
			if g.rng.Float64() < c.ReviewShare {
				affinity := dot(g.memberLatent[u], g.itemLatent[j]) / math.Sqrt(float64(c.LatentDims))
				rating := math.Round(max(0, min(5, 3+1.2*affinity+0.8*g.rng.NormFloat64())))
				in.Weight = float32(RatingWeight(int(rating)))
			}
			g.interactions = append(g.interactions, in)
		}
	}
}

func (g *generator) softmaxPick(logits []float64) int {
	top := slices.Max(logits)
	var total float64
	for i, l := range logits {
		logits[i] = math.Exp(l - top)
		total += logits[i]
	}
	r := g.rng.Float64() * total
	for i, w := range logits {
		r -= w
		if r <= 0 {
			return i
		}
	}
	return len(logits) - 1
}

// RatingWeight maps a 0–5 review rating to an interaction weight: 5 → 1.25,
// 4 → 0.75, 3 → 0.25 (a mild like), 2 → -0.25 and lower ratings negative.
// It is the mapping the generator uses and a reasonable one for callers.
func RatingWeight(rating int) float64 {
	return (float64(rating) - 2.5) / 2
}

// Split is a per-member time split: each member's last TestShare of
// interactions (by time) are held out, and of those only positive ones
// (likes and good reviews) are kept as test items.
type Split struct {
	Train []recommend.Interaction
	Test  []recommend.Interaction
}

// SplitByTime holds out the latest testShare of each member's interactions.
// A member with a single interaction keeps it for the test, so the test has
// cold members as real data does.
func SplitByTime(ins []recommend.Interaction, testShare float64) Split {
	sorted := slices.Clone(ins)
	slices.SortStableFunc(sorted, func(a, b recommend.Interaction) int {
		return cmp.Or(cmp.Compare(a.Member, b.Member), cmp.Compare(a.Time, b.Time), cmp.Compare(a.Item, b.Item))
	})
	var s Split
	for lo := 0; lo < len(sorted); {
		hi := lo
		for hi < len(sorted) && sorted[hi].Member == sorted[lo].Member {
			hi++
		}
		n := hi - lo
		held := max(1, int(math.Round(float64(n)*testShare)))
		cut := hi - held
		s.Train = append(s.Train, sorted[lo:cut]...)
		for _, in := range sorted[cut:hi] {
			if in.Weight > 0 {
				s.Test = append(s.Test, in)
			}
		}
		lo = hi
	}
	return s
}
