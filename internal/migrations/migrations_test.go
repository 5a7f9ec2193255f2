package migrations_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/claco/claco/internal/migrations"
)

// The embedded files match atlas.sum, start with the baseline, and are in
// version order; this runs without MySQL.
func TestEmbeddedMigrations(t *testing.T) {
	dir, err := migrations.Dir()
	if err != nil {
		t.Fatal(err)
	}
	files, err := dir.Files()
	if err != nil {
		t.Fatal(err)
	}
	names := migrations.Names()
	if len(names) == 0 || len(files) != len(names) {
		t.Fatalf("%d files, names %v", len(files), names)
	}
	if !slices.IsSorted(names) || migrations.Latest() != names[len(names)-1] {
		t.Fatalf("names %v, latest %s", names, migrations.Latest())
	}
	if !strings.HasSuffix(names[0], "_baseline") || !strings.Contains(string(files[0].Bytes()), "CREATE TABLE `members`") {
		t.Fatalf("the first migration is not the baseline schema: %s", names[0])
	}
}

func TestLockNameFitsMySQL(t *testing.T) {
	for _, db := range []string{"claco", strings.Repeat("d", 64)} {
		if n := migrations.LockName(db); len(n) > 64 || !strings.HasPrefix(n, "claco_migrate:") {
			t.Errorf("%s: lock name %q", db, n)
		}
	}
	if migrations.LockName("a") == migrations.LockName("b") {
		t.Fatal("two databases share a migration lock")
	}
}
