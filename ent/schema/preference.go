package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Preference is a member's taste as given at onboarding: one keyword of each of
// the five pairs, the regions and kinds of performance they like, and a price range.
type Preference struct{ ent.Schema }

// Mixin of the Preference.
func (Preference) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}, SoftDeleteMixin{}} }

// Fields of the Preference.
func (Preference) Fields() []ent.Field {
	return []ent.Field{
		field.Int("member_id").Unique().Immutable(),
		field.JSON("regions", []string{}),
		field.JSON("types", []string{}).Annotations(entgql.Type("[PerformanceType!]")),
		field.Int("min_price").NonNegative(),
		field.Int("max_price").NonNegative(),
	}
}

// Edges of the Preference.
func (Preference) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("member", Member.Type).Ref("preference").Field("member_id").
			Unique().Required().Immutable().Annotations(entgql.Skip()),
		edge.To("keywords", Keyword.Type).Annotations(entgql.Skip()),
	}
}

// Annotations of the Preference.
func (Preference) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
