// Package migrations holds the versioned schema migrations of the MySQL/
// MariaDB database, embedded in the binary, and applies them.
//
// The files in mysql/ are written by the generator (go run
// ./internal/migrations/gen NAME, see README.md) from the ent schema with
// Atlas, never by hand; atlas.sum guards them. Apply runs the pending ones
// with Atlas's executor, which records each in the atlas_schema_revisions
// table, under a MySQL named lock so that instances starting together do not
// race. A database made by a release from before versioned migrations (ent
// auto-migration, no revisions table) is recognised and recorded at the
// baseline, the first file, instead of being created again.
//
// The embedded SQLite database does not use these files: ent auto-migration
// keeps it up to date (see internal/database).
package migrations

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"ariga.io/atlas/sql/migrate"
)

// files are the migration files and their integrity sum.
//
//go:embed mysql/*.sql mysql/atlas.sum
var files embed.FS

// DirPath is where the migration files live, from the module root; the
// generator writes there.
const DirPath = "internal/migrations/mysql"

// GenerateCommand is what a developer runs after changing the ent schema.
const GenerateCommand = "go run ./internal/migrations/gen NAME"

// Dir returns the embedded migration directory. It fails when a file does not
// match atlas.sum (a file edited by hand, or added without the generator).
func Dir() (migrate.Dir, error) {
	dir := &migrate.MemDir{}
	entries, err := fs.ReadDir(files, "mysql")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := files.ReadFile(path.Join("mysql", e.Name()))
		if err != nil {
			return nil, err
		}
		if err := dir.WriteFile(e.Name(), b); err != nil {
			return nil, err
		}
	}
	if err := migrate.Validate(dir); err != nil {
		return nil, fmt.Errorf("embedded migrations do not match their atlas.sum (regenerate them with %s): %w", GenerateCommand, err)
	}
	return dir, nil
}

// Latest returns the name (version_description) of the newest embedded
// migration: the schema version this binary expects.
func Latest() string {
	return latestName(Names())
}

// Names lists the embedded migration files without their .sql, oldest first.
func Names() []string {
	entries, _ := fs.ReadDir(files, "mysql")
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			out = append(out, strings.TrimSuffix(e.Name(), ".sql"))
		}
	}
	sort.Strings(out)
	return out
}

func latestName(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1]
}

// version returns the version part of a migration file name.
func version(name string) (string, bool) {
	if !strings.HasSuffix(name, ".sql") {
		return "", false
	}
	v, _, _ := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
	return v, v != ""
}

var createTable = regexp.MustCompile("(?m)^CREATE TABLE `([^`]+)`")

// baseline returns the first migration of dir, the schema of the last
// release before versioned migrations, and the tables it creates.
func baseline(dir migrate.Dir) (migrate.File, []string, error) {
	all, err := dir.Files()
	if err != nil {
		return nil, nil, err
	}
	if len(all) == 0 {
		return nil, nil, fmt.Errorf("no migration files (generate them with %s)", GenerateCommand)
	}
	var tables []string
	for _, m := range createTable.FindAllStringSubmatch(string(all[0].Bytes()), -1) {
		tables = append(tables, m[1])
	}
	return all[0], tables, nil
}
