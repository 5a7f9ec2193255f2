//go:build ignore

// This program generates the ent data layer and its GraphQL schema (ent.graphqls).
// Run it from the module root: go generate ./... does.
package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("./gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("./ent.graphqls"),
		entgql.WithWhereInputs(false),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./ent/schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeatureIntercept,
			gen.FeatureSnapshot,
			gen.FeatureLock,
			gen.FeatureModifier,
			gen.FeatureUpsert,
			gen.FeatureGlobalID,
			gen.FeatureNamedEdges,
		},
	}, entc.Extensions(ex), entc.TemplateFiles("./ent/template/extensions.tmpl"))
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}
