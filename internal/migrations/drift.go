package migrations

import (
	"bytes"
	"context"
	"fmt"

	"entgo.io/ent/dialect"
	entschema "entgo.io/ent/dialect/sql/schema"

	entmigrate "github.com/claco/claco/ent/migrate"
)

// Drift returns the SQL that would bring the database behind drv to the ent
// schema of this build, dropped columns and indexes included; it is empty
// when they match. After Apply it is empty unless the schema changed without
// a migration being generated, or the database was changed by hand (or by a
// newer release, after a rollback).
func Drift(ctx context.Context, drv dialect.Driver) (string, error) {
	var plan bytes.Buffer
	m, err := entschema.NewMigrate(&entschema.WriteDriver{Driver: drv, Writer: &plan},
		entschema.WithDropIndex(true), entschema.WithDropColumn(true))
	if err != nil {
		return "", err
	}
	if err := m.Create(ctx, entmigrate.Tables...); err != nil {
		return "", fmt.Errorf("compare the database with the ent schema: %w", err)
	}
	return plan.String(), nil
}
