package server

import (
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/claco/claco/graph"
	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/library"
	"github.com/claco/claco/internal/pager"
)

// Limits of the GraphQL endpoint.
const (
	// maxComplexity bounds the work one operation may ask for. Connections
	// multiply their children's cost by their page size, so nesting pages in
	// pages (concerts → reviews → concert → reviews) is refused early.
	maxComplexity = 50_000
	// maxUploadBytes covers three 10 MiB review photos and the form around them.
	maxUploadBytes = 32 << 20
	queryCacheSize = 1000
	apqCacheSize   = 1000
)

func newGraphQL(r *graph.Resolver, cfg config.Config, log *slog.Logger) *handler.Server {
	c := graph.NewConfig(r)
	c.Complexity.Query.Concerts = func(child int, first *int, _ *pager.Cursor, last *int, _ *pager.Cursor, _ *catalogue.Filter, _ *catalogue.Order) int {
		return child * pageSize(first, last)
	}
	c.Complexity.Concert.Reviews = func(child int, first *int, _ *pager.Cursor, last *int, _ *pager.Cursor, _ *library.ReviewOrder) int {
		return child * pageSize(first, last)
	}
	srv := handler.New(graph.NewExecutableSchema(c))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: maxUploadBytes, MaxMemory: 8 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](queryCacheSize))
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](apqCacheSize)})
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.FixedComplexityLimit(maxComplexity))
	srv.AroundFields(graph.MarkInternalErrors)
	srv.SetErrorPresenter(graph.PresentError(log))
	srv.SetRecoverFunc(graph.Recover(log))
	return srv
}

func pageSize(first, last *int) int {
	switch {
	case first != nil:
		return max(*first, 1)
	case last != nil:
		return max(*last, 1)
	}
	return pager.DefaultSize
}

func playgroundHandler() http.Handler { return playground.Handler("Claco", "/query") }
