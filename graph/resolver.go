// Package graph owns Claco's GraphQL layer: the gqlgen executable schema, thin
// resolvers that hand each field to a domain service or a batch loader, and
// the error presenter that turns domain errors into the contract's codes.
package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/audit"
	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/curation"
	"github.com/claco/claco/internal/library"
	"github.com/claco/claco/internal/likes"
	"github.com/claco/claco/internal/members"
	"github.com/claco/claco/internal/recs"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/upload"
)

// Resolver is the root resolver; it holds the services the fields call.
type Resolver struct {
	DB         *ent.Client
	Reference  *reference.Set
	Catalogue  *catalogue.Service
	Library    *library.Service
	Likes      *likes.Service
	Membership *members.Service
	Recs       *recs.Service
	Auth       *auth.Service
	Curation   *curation.Service
	Audit      *audit.Log
	// URLs makes stored file paths absolute for clients.
	URLs upload.URLs
	// DevLogin enables the devLogin mutation.
	DevLoginEnabled bool
}

// NewSchema returns the executable schema over the services in r: resolvers,
// the role directives, and the cost of each field for the complexity limit.
func NewSchema(r *Resolver) graphql.ExecutableSchema {
	c := Config{Resolvers: r, Directives: DirectiveRoot{Auth: requireAuth, HasRole: requireRole}}
	setComplexity(&c.Complexity)
	return NewExecutableSchema(c)
}
