package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Keyword is one of the ten concert-character words. position is its index in
// every keyword vector; pair groups the two opposite words.
type Keyword struct{ ent.Schema }

// Mixin of the Keyword.
func (Keyword) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}} }

// Fields of the Keyword.
func (Keyword) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").Unique().MaxLen(32),
		field.String("name").MaxLen(64),
		field.Int("pair").Positive(),
		field.Int("position").Unique().NonNegative().Annotations(entgql.Skip()),
		field.String("icon_url").Optional().Nillable().MaxLen(1024).Annotations(entgql.MapsTo("iconUrl")),
	}
}

// Edges of the Keyword.
func (Keyword) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("tag", TagCategory.Type).Ref("keyword").Annotations(entgql.Skip()),
		edge.From("concert_scores", ConcertKeyword.Type).Ref("keyword").Annotations(entgql.Skip()),
		edge.From("preferences", Preference.Type).Ref("keywords").Annotations(entgql.Skip()),
	}
}
