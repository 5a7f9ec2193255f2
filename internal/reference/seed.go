package reference

import (
	"context"
	"fmt"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/keyword"
	"github.com/claco/claco/ent/placecategory"
	"github.com/claco/claco/ent/tagcategory"
)

// Seed writes the keywords, tag categories and place categories into the
// database. It is idempotent: rows are upserted by their unique key, so it
// runs at every start-up and also corrects names changed in the JSON.
func Seed(ctx context.Context, client *ent.Client) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("seed reference data: %w", err)
	}
	if err := seed(ctx, tx.Client()); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("seed reference data: %w", err)
	}
	return tx.Commit()
}

func seed(ctx context.Context, c *ent.Client) error {
	keywords := make([]*ent.KeywordCreate, len(Static.Keywords.List))
	for i, k := range Static.Keywords.List {
		keywords[i] = c.Keyword.Create().SetKey(k.Key).SetName(k.Name).SetPair(k.Pair).SetPosition(i)
	}
	err := c.Keyword.CreateBulk(keywords...).
		OnConflictColumns(keyword.FieldKey).
		Update(func(u *ent.KeywordUpsert) { u.UpdateName().UpdatePair().UpdatePosition() }).
		Exec(ctx)
	if err != nil {
		return err
	}
	byKey, err := c.Keyword.Query().All(ctx)
	if err != nil {
		return err
	}
	keywordID := map[string]int{}
	for _, k := range byKey {
		keywordID[k.Key] = k.ID
	}

	tags := make([]*ent.TagCategoryCreate, len(Static.TagCategories.List))
	for i, name := range Static.TagCategories.List {
		// Tag i stands for keyword i (reference-data.json keeps the same order).
		id, ok := keywordID[Static.Keywords.List[i].Key]
		if !ok {
			return fmt.Errorf("tag %q: keyword %d missing", name, i)
		}
		tags[i] = c.TagCategory.Create().SetName(name).SetPosition(i).SetKeywordID(id)
	}
	err = c.TagCategory.CreateBulk(tags...).
		OnConflictColumns(tagcategory.FieldName).
		Update(func(u *ent.TagCategoryUpsert) { u.UpdatePosition().UpdateKeywordID() }).
		Exec(ctx)
	if err != nil {
		return err
	}

	places := make([]*ent.PlaceCategoryCreate, len(Static.PlaceCategories.List))
	for i, p := range Static.PlaceCategories.List {
		places[i] = c.PlaceCategory.Create().SetName(p.Name).SetPair(p.Pair).SetPositive(p.Positive).SetPosition(i)
	}
	return c.PlaceCategory.CreateBulk(places...).
		OnConflictColumns(placecategory.FieldName).
		Update(func(u *ent.PlaceCategoryUpsert) { u.UpdatePair().UpdatePositive().UpdatePosition() }).
		Exec(ctx)
}
