package reference

import (
	"context"
	"fmt"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/keyword"
	"github.com/claco/claco/ent/placecategory"
	"github.com/claco/claco/ent/tagcategory"
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
