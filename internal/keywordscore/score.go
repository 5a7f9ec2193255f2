package keywordscore

import (
	"math"
	"sort"

	"github.com/claco/claco/ent/concert"
)

// Keys are the keywords in vector order (reference-data.json); keys 2i and
// 2i+1 are a pair of opposites.
var Keys = [Count]string{
	"grand", "delicate",
	"classical", "modern",
	"lyrical", "dynamic",
	"romantic", "tragic",
	"familiar", "novel",
}

// Count is the number of keywords.
const Count = 10

// Input is what a concert says about itself: the text fields of a KOPIS
// detail. Only Title and Genre are needed; every other field adds evidence.
type Input struct {
	Title    string // prfnm; a programme it marks with <…> or 《…》 weighs most
	Synopsis string // sty; blank in real KOPIS records so far
	Cast     string // prfcast: names, comma-separated
	Crew     string // prfcrew: often composers and choreographers
	Venue    string // fcltynm: the hall's size is a hint
	// Extra is further text about the concert, such as text read from its
	// intro images (styurls). It weighs like a synopsis, a little more:
	// a programme page lists the works, where a synopsis wraps them in
	// stock phrases.
	Extra string
	Genre concert.Genre
}

// Scores are the ten keyword scores in Keys order. In each pair exactly one
// score lies in 0.1..1.0 and the other is 0.
type Scores [Count]float64

// Top returns the key of the highest score; the first in Keys order wins a tie.
func (s Scores) Top() string {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return Keys[best]
}

// Map returns the non-zero scores by key.
func (s Scores) Map() map[string]float64 {
	out := make(map[string]float64, Count/2)
	for i, v := range s {
		if v > 0 {
			out[Keys[i]] = v
		}
	}
	return out
}

// Result is a scoring with its reasons.
type Result struct {
	Scores Scores
	// Evidence gives, for each keyword scored from evidence, the words of
	// the concert's text that support it ("베토벤", "KBS교향악단",
	// "레퀴엠"), strongest first. It is empty for a keyword that has no
	// score or only its genre's default.
	Evidence [Count][]string
}

// How much a term counts, by the field it was found in. A title names the
// concert's own performers and works. When it marks a programme, the rest of
// it names the series and performers, which says less about what is played.
// A synopsis or OCR text repeats the programme but wraps it in stock phrases
// ("웅장한 오케스트라의 매력"). Cast and crew are mostly names; the terms
// found there (an orchestra, a composer) are facts, but secondary ones.
const (
	weightTitle    = 1.0
	weightSeries   = 0.35 // title outside a marked programme
	weightExtra    = 0.5
	weightSynopsis = 0.3
	weightCast     = 0.5
	weightCrew     = 0.5
	weightVenue    = 1.0 // venue terms are weak by themselves (venues.tsv)
)

// decay discounts the second strongest piece of evidence for a keyword by
// half, the third by a quarter, and so on: terms that say the same thing
// (a recital in a recital hall; an orchestra playing a symphony) are largely
// one fact, and a title that lists four romantic composers is not four times
// as romantic as one that names one.
const decay = 0.5

// Score bounds: evidence maps into evidenceFloor..1, and a pair without
// evidence gets its genre default, which never exceeds evidenceFloor, so any
// keyword the text supports outranks every guess.
const (
	evidenceFloor = 0.3
	// evidenceScale is the net evidence at which a score has covered 63% of
	// the way from the floor to 1: one specific work in the programme.
	evidenceScale = 1.5
)

// Score scores a concert: Explain(in).Scores.
func Score(in Input) Scores {
	return Explain(in).Scores
}

