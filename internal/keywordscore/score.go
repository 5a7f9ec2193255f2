// Package keywordscore owns how Claco reads a concert's character from its
// KOPIS text: it scores the ten keywords (웅장한/섬세한, 고전적인/현대적인,
// 서정적인/역동적인, 낭만적인/비극적인, 친숙한/새로운) from the title, the
// synopsis, the cast and the genre, with a lexicon of Korean repertoire and
// descriptive words. It is deterministic and needs no network or database.
package keywordscore

import (
	"math"

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

// Input is what a concert says about itself.
type Input struct {
	Title    string // prfnm; its program (<…> or after &) weighs most
	Synopsis string // sty
	Cast     string // prfcast
	Genre    concert.Genre
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

// How much one match counts, by where it was found. The program is what the
// audience will hear; the rest of the title mostly names the ensemble and the
// series; KOPIS synopses repeat the program but wrap it in stock phrases
// ("웅장한 오케스트라의 매력") that say little about this concert.
const (
	weightProgram  = 1.0
	weightTitle    = 0.2
	weightSynopsis = 0.2
	weightCast     = 0.15
)

// Score bounds: evidence maps into evidenceFloor..1, and a pair without
// evidence gets its genre default, which never exceeds evidenceFloor, so any
// keyword the text supports outranks every guess.
const (
	evidenceFloor = 0.3
	// evidenceScale is the net evidence at which a score has covered 63% of
	// the way from the floor to 1: one specific work in the program.
	evidenceScale = 1.5
)

// Score scores a concert. Within each pair the keyword with more evidence
// wins, scored by how far its evidence exceeds its opposite's; a pair where
// neither has the upper hand gets the genre's default.
func Score(in Input) Scores {
	var ev [Count]float64
	program, rest := splitTitle(in.Title)
	if program == "" {
		// No marked program: the title is all there is to go on.
		program, rest = rest, ""
	}
	lexicon.match(program, weightProgram, &ev)
	lexicon.match(rest, weightTitle, &ev)
	lexicon.match(in.Synopsis, weightSynopsis, &ev)
	lexicon.match(in.Cast, weightCast, &ev)

	defaults, ok := genreDefaults[in.Genre]
	if !ok {
		defaults = genreDefaults[concert.GenreCLASSICAL]
	}
	var s Scores
	for a := 0; a < Count; a += 2 {
		b := a + 1
		net := ev[a] - ev[b]
		switch {
		case net > epsilon:
			s[a] = evidenceScore(net)
		case net < -epsilon:
			s[b] = evidenceScore(-net)
		default:
			d := defaults[a/2]
			s[d.index] = d.score
		}
	}
	return s
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
