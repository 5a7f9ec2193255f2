// Command graphgen runs gqlgen over gqlgen.yml and then rewrites the costliest
// parts of the generated executor (see rewrite, and the packages it points
// the executor at for why): lists marshalled in line where nothing waits
// (gqllist), @defer groups (gqldefer), plain fields (gqlfield), objects and
// the fields of types resolved in line (gqlobject). It is what
// `go generate` runs instead of the plain gqlgen command:
//
//	go run ./internal/graphgen
//
// The gqlgen version is the one go.mod requires, so generated and runtime
// code always match.
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("graphgen: ")
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	if cfg.Exec.Layout != "" && cfg.Exec.Layout != config.ExecLayoutSingleFile {
		return fmt.Errorf("gqlgen.yml: exec.layout must be %s, got %s", config.ExecLayoutSingleFile, cfg.Exec.Layout)
	}
	p := &plan{}
	if err := api.Generate(cfg, api.AddPlugin(p)); err != nil {
		return err
	}
	src, err := os.ReadFile(cfg.Exec.Filename)
	if err != nil {
		return err
	}
	out, n, err := rewrite(src, *p)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.Exec.Filename, err)
	}
	if n.lists != len(p.marshallers) || n.chosen != len(p.chosen) || n.groups == 0 || n.groups != n.pathsLater ||
		n.plain != len(p.plainFields) || n.objects == 0 || n.objects != n.fieldSets ||
		len(p.now) != len(resolvedInLine) || (len(p.now) > 0 && n.now == 0) {
		return fmt.Errorf("%s: rewrote %d of %d list marshallers in line and %d of %d to choose, %d deferred groups and %d of their paths, "+
			"%d of %d plain fields, %d of %d object marshallers, %d fields of %d types in line; gqlgen's output changed shape",
			cfg.Exec.Filename, n.lists, len(p.marshallers), n.chosen, len(p.chosen), n.groups, n.pathsLater,
			n.plain, len(p.plainFields), n.objects, n.fieldSets, n.now, len(p.now))
	}
	table, err := listTypesSource(p.pkg, tableOf(p.objects))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(cfg.Exec.Filename), listTypesFile), table, 0o644); err != nil {
		return err
	}
	return os.WriteFile(cfg.Exec.Filename, out, 0o644)
}
