package recommend

// Item is one recommendable thing. Its Features are non-negative scores in a
// space shared with members' declared tastes (Claco: ten keyword scores).
type Item struct {
	ID       int64
	Features []float32
	// Active is false for items that can no longer be recommended (an ended
	// concert). Inactive items never appear in results but their features and
	// interactions still count as evidence of taste and of co-likes.
	Active bool
	// Attributes is a caller-defined bitset (Claco: region, performance type,
	// price band) matched by the masks of AttributeBoost at query time.
	Attributes uint64
}

// Interaction is one member's signal about one item.
//
// Weight is positive when the member liked the item (1 for a like; a good
// review may give more), near zero for indifference and negative for a poor
// review. The caller maps its own events (likes, 0–5 ratings) to weights;
// only positive weights count as co-likes and popularity, while every weight
// moves the member's taste. Repeated interactions with one item add up.
type Interaction struct {
	Member int64
	Item   int64
	Weight float32
	Time   int64 // Unix seconds; later interactions weigh more (see Options.RecencyHalfLife)
}

// Member is a member known at build time. Taste is the member's declared
// taste in the item feature space, or nil when the member declared none.
// Members that only appear in interactions need not be listed.
type Member struct {
	ID    int64
	Taste []float32
}

// Data is everything an Index is built from.
type Data struct {
	Items        []Item
	Members      []Member
	Interactions []Interaction
	// Now is the reference time (Unix seconds) for time-decayed popularity;
	// zero means the latest interaction time.
	Now int64
}

// Event is one interaction of the asking member, read live by the caller.
type Event struct {
	Item   int64
	Weight float32
	Time   int64 // Unix seconds
}

// Profile is the asking member's live state at query time: the caller reads
// the declared taste and the member's own interactions from its database, so
// likes, reviews and preference changes count on the very next request
// without rebuilding the Index. A member unknown to the Index is fine.
type Profile struct {
	// MemberID identifies the member so that SimilarMembers leaves them out
	// and ignores their (possibly stale) copy in the Index. Zero means anonymous.
	MemberID int64
	Taste    []float32 // declared taste; nil when none
	Events   []Event   // events on items unknown to the Index are ignored
}

// AttributeBoost adds Boost to the score of every item whose Attributes share
// a bit with Mask. Boosts are in score units: scores are roughly in [-1, 2]
// and a boost of 0.1 reorders near-equals without overriding taste.
type AttributeBoost struct {
	Mask  uint64
	Boost float32
}

// Query shapes a Recommend call.
type Query struct {
	K int // number of results wanted; non-positive gives none
	// ExcludeItems are never returned (e.g. items already in a member's Claco book).
	ExcludeItems []int64
	// IncludeInteracted allows items the profile already has events on; by
	// default they are excluded (already liked or reviewed).
	IncludeInteracted bool
	Boosts            []AttributeBoost
}

// MaxReasons is how many features and items each result explains itself by.
const MaxReasons = 3

// FeatureReason says that feature Feature (an index into the feature vector)
// added Weight to a result's score.
type FeatureReason struct {
	Feature int
	Weight  float32
}

// ItemReason says that the member's interaction with Item (or, for similar
// members, a co-liked item) added Weight to a result's score.
type ItemReason struct {
	Item   int64
	Weight float32
}

// Reasons explains a score by its largest positive contributions, largest
// first. Features and items are two views of the score: feature weights split
// the content part by feature, item weights split the collaborative and
// content parts by the member's items that caused them.
type Reasons struct {
	features    [MaxReasons]FeatureReason
	numFeatures int
	items       [MaxReasons]ItemReason
	numItems    int
}

// Features returns the features that contributed most, largest first.
func (r *Reasons) Features() []FeatureReason { return r.features[:r.numFeatures] }

// Items returns the items that contributed most, largest first.
func (r *Reasons) Items() []ItemReason { return r.items[:r.numItems] }

// Recommendation is one result of Recommend. Score = CoLike + Content +
// Popularity + Boost.
type Recommendation struct {
	ItemID     int64
	Score      float32
	CoLike     float32 // collaborative part
	Content    float32 // taste-match part
	Popularity float32
	Boost      float32
	Reasons    Reasons
}

// SimilarItem is one result of SimilarItems. Score = CoLike + Content.
type SimilarItem struct {
	ItemID  int64
	Score   float32
	CoLike  float32
	Content float32
	Reasons Reasons // features shared by both items
}

// SimilarMember is one result of SimilarMembers. Score = CoLike + Taste.
type SimilarMember struct {
	MemberID int64
	Score    float32
	CoLike   float32
	Taste    float32
	Reasons  Reasons // shared liked items and shared taste features
}
