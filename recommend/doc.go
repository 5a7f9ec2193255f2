// Package recommend ranks items for members from item features and member
// interactions. It knows nothing of concerts or databases: items are int64
// ids with a feature vector (Claco: ten keyword scores in [0,1]), members
// have an optional declared taste in the same space, and interactions are
// (member, item, weight, time).
//
// # Weights
//
// A positive weight means the member liked the item (1 for a like); the
// caller maps review ratings to weights, e.g. (rating-2.5)/2 so that 4–5
// stars are likes and 0–2 stars are negative. Positive net weights are
// co-likes and popularity; every weight, negative ones included, moves the
// member's taste and collaborative score. Repeated interactions on one item
// add up.
//
// # Serving and freshness
//
// Build makes an immutable Index from all data, periodically; an Engine
// holds the current one in an atomic pointer, so queries never wait for a
// build and a swap is atomic. The Index supplies item features, co-like
// neighbours, popularity and other members' profiles. The asking member is
// described at query time by a live Profile (declared taste and their own
// interactions, read by the caller), so a new like, review or preference
// counts on the next request, and a member the Index has never seen gets
// recommendations from a declared taste alone. Queries allocate nothing but
// their result (scratch memory is pooled per Index); ties are broken by
// lower id, and results do not depend on the number of cores.
//
// # Model
//
// Notation: f̃_j is item j's feature vector minus the mean item, scaled to
// unit length (centring makes the cosine say "both above average on the same
// features" instead of "both have features"); d̃ is the declared taste
// treated alike; r_ui is member u's net weight on item i and n_j the number
// of members with r_uj > 0.
//
// Recency. A member's items are weighted by
//
//	ω_i = r_ui · 2^(-(t_last - t_i)/H) · 2^(-later_i/E)
//
// where t_i is the member's latest event on i, t_last their latest event
// overall and later_i the number of their items with later events (H =
// RecencyHalfLife, E = RecencyHalfLifeEvents). Measuring from the member's
// own latest event, not the clock, keeps a returning member's history.
//
// Taste:
//
//	θ_u = β·d̃_u + Σ_i ω_i·f̃_i      (β = DeclaredTasteWeight)
//
// Item–item co-like similarity, a shrunk cosine with an activity penalty,
// keeping only the N most similar neighbours of each item:
//
//	S_ij = Σ_u ρ_u r_ui r_uj / ((‖r_i‖²)^α·(‖r_j‖²)^α' + h),  ‖r_i‖² = Σ_u ρ_u r_ui²,  ρ_u = (#items of u)^-ρ
//
// (h = CoLikeShrink, ρ = ActivityPenalty, N = Neighbours, r > 0 only; α =
// SourceNormExponent and α' = TargetNormExponent are both ½ for the cosine,
// and a larger α' penalises popular neighbours more.)
//
// Recommend scores every active item j for the live profile:
//
//	cf_j    = Σ_i ω_i·S_ij                             item-kNN over the profile
//	score_j = (1-a_j)·cf_j/max|cf| + a_j·cos(θ_u, f̃_j) + π·pop_j + Σ boosts
//	a_j     = γ₀ + (γ₁-γ₀)·max(m/(m+n_u), k/(k+n_j))
//	pop_j   = log(1+P_j)/log(1+max P),  P_j = Σ_u r_uj⁺ (optionally time-decayed)
//
// max|cf| is taken over the items that may be returned, so the best
// collaborative candidate scores 1 whatever the size of the profile. The
// content share a_j is adaptive: γ₀ (ContentWeight) when both the member
// (n_u liked items) and the item (n_j likers) have ample interactions,
// rising to γ₁ (ColdContentWeight) for a new member or an item nobody has
// liked yet, so new concerts are still recommended by their features and
// collaborative evidence dominates where it exists (m = MemberWarmth, k =
// ItemWarmth, π = PopularityWeight). A profile with neither events nor
// taste ranks by popularity. Integrating over the profile's items, the
// content term is the item–item feature similarity Σ_i ω_i·f̃_i·f̃_j blended
// with the co-likes, computed in one pass through θ.
//
// SimilarItems blends co-likes with feature similarity, leaning on the
// features when either item has few likers:
//
//	sim(i,j) = (1-λ_ij)·S_ij + λ_ij·f̃_i·f̃_j,   λ_ij = λ₀ + (1-λ₀)·k/(k + min(n_i, n_j))
//
// SimilarMembers blends a shrunk co-like cosine with taste similarity:
//
//	sim(u,v) = (1-μ)·Σ_i r_ui⁺ r_vi⁺ / (‖r_u⁺‖·‖r_v⁺‖ + h_m) + μ·θ̂_u·θ̂_v
//
// and returns only members with a positive similarity.
//
// Reasons. Every result carries its score split into parts and the
// features and items that contributed most: for Recommend, feature f
// contributes a_j·θ_f·f̃_jf/‖θ‖ and the member's item i contributes
// ω_i·((1-a_j)·S_ij/max|cf| + a_j·f̃_i·f̃_j/‖θ‖).
//
// # Cost
//
// Build is O(Σ_u min(n_u, MaxItemsPerMember)²) for the co-likes, spread
// over all cores, plus sorting. Recommend first scores the items co-liked
// with the profile (at most |profile|·N), then scans the other active items
// (A of them, F features each, O(A·F)) in blocks ordered by a static score
// bound, stopping when no remaining block can enter the top K; a member
// with co-likes usually stops early, a member with only a declared taste
// scans everything. SimilarItems is O(N + A·F), SimilarMembers
// O(Σ_i∈profile n_i + M·F) for M members. Matrices are contiguous float32,
// column-major for scans. See BENCHMARKS.md.
//
// Offline evaluation: cmd/recommend-eval, with synthetic data from
// recommend/synthetic.
package recommend
