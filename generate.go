// Package claco is the root of the Claco service: a GraphQL backend for
// curating classical music and dance concerts in Korea. The code lives in the
// packages below; this file only holds the generators, so that
// `go generate ./...` reproduces ent and gqlgen output exactly.
package claco

//go:generate go run ./ent/entc.go
//go:generate go run ./internal/graphgen
