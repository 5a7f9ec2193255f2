package recommend

import (
	"fmt"
	"math"
	"time"
)

// Options are the knobs of the model; the formulas they enter are in the
// package comment. DefaultOptions gives values tuned on synthetic data and
// chosen to stay safe on real data, where item features predict little.
type Options struct {
	// Neighbours is N, the number of co-like neighbours kept per item.
	Neighbours int
	// CoLikeShrink is h in S_ij = c_ij / (‖r_i‖‖r_j‖ + h): it damps
	// similarities resting on few co-likes.
	CoLikeShrink float32
	// ActivityPenalty is ρ: a member with n liked items contributes co-likes
	// weighted n^-ρ, so that omnivorous members say less about each pair.
	ActivityPenalty float32
	// SourceNormExponent and TargetNormExponent generalise the cosine's
	// ‖r_i‖·‖r_j‖ to (‖r_i‖²)^a·(‖r_j‖²)^b: a = b = 0.5 is the cosine.
	SourceNormExponent, TargetNormExponent float32
	// MaxItemsPerMember caps the co-likes of very active members to their most
	// recent items, which bounds build time at Σ min(n, cap)².
	MaxItemsPerMember int

	// RecencyHalfLife is H: an event that is H older than the member's latest
	// event weighs half as much. Zero disables recency weighting.
	RecencyHalfLife time.Duration
	// RecencyHalfLifeEvents is E: an item followed by E later items of the
	// same member weighs half as much. Zero disables it.
	RecencyHalfLifeEvents float32
	// DeclaredTasteWeight is β: the declared taste counts as much as β
	// full-weight recent events in the taste vector.
	DeclaredTasteWeight float32

	// ContentWeight is γ₀, the share of the content score for a member and an
	// item that both have ample interactions.
	ContentWeight float32
	// ColdContentWeight is γ₁, the share of the content score for a member
	// with no interactions or an item nobody liked.
	ColdContentWeight float32
	// MemberWarmth is m in a_u = m/(m+n_u): with n_u = m liked items the
	// member is half-way between cold and warm.
	MemberWarmth float32
	// ItemWarmth is k in e_j = k/(k+n_j), the same for an item with n_j likers.
	ItemWarmth float32
	// PopularityWeight is π, the weight of log-popularity in [0,1].
	PopularityWeight float32
	// PopularityHalfLife decays likes in the popularity score by their age at
	// Data.Now. Zero counts all likes equally.
	PopularityHalfLife time.Duration

	// SimilarItemsContentWeight is λ₀, the least share of feature similarity
	// in SimilarItems; it grows to 1 as the less-liked item of a pair gets cold.
	SimilarItemsContentWeight float32

	// MemberTasteWeight is μ, the share of taste similarity in SimilarMembers
	// (the rest is co-like cosine).
	MemberTasteWeight float32
	// MemberShrink is the shrinkage of the member co-like cosine.
	MemberShrink float32
}

// DefaultOptions returns the tuned defaults (see BENCHMARKS.md for the figures).
func DefaultOptions() Options {
	return Options{
		Neighbours:                100,
		CoLikeShrink:              5,
		ActivityPenalty:           0.5,
		MaxItemsPerMember:         500,
		SourceNormExponent:        0.5,
		TargetNormExponent:        0.5,
		RecencyHalfLife:           30 * 24 * time.Hour,
		RecencyHalfLifeEvents:     20,
		DeclaredTasteWeight:       3,
		ContentWeight:             0.05,
		ColdContentWeight:         0.4,
		MemberWarmth:              2,
		ItemWarmth:                0.5,
		PopularityWeight:          0.1,
		PopularityHalfLife:        0,
		SimilarItemsContentWeight: 0.2,
		MemberTasteWeight:         0.3,
		MemberShrink:              1,
	}
}

// validate rejects options that would make scores meaningless.
func (o Options) validate() error {
	check := func(name string, v float32, lo, hi float64) error {
		f := float64(v)
		if math.IsNaN(f) || f < lo || f > hi {
			return fmt.Errorf("recommend: option %s = %v out of range [%v, %v]", name, v, lo, hi)
		}
		return nil
	}
	if o.Neighbours < 1 {
		return fmt.Errorf("recommend: option Neighbours = %d, want ≥ 1", o.Neighbours)
	}
	if o.MaxItemsPerMember < 1 {
		return fmt.Errorf("recommend: option MaxItemsPerMember = %d, want ≥ 1", o.MaxItemsPerMember)
	}
	if o.RecencyHalfLife < 0 || o.PopularityHalfLife < 0 {
		return fmt.Errorf("recommend: half-lives must not be negative")
	}
	inf := math.Inf(1)
	for _, c := range []struct {
		name   string
		v      float32
		lo, hi float64
	}{
		{"CoLikeShrink", o.CoLikeShrink, 0, inf},
		{"ActivityPenalty", o.ActivityPenalty, 0, 4},
		{"SourceNormExponent", o.SourceNormExponent, 0, 2},
		{"TargetNormExponent", o.TargetNormExponent, 0, 2},
		{"RecencyHalfLifeEvents", o.RecencyHalfLifeEvents, 0, inf},
		{"DeclaredTasteWeight", o.DeclaredTasteWeight, 0, inf},
		{"ContentWeight", o.ContentWeight, 0, 1},
		{"ColdContentWeight", o.ColdContentWeight, 0, 1},
		{"MemberWarmth", o.MemberWarmth, 0, inf},
		{"ItemWarmth", o.ItemWarmth, 0, inf},
		{"PopularityWeight", o.PopularityWeight, 0, inf},
		{"SimilarItemsContentWeight", o.SimilarItemsContentWeight, 0, 1},
		{"MemberTasteWeight", o.MemberTasteWeight, 0, 1},
		{"MemberShrink", o.MemberShrink, 0, inf},
	} {
		if err := check(c.name, c.v, c.lo, c.hi); err != nil {
			return err
		}
	}
	return nil
}