// Explain scores a concert and says why. Within each pair the keyword with
// more evidence wins, scored by how far its evidence exceeds its opposite's;
// a pair where neither has the upper hand gets the genre's default.
func Explain(in Input) Result {
	var ev evidence
	program, rest := splitTitle(in.Title)
	if program == "" {
		ev.add(kb.scan(rest, modeText), weightTitle)
	} else {
		ev.add(kb.scan(program, modeText), weightTitle)
		ev.add(kb.scan(rest, modeText), weightSeries)
	}
	ev.add(kb.scan(in.Extra, modeText), weightExtra)
	ev.add(kb.scan(in.Synopsis, modeText), weightSynopsis)
	ev.add(kb.scan(in.Cast, modeNames), weightCast)
	ev.add(kb.scan(in.Crew, modeNames), weightCrew)
	ev.add(kb.scan(in.Venue, modeVenue), weightVenue)

	totals, reasons := ev.sum()
	defaults, ok := genreDefaults[in.Genre]
	if !ok {
		defaults = genreDefaults[concert.GenreCLASSICAL]
	}
	var r Result
	for a := 0; a < Count; a += 2 {
		b := a + 1
		net := totals[a] - totals[b]
		switch {
		case net > epsilon:
			r.Scores[a] = evidenceScore(net)
			r.Evidence[a] = reasons[a]
		case net < -epsilon:
			r.Scores[b] = evidenceScore(-net)
			r.Evidence[b] = reasons[b]
		default:
			d := defaults[a/2]
			r.Scores[d.index] = d.score
		}
	}
	return r
}

// evidence collects the entities found in a concert's text. An entity
// found several times (in the title and the crew, or as "베토벤" and
// "Beethoven") counts once, at the weight of its strongest occurrence.
type evidence struct {
	found []*found
	index map[*entity]*found
}

type found struct {
	entity   *entity
	weight   float64
	surfaces []string // distinct, in the order met
}

func (ev *evidence) add(hits []hit, weight float64) {
	if ev.index == nil {
		ev.index = map[*entity]*found{}
	}
	for _, h := range hits {
		f := ev.index[h.entity]
		if f == nil {
			f = &found{entity: h.entity}
			ev.index[h.entity] = f
			ev.found = append(ev.found, f)
		}
		f.weight = math.Max(f.weight, weight)
		if !contains(f.surfaces, h.surface) {
			f.surfaces = append(f.surfaces, h.surface)
		}
	}
}

// sum totals the evidence per keyword (strongest first, each next one
// discounted by decay) and lists the words behind it in the same order.
func (ev *evidence) sum() (totals [Count]float64, reasons [Count][]string) {
	for k := range Count {
		type part struct {
			v float64
			f *found
		}
		var parts []part
		for _, f := range ev.found {
			if v := f.weight * f.entity.weights[k]; v > 0 {
				parts = append(parts, part{v, f})
			}
		}
		// Stable: equal parts keep the order the text gave them.
		sort.SliceStable(parts, func(i, j int) bool { return parts[i].v > parts[j].v })
		scale := 1.0
		for _, p := range parts {
			totals[k] += scale * p.v
			scale *= decay
			for _, s := range p.f.surfaces {
				if !contains(reasons[k], s) {
					reasons[k] = append(reasons[k], s)
				}
			}
		}
	}
	return totals, reasons
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// epsilon treats evidence that cancels out (up to float error) as none.
const epsilon = 1e-9

// evidenceScore maps net evidence (> 0) to evidenceFloor..1, rounded to three
// decimals so that stored scores compare equal across imports.
func evidenceScore(net float64) float64 {
	v := evidenceFloor + (1-evidenceFloor)*(1-math.Exp(-net/evidenceScale))
	v = math.Round(v*1000) / 1000
	return math.Max(math.Min(v, 1), evidenceFloor+0.001)
}

// pairDefault is the keyword of a pair a genre leans to without evidence.
type pairDefault struct {
	index int
	score float64
}

// genreDefaults are low-confidence guesses (0.1..0.3) per pair. A classical
// concert most likely plays established repertoire in a concert hall; a dance
// performance is movement on a stage, and KOPIS's dance is mostly new work.
var genreDefaults = map[concert.Genre][Count / 2]pairDefault{
	concert.GenreCLASSICAL: {
		{index: 0, score: 0.2}, // grand
		{index: 2, score: 0.3}, // classical
		{index: 4, score: 0.2}, // lyrical
		{index: 6, score: 0.2}, // romantic
		{index: 8, score: 0.2}, // familiar
	},
	concert.GenreDANCE: {
		{index: 0, score: 0.2}, // grand
		{index: 3, score: 0.2}, // modern
		{index: 5, score: 0.3}, // dynamic
		{index: 6, score: 0.2}, // romantic
		{index: 9, score: 0.1}, // novel
	},
}
