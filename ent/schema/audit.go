package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

// AuditMixin records when a row was created and last changed.
type AuditMixin struct{ mixin.Schema }

// Fields of the AuditMixin.
func (AuditMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").SchemaType(instantType).Immutable().Default(time.Now),
		field.Time("updated_at").SchemaType(instantType).Default(time.Now).UpdateDefault(time.Now),
	}
}

// instantType makes an instant DATETIME with microseconds on MySQL: its
// TIMESTAMP stops in 2038, and ent would create it nullable.
var instantType = map[string]string{dialect.MySQL: "datetime(6)"}

// dateType makes a calendar day (stored as midnight UTC) a DATE on MySQL.
var dateType = map[string]string{dialect.MySQL: "date"}

// dateGQL exposes a calendar day as the GraphQL Date scalar (YYYY-MM-DD).
var dateGQL = entgql.Type("Date")
