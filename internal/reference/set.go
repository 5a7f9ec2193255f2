package reference

import (
	"context"
	"fmt"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/keyword"
	"github.com/claco/claco/ent/placecategory"
	"github.com/claco/claco/ent/tagcategory"
	"github.com/claco/claco/internal/apperr"
)

// Set is the reference data as stored, with database ids, held in memory.
type Set struct {
	// Keywords in vector order.
	Keywords []*ent.Keyword
	// TagCategories in keyword order, each with its keyword loaded.
	TagCategories []*ent.TagCategory
	// PlaceCategories in pair order, positive first.
	PlaceCategories []*ent.PlaceCategory

	keywordByID  map[int]*ent.Keyword
	keywordByKey map[string]*ent.Keyword
}

// Load reads the seeded reference rows.
func Load(ctx context.Context, client *ent.Client) (*Set, error) {
	keywords, err := client.Keyword.Query().Order(keyword.ByPosition()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load keywords: %w", err)
	}
	if len(keywords) != KeywordCount {
		return nil, fmt.Errorf("load keywords: %d in the database, want %d (seed first)", len(keywords), KeywordCount)
	}
	tags, err := client.TagCategory.Query().WithKeyword().Order(tagcategory.ByPosition()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load tag categories: %w", err)
	}
	places, err := client.PlaceCategory.Query().Order(placecategory.ByPosition()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load place categories: %w", err)
	}
	s := &Set{
		Keywords:        keywords,
		TagCategories:   tags,
		PlaceCategories: places,
		keywordByID:     make(map[int]*ent.Keyword, len(keywords)),
		keywordByKey:    make(map[string]*ent.Keyword, len(keywords)),
	}
	for _, k := range keywords {
		s.keywordByID[k.ID] = k
		s.keywordByKey[k.Key] = k
	}
	return s, nil
}

// KeywordByID returns the keyword with the given database id.
func (s *Set) KeywordByID(id int) (*ent.Keyword, bool) {
	k, ok := s.keywordByID[id]
	return k, ok
}

// KeywordByKey returns the keyword with the given key (e.g. "grand").
func (s *Set) KeywordByKey(key string) (*ent.Keyword, bool) {
	k, ok := s.keywordByKey[key]
	return k, ok
}

// OnePerPair checks that keys name exactly one keyword of each pair, as a
// member's taste and an admin's keywords of a concert must, and returns the
// keywords in the order of keys. Problems are BAD_USER_INPUT on field.
func (s *Set) OnePerPair(field string, keys []string) ([]*ent.Keyword, error) {
	pairs := len(s.Keywords) / 2
	if len(keys) != pairs {
		return nil, apperr.Invalid(field, "pick exactly one keyword of each of the %d pairs", pairs)
	}
	taken := map[int]bool{}
	out := make([]*ent.Keyword, 0, len(keys))
	for _, key := range keys {
		k, ok := s.KeywordByKey(key)
		if !ok {
			return nil, apperr.Invalid(field, "unknown keyword %q", key)
		}
		if taken[k.Pair] {
			return nil, apperr.Invalid(field, "pick one keyword of each pair; pair %d has two", k.Pair)
		}
		taken[k.Pair] = true
		out = append(out, k)
	}
	return out, nil
}
