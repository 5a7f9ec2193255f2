package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Member is a person signed in with Kakao (or the dev login). Until onboarding
// is finished the role is SOCIAL and nickname, gender and age band are empty.
type Member struct{ ent.Schema }

// Mixin of the Member.
func (Member) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}, SoftDeleteMixin{}} }

// Fields of the Member.
func (Member) Fields() []ent.Field {
	return []ent.Field{
		field.String("kakao_id").Optional().Nillable().MaxLen(32).Annotations(entgql.Skip()),
		field.String("email").Optional().MaxLen(255).Annotations(entgql.Skip()),
		// Up to 10 characters of Hangul (4 bytes each in utf8mb4 at worst); the
		// character rules are the member service's, the column only bounds it.
		field.String("nickname").Optional().Nillable().
			Annotations(entsql.Annotation{Size: 40}),
		field.Enum("role").Values("SOCIAL", "MEMBER", "ADMIN").Default("SOCIAL").
			Annotations(entgql.Type("Role")),
		field.Enum("gender").Values("MALE", "FEMALE").Optional().Nillable().
			Annotations(entgql.Skip()),
		field.Int("age_band").Optional().Nillable().Annotations(entgql.Skip()),
		field.String("profile_image_url").Optional().Nillable().MaxLen(1024).
			Annotations(entgql.MapsTo("profileImageUrl")),
	}
}

// Edges of the Member.
func (Member) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("preference", Preference.Type).Unique().Annotations(entgql.Skip()),
		edge.To("likes", ConcertLike.Type).Annotations(entgql.Skip()),
		edge.To("books", ClacoBook.Type).Annotations(entgql.Skip()),
		edge.To("reviews", TicketReview.Type).Annotations(entgql.Skip()),
		edge.To("refresh_tokens", RefreshToken.Type).Annotations(entgql.Skip()),
	}
}

// Indexes of the Member.
func (Member) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("kakao_id", "tombstone").Unique(),
		index.Fields("nickname", "tombstone").Unique(),
		index.Fields("email"),
	}
}

// Annotations of the Member.
func (Member) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
