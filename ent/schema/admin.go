package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Collection is a list of concerts an admin curated for the home page
// ("Claco picks"), in the admin's order.
type Collection struct{ ent.Schema }

// Mixin of the Collection.
func (Collection) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}, SoftDeleteMixin{}} }

// Fields of the Collection.
func (Collection) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").MaxLen(400),
		field.Text("description").Optional().Nillable(),
		// The concerts in the admin's order. A list of ids rather than an
		// edge, because the order is part of the collection; concerts are
		// loaded by id in one batch (see internal/curation).
		field.JSON("concert_ids", []int{}).Default([]int{}).Annotations(entgql.Skip()),
	}
}

// Indexes of the Collection.
func (Collection) Indexes() []ent.Index {
	return []ent.Index{index.Fields("updated_at")}
}

// Annotations of the Collection.
func (Collection) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// AdminAction is one entry of the audit log: an admin's mutation, written in
// the same transaction as the change it records.
type AdminAction struct{ ent.Schema }

// Fields of the AdminAction.
func (AdminAction) Fields() []ent.Field {
	return []ent.Field{
		field.Int("admin_id").Immutable().Annotations(entgql.Skip()),
		field.String("action").MaxLen(64).Immutable(),
		// The global id of what the action changed, when it changed one thing.
		field.Int("target_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
		field.Text("detail").Optional().Nillable().Immutable(),
		field.Time("at").SchemaType(instantType).Immutable().Default(time.Now),
	}
}

// Indexes of the AdminAction.
func (AdminAction) Indexes() []ent.Index {
	return []ent.Index{index.Fields("at")}
}

// Annotations of the AdminAction.
func (AdminAction) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// ImportRun is one run of the importer: its source, when it ran, what it did
// and how it ended, so that admins see whether the imports ran.
type ImportRun struct{ ent.Schema }

// Fields of the ImportRun.
func (ImportRun) Fields() []ent.Field {
	return []ent.Field{
		field.String("source").MaxLen(255),
		field.Time("started_at").SchemaType(instantType).Immutable(),
		field.Time("finished_at").SchemaType(instantType).Optional().Nillable(),
		field.Enum("status").Values("RUNNING", "SUCCEEDED", "PARTIAL", "FAILED").Default("RUNNING").
			Annotations(entgql.Type("ImportRunStatus")),
		field.Int("new_count").Default(0).Annotations(entgql.MapsTo("new")),
		field.Int("updated_count").Default(0).Annotations(entgql.MapsTo("updated")),
		field.Int("unchanged_count").Default(0).Annotations(entgql.MapsTo("unchanged")),
		field.Int("skipped_count").Default(0).Annotations(entgql.MapsTo("skipped")),
		field.Int("failed_count").Default(0).Annotations(entgql.MapsTo("failed")),
		// Why the run stopped, when it did not finish.
		field.Text("error").Optional().Nillable(),
	}
}

// Indexes of the ImportRun.
func (ImportRun) Indexes() []ent.Index {
	return []ent.Index{index.Fields("started_at")}
}

// Annotations of the ImportRun.
func (ImportRun) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
