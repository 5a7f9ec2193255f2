// Package server owns Claco's HTTP surface: it wires the domain services into
// the GraphQL handler and the plain HTTP endpoints (health, playground,
// metrics), with the middleware every request passes through. New is the one
// constructor both cmd/server and the tests use.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/claco/claco/graph"
	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/library"
	"github.com/claco/claco/internal/loader"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/requestid"
)

// Deps are what the server is built from.
type Deps struct {
	Config config.Config
	DB     *database.DB
	Logger *slog.Logger
	// Now is the clock (time.Now when nil); tests fix it.
	Now func() time.Time
	// LoaderWait is how long batch loaders gather keys (loader.DefaultWait when 0).
	LoaderWait time.Duration
}

// Server is the HTTP side of Claco.
type Server struct {
	deps    Deps
	log     *slog.Logger
	metrics *metrics
	public  http.Handler
	admin   http.Handler
}

// New builds the server over an open, migrated and seeded database.
func New(ctx context.Context, d Deps) (*Server, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	ref, err := reference.Load(ctx, d.DB.Client)
	if err != nil {
		return nil, fmt.Errorf("build server: %w", err)
	}
	s := &Server{deps: d, log: d.Logger, metrics: newMetrics(d.DB)}
	lib := library.New(d.DB.Client, d.Now)
	resolver := &graph.Resolver{
		DB:        d.DB.Client,
		Reference: ref,
		Catalogue: catalogue.New(d.DB.Client, ref, d.Now),
		Library:   lib,
	}
	loaders := loader.Deps{DB: d.DB.Client, Library: lib, Wait: d.LoaderWait}

	mux := http.NewServeMux()
	gql := s.withLoaders(loaders, newGraphQL(resolver, d.Config, d.Logger))
	mux.Handle("/query", s.metrics.instrument("graphql", gql))
	if d.Config.Introspection {
		mux.Handle("GET /playground", s.metrics.instrument("playground", playgroundHandler()))
	}
	mux.Handle("GET /healthz", s.metrics.instrument("healthz", http.HandlerFunc(healthz)))
	mux.Handle("GET /readyz", s.metrics.instrument("readyz", s.readyz()))
	s.public = requestid.Middleware(s.logRequests(s.recoverPanics(withCORS(d.Config.CORSOrigins, mux))))

	admin := http.NewServeMux()
	admin.Handle("GET /metrics", s.metrics.handler())
	s.admin = admin
	return s, nil
}

// Handler serves the public API.
func (s *Server) Handler() http.Handler { return s.public }

// AdminHandler serves operators only (metrics); listen on a private address.
func (s *Server) AdminHandler() http.Handler { return s.admin }
