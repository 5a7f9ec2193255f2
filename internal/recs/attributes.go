package recs

import (
	"slices"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/members"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/recommend"
)

// A concert's attributes, as bits the engine matches against a member's
// preferences to boost (never to filter): one bit per preference region,
// one per performance type, one per price band its range reaches.
const (
	regionBit       = 0 // 8 regions: bits 0–7
	musicFocusedBit = 8
	performanceBit  = 9
	priceBit        = 10 // len(priceBands) bands from here
)

// priceBands split prices (won) so that overlapping ranges share a band.
var priceBands = [][2]int{{0, 0}, {1, 30_000}, {30_001, 60_000}, {60_001, 100_000}, {100_001, 150_000}, {150_001, 1 << 40}}

// Boosts, in score units (see recommend.AttributeBoost): enough to reorder
// near-equals, never to override taste.
const (
	regionBoost = 0.08
	typeBoost   = 0.05
	priceBoost  = 0.05
)

func attributesOf(f catalogue.Facts) uint64 {
	var bits uint64
	for i, r := range reference.Static.Regions.List {
		if slices.Contains(r.Areas, f.Area) {
			bits |= 1 << (regionBit + i)
		}
	}
	switch f.Genre {
	case concert.GenreCLASSICAL:
		bits |= 1 << musicFocusedBit
	case concert.GenreDANCE:
		bits |= 1 << performanceBit
	}
	if f.MinPrice != nil && f.MaxPrice != nil {
		bits |= priceMask(*f.MinPrice, *f.MaxPrice)
	}
	return bits
}

func priceMask(lo, hi int) uint64 {
	var bits uint64
	for i, b := range priceBands {
		if lo <= b[1] && hi >= b[0] {
			bits |= 1 << (priceBit + i)
		}
	}
	return bits
}

// boostsFor are the soft boosts of a member's preferences.
func boostsFor(t members.Taste) []recommend.AttributeBoost {
	var regions, types uint64
	for i, r := range reference.Static.Regions.List {
		if slices.Contains(t.Regions, r.Label) {
			regions |= 1 << (regionBit + i)
		}
	}
	for _, typ := range t.Types {
		switch members.PerformanceType(typ) {
		case members.MusicFocused:
			types |= 1 << musicFocusedBit
		case members.Performance:
			types |= 1 << performanceBit
		}
	}
	var out []recommend.AttributeBoost
	for _, b := range []recommend.AttributeBoost{
		{Mask: regions, Boost: regionBoost},
		{Mask: types, Boost: typeBoost},
		{Mask: priceMask(t.MinPrice, t.MaxPrice), Boost: priceBoost},
	} {
		if b.Mask != 0 {
			out = append(out, b)
		}
	}
	return out
}
