package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/claco/claco/internal/concertinfo"
)

// Concert is a performance loaded from KOPIS. It keeps every field KOPIS gives
// (list and detail) as text, plus what the service parses from that text
// (prices, runtime in minutes) so that it can filter and sort in SQL.
type Concert struct{ ent.Schema }

// Mixin of the Concert.
func (Concert) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}, SoftDeleteMixin{}} }

// Fields of the Concert.
func (Concert) Fields() []ent.Field {
	skip := entgql.Skip()
	return []ent.Field{
		field.String("kopis_id").MaxLen(32).Annotations(entgql.MapsTo("kopisId")), // mt20id
		field.String("facility_id").Optional().MaxLen(32).Annotations(skip),       // mt10id
		field.String("title").MaxLen(500),                                         // prfnm
		field.Time("start_date").SchemaType(dateType).Annotations(dateGQL),        // prfpdfrom
		field.Time("end_date").SchemaType(dateType).Annotations(dateGQL),          // prfpdto
		field.String("venue").Default("").MaxLen(500),                             // fcltynm
		field.String("area").Default("").MaxLen(64),                               // area
		field.Enum("genre").Values("CLASSICAL", "DANCE").Annotations(entgql.Type("Genre")),
		field.String("genre_name").Default("").MaxLen(64),                                                     // genrenm
		field.String("kopis_state").Default("").MaxLen(32).Annotations(skip),                                  // prfstate, stale by nature
		field.Bool("open_run").Default(false),                                                                 // openrun
		field.String("poster_url").Optional().Nillable().MaxLen(1024).Annotations(entgql.MapsTo("posterUrl")), // poster
		field.JSON("intro_image_urls", []string{}).Default([]string{}). // styurls
										Annotations(entgql.Type("[String!]")),
		field.Text("synopsis").Optional().Nillable(), // sty
		field.Text("summary").Optional().Nillable(),
		field.Text("cast_text").Default("").Annotations(skip),     // prfcast
		field.Text("crew_text").Default("").Annotations(skip),     // prfcrew
		field.String("runtime").Optional().Nillable().MaxLen(255), // prfruntime
		field.Int("runtime_minutes").Optional().Nillable(),
		field.String("age_limit").Optional().Nillable().MaxLen(255),                           // prfage
		field.String("producer").Optional().Nillable().MaxLen(500),                            // entrpsnm
		field.String("producer_planning").Optional().Nillable().MaxLen(500).Annotations(skip), // entrpsnmP
		field.String("producer_agency").Optional().Nillable().MaxLen(500).Annotations(skip),   // entrpsnmA
		field.String("producer_host").Optional().Nillable().MaxLen(500).Annotations(skip),     // entrpsnmH
		field.String("producer_sponsor").Optional().Nillable().MaxLen(500).Annotations(skip),  // entrpsnmS
		field.Text("price_guidance").Optional().Nillable(),                                    // pcseguidance
		field.JSON("prices", []concertinfo.SeatPrice{}).Default([]concertinfo.SeatPrice{}).
			Annotations(entgql.Type("[SeatPrice!]")),
		field.Int("min_price").Optional().Nillable(),
		field.Int("max_price").Optional().Nillable(),
		field.Bool("is_free").Default(false),
		field.Text("schedule_guidance").Optional().Nillable(), // dtguidance
		field.JSON("booking_links", []concertinfo.BookingLink{}).Default([]concertinfo.BookingLink{}). // relates
														Annotations(entgql.Type("[BookingLink!]")),
		field.Bool("visit").Default(false).Annotations(skip),                                           // visit
		field.Bool("child").Default(false).Annotations(skip),                                           // child
		field.Bool("daehakro").Default(false).Annotations(skip),                                        // daehakro
		field.Bool("festival").Default(false).Annotations(skip),                                        // festival
		field.Bool("musical_license").Default(false).Annotations(skip),                                 // musicallicense
		field.Bool("musical_create").Default(false).Annotations(skip),                                  // musicalcreate
		field.Time("kopis_updated_at").SchemaType(instantType).Optional().Nillable().Annotations(skip), // updatedate
		field.Time("imported_at").SchemaType(instantType).Optional().Nillable().Annotations(skip),
	}
}

// Edges of the Concert.
func (Concert) Edges() []ent.Edge {
	skip := entgql.Skip()
	return []ent.Edge{
		edge.To("keyword_scores", ConcertKeyword.Type).Annotations(skip),
		edge.To("likes", ConcertLike.Type).Annotations(skip),
		edge.To("reviews", TicketReview.Type).Annotations(skip),
	}
}

// Indexes of the Concert.
func (Concert) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("kopis_id", "tombstone").Unique(),
		index.Fields("start_date"),
		index.Fields("end_date"),
		index.Fields("area"),
		index.Fields("min_price", "max_price"),
	}
}

// Annotations of the Concert.
func (Concert) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// ConcertKeyword is how strongly a concert shows one keyword (0 < score ≤ 1).
type ConcertKeyword struct{ ent.Schema }

// Mixin of the ConcertKeyword.
func (ConcertKeyword) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}} }

// Fields of the ConcertKeyword.
func (ConcertKeyword) Fields() []ent.Field {
	return []ent.Field{
		field.Int("concert_id").Annotations(entgql.Skip()),
		field.Int("keyword_id").Annotations(entgql.Skip()),
		field.Float("score").Range(0, 1),
		// The words of the concert's text that gave the keyword (empty for
		// a genre default), so that the API can explain a keyword.
		field.JSON("evidence", []string{}).Default([]string{}).Annotations(entgql.Type("[String!]")),
		// Set by an admin (setConcertKeywords): the importer and rescoring
		// leave a concert with curated keywords alone.
		field.Bool("curated").Default(false),
	}
}

// Edges of the ConcertKeyword.
func (ConcertKeyword) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("concert", Concert.Type).Ref("keyword_scores").Field("concert_id").
			Unique().Required().Annotations(entgql.Skip()),
		edge.To("keyword", Keyword.Type).Field("keyword_id").
			Unique().Required().Annotations(entgql.Skip()),
	}
}

// Indexes of the ConcertKeyword.
func (ConcertKeyword) Indexes() []ent.Index {
	return []ent.Index{index.Fields("concert_id", "keyword_id").Unique()}
}

// ConcertLike is a member's like of a concert. Unliking soft-deletes it and
// liking again revives the same row, so at most one live like exists per
// member and concert and the history stays for recommendations.
type ConcertLike struct{ ent.Schema }

// Mixin of the ConcertLike.
func (ConcertLike) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}, SoftDeleteMixin{}} }

// Fields of the ConcertLike.
func (ConcertLike) Fields() []ent.Field {
	return []ent.Field{
		field.Int("member_id").Immutable(),
		field.Int("concert_id").Immutable(),
		// When the member last liked the concert, in Unix nanoseconds: it
		// orders a member's likes (newest first) and dates them for
		// recommendations. An integer, so that it can key a cursor exactly.
		field.Int64("liked_at").DefaultFunc(func() int64 { return time.Now().UnixNano() }),
	}
}

// Edges of the ConcertLike.
func (ConcertLike) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("member", Member.Type).Ref("likes").Field("member_id").Unique().Required().Immutable(),
		edge.From("concert", Concert.Type).Ref("likes").Field("concert_id").Unique().Required().Immutable(),
	}
}

// Indexes of the ConcertLike.
func (ConcertLike) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("member_id", "concert_id", "tombstone").Unique(),
		index.Fields("member_id", "liked_at"),
		index.Fields("concert_id"),
	}
}

// Annotations of the ConcertLike.
func (ConcertLike) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
