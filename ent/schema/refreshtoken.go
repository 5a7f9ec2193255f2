package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// RefreshToken is one link of a session's refresh-token chain. A sign-in on a
// device starts a family; every refresh rotates to a new row of that family.
// Only a hash of the token is stored. Presenting a rotated token again means it
// leaked, and the whole family is revoked.
type RefreshToken struct{ ent.Schema }

// Mixin of the RefreshToken.
func (RefreshToken) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}} }

// Fields of the RefreshToken.
func (RefreshToken) Fields() []ent.Field {
	return []ent.Field{
		field.Int("member_id").Immutable(),
		field.String("family").MaxLen(64).Immutable(),
		field.String("token_hash").MaxLen(64).Unique().Immutable().Sensitive(),
		field.Time("expires_at").SchemaType(instantType).Immutable(),
		field.Time("rotated_at").SchemaType(instantType).Optional().Nillable(),
		field.Time("revoked_at").SchemaType(instantType).Optional().Nillable(),
		field.String("user_agent").Default("").MaxLen(255),
	}
}

// Edges of the RefreshToken.
func (RefreshToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("member", Member.Type).Ref("refresh_tokens").Field("member_id").
			Unique().Required().Immutable(),
	}
}

// Indexes of the RefreshToken.
func (RefreshToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("family"), index.Fields("member_id")}
}

// Annotations of the RefreshToken.
func (RefreshToken) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
