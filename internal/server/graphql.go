package server

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/claco/claco/graph"
	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/playground"
)

// Limits of the GraphQL endpoint.
const (
	// maxComplexity bounds the work one operation may ask for (see
	// graph.NewSchema for what fields cost).
	maxComplexity = 50_000
	// maxTokens bounds the parse: the front end's largest operation has a
	// few hundred tokens.
	maxTokens      = 5_000
	queryCacheSize = 1000
	apqCacheSize   = 1000
)

func newGraphQL(r *graph.Resolver, cfg config.Config, log *slog.Logger, ops *operationMetrics) *handler.Server {
	srv := handler.New(graph.NewSchema(r))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(jsonPOST{})
	srv.AddTransport(multipartForm{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](queryCacheSize))
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](apqCacheSize)})
	switch {
	case cfg.Introspection && cfg.Production():
		srv.Use(adminIntrospection{})
	case cfg.Introspection:
		srv.Use(extension.Introspection{})
	}
	srv.SetParserTokenLimit(maxTokens)
	srv.SetDisableSuggestion(cfg.Production())
	srv.Use(graph.DefaultLimits)
	srv.Use(extension.FixedComplexityLimit(maxComplexity))
	srv.AroundFields(graph.MarkInternalErrors)
	srv.AroundResponses(ops.around)
	srv.AroundOperations(mutationsOnPrimary)
	srv.SetErrorPresenter(graph.PresentError(log))
	srv.SetRecoverFunc(graph.Recover(log))
	return srv
}

// playgroundHandler serves GraphiQL, with its assets embedded (see package
// playground), talking to /query.
func playgroundHandler() http.Handler { return playground.New("Claco", "/query") }

// mutationsOnPrimary makes a mutation read from the primary database, so
// that what it returns shows what it wrote even with a lagging read replica.
func mutationsOnPrimary(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if oc := graphql.GetOperationContext(ctx); oc != nil && oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
		ctx = database.Primary(ctx)
	}
	return next(ctx)
}
