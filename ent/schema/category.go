package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// TagCategory is a tag a reviewer attaches to a ticket review; each stands for a keyword.
type TagCategory struct{ ent.Schema }

// Mixin of the TagCategory.
func (TagCategory) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}} }

// Fields of the TagCategory.
func (TagCategory) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Unique().MaxLen(64),
		field.Int("position").Unique().NonNegative().Annotations(entgql.Skip()),
		field.String("icon_url").Optional().Nillable().MaxLen(1024).Annotations(entgql.MapsTo("iconUrl")),
		field.Int("keyword_id").Annotations(entgql.Skip()),
	}
}

// Edges of the TagCategory.
func (TagCategory) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("keyword", Keyword.Type).Field("keyword_id").Unique().Required().
			Annotations(entgql.Skip()),
		edge.From("reviews", TicketReview.Type).Ref("tags").Annotations(entgql.Skip()),
	}
}

// PlaceCategory is a venue impression; a review picks one of each (positive, negative) pair.
type PlaceCategory struct{ ent.Schema }

// Mixin of the PlaceCategory.
func (PlaceCategory) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}} }

// Fields of the PlaceCategory.
func (PlaceCategory) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Unique().MaxLen(64),
		field.String("pair").MaxLen(32),
		field.Bool("positive"),
		field.Int("position").Unique().NonNegative().Annotations(entgql.Skip()),
	}
}

// Edges of the PlaceCategory.
func (PlaceCategory) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("reviews", TicketReview.Type).Ref("place_reviews").Annotations(entgql.Skip()),
	}
}
