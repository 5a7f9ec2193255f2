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

// ClacoBook is a member's album of ticket reviews (at most five live books).
type ClacoBook struct{ ent.Schema }

// Mixin of the ClacoBook.
func (ClacoBook) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}, SoftDeleteMixin{}} }

// Fields of the ClacoBook.
func (ClacoBook) Fields() []ent.Field {
	return []ent.Field{
		field.Int("member_id").Immutable().Annotations(entgql.Skip()),
		// 14 characters; the column allows for 4-byte characters.
		field.String("title").Annotations(entsql.Annotation{Size: 56}),
		field.String("color").MaxLen(16),
	}
}

// Edges of the ClacoBook.
func (ClacoBook) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("member", Member.Type).Ref("books").Field("member_id").
			Unique().Required().Immutable().Annotations(entgql.Skip()),
		edge.To("tickets", TicketReview.Type).Annotations(entgql.Skip()),
	}
}

// Indexes of the ClacoBook.
func (ClacoBook) Indexes() []ent.Index {
	return []ent.Index{index.Fields("member_id")}
}

// TicketReview is a member's ticket of a concert they saw: when and where they
// sat, a rating, a short review, five tags, five venue impressions and photos.
type TicketReview struct{ ent.Schema }

// Mixin of the TicketReview.
func (TicketReview) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}, SoftDeleteMixin{}} }

// Fields of the TicketReview.
func (TicketReview) Fields() []ent.Field {
	skip := entgql.Skip()
	return []ent.Field{
		field.Int("member_id").Annotations(skip),
		field.Int("concert_id").Annotations(skip),
		field.Int("book_id").Annotations(skip),
		field.Time("watch_date").SchemaType(dateType).Annotations(dateGQL),
		field.String("watch_round").MaxLen(16),
		field.String("seat").Optional().Nillable().Annotations(entsql.Annotation{Size: 120}),
		field.Float("rating").Range(0, 5),
		field.JSON("castings", []string{}).Default([]string{}).Annotations(entgql.Type("[String!]")),
		// 500 characters, checked by the library service.
		field.Text("content"),
		field.String("ticket_image_url").Optional().Nillable().MaxLen(1024).
			Annotations(entgql.MapsTo("ticketImageUrl")),
		// Set when an admin hid the review: it leaves every public list,
		// count and recommendation; its author still sees it.
		field.Time("hidden_at").SchemaType(instantType).Optional().Nillable().Annotations(skip),
		field.String("hidden_reason").Optional().Nillable().MaxLen(500).Annotations(skip),
	}
}

// Edges of the TicketReview.
func (TicketReview) Edges() []ent.Edge {
	skip := entgql.Skip()
	return []ent.Edge{
		edge.From("author", Member.Type).Ref("reviews").Field("member_id").
			Unique().Required().Annotations(skip),
		edge.From("concert", Concert.Type).Ref("reviews").Field("concert_id").
			Unique().Required().Annotations(skip),
		edge.From("book", ClacoBook.Type).Ref("tickets").Field("book_id").
			Unique().Required().Annotations(skip),
		edge.To("images", TicketImage.Type).Annotations(skip),
		edge.To("tags", TagCategory.Type).Annotations(skip),
		edge.To("place_reviews", PlaceCategory.Type).Annotations(skip),
	}
}

// Indexes of the TicketReview.
func (TicketReview) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("concert_id", "created_at"),
		index.Fields("book_id"),
		index.Fields("member_id"),
	}
}

// Annotations of the TicketReview.
func (TicketReview) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// TicketImage is a photo attached to a ticket review (at most three).
type TicketImage struct{ ent.Schema }

// Mixin of the TicketImage.
func (TicketImage) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}, SoftDeleteMixin{}} }

// Fields of the TicketImage.
func (TicketImage) Fields() []ent.Field {
	return []ent.Field{
		field.Int("review_id").Immutable(),
		field.String("url").MaxLen(1024),
		field.Int("position").NonNegative(),
	}
}

// Edges of the TicketImage.
func (TicketImage) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("review", TicketReview.Type).Ref("images").Field("review_id").
			Unique().Required().Immutable(),
	}
}

// Annotations of the TicketImage.
func (TicketImage) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
