// Package server owns Claco's HTTP surface: it wires the domain services into
// the GraphQL handler and the plain HTTP endpoints (health, playground,
// metrics), with the middleware every request passes through. New is the one
// constructor both cmd/server and the tests use.
package server

import (
	"context"
	"errors"
	"fmt"
	"github.com/redis/go-redis/v9"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/graph"
	"github.com/claco/claco/internal/audit"
	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/curation"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/importruns"
	"github.com/claco/claco/internal/kakao"
	"github.com/claco/claco/internal/library"
	"github.com/claco/claco/internal/likes"
	"github.com/claco/claco/internal/loader"
	"github.com/claco/claco/internal/members"
	"github.com/claco/claco/internal/playground"
	"github.com/claco/claco/internal/poster"
	"github.com/claco/claco/internal/recs"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/requestid"
	"github.com/claco/claco/internal/telemetry"
	"github.com/claco/claco/internal/upload"
)

// Deps are what the server is built from.
type Deps struct {
	Config config.Config
	DB     *database.DB
	// Replica, when set, serves the catalogue's public reads (CLACO_DATABASE_REPLICA_URL).
	Replica *database.DB
	Logger  *slog.Logger
	// Now is the clock (time.Now when nil); tests fix it.
	Now func() time.Time
	// LoaderWait is how long batch loaders gather keys (loader.DefaultWait when 0).
	LoaderWait time.Duration
	// RecommendPoll is how often Run checks that the recommendation index
	// is fresh (recs.DefaultPoll when 0).
	RecommendPoll time.Duration
}

// Server is the HTTP side of Claco.
type Server struct {
	deps    Deps
	log     *slog.Logger
	metrics *metrics
	public  http.Handler
	admin   http.Handler
	recs    *recs.Service
	// catalogue is polled for other processes' writes (see Run).
	catalogue *catalogue.Service
	redis     *redis.Client // shared rate limits, when configured
	tracing   *telemetry.Tracing
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
	cfg := d.Config
	uploads, err := upload.NewStore(cfg.UploadDir, reference.Static.Limits.UploadBytes)
	if err != nil {
		return nil, fmt.Errorf("build server: %w", err)
	}
	authService := s.newAuth()
	cat := catalogue.New(d.DB.Client, ref, d.Now)
	if d.Replica != nil {
		cat.ReadFrom(d.Replica.Client)
	}
	// Learn the catalogue's version now, so that Run's first poll sees no
	// change unless there was one.
	if err := cat.Poll(ctx); err != nil {
		return nil, fmt.Errorf("build server: %w", err)
	}
	likeService := likes.New(d.DB.Client, d.Now)
	memberService := members.New(members.Deps{
		DB: d.DB.Client, Reference: ref, Images: uploads, Sessions: authService.Sessions,
		AdminEmails: cfg.AdminEmails, Logger: d.Logger, Now: d.Now,
	})
	lib := library.New(library.Deps{
		DB: d.DB.Client, Reference: ref, Concerts: cat, Nicknames: memberService,
		Images: uploads, Logger: d.Logger, Now: d.Now,
	})
	memberService.OwnContent(likeService, lib)
	recService := recs.New(recs.Deps{
		Catalogue: cat, Likes: likeService, Library: lib, Members: memberService,
		Reference: ref, Logger: d.Logger, Now: d.Now, Observer: s.metrics.recs,
	})
	if err := recService.Refresh(ctx); err != nil {
		return nil, fmt.Errorf("build server: %w", err)
	}
	s.recs = recService
	s.catalogue = cat
	curator := curation.New(curation.Deps{
		DB: d.DB.Client, Reference: ref, Now: d.Now,
		Scorer: func() curation.Scorer { return importer.New(d.DB.Client, d.Now) },
	})
	auditLog := audit.NewLog(d.DB.Client)
	resolver := &graph.Resolver{
		DB:              d.DB.Client,
		Reference:       ref,
		Catalogue:       cat,
		Library:         lib,
		Likes:           likeService,
		Membership:      memberService,
		Recs:            recService,
		Auth:            authService,
		Curation:        curator,
		Audit:           auditLog,
		URLs:            upload.URLs{Base: cfg.PublicURL},
		DevLoginEnabled: cfg.DevLogin,
	}
	loaders := loader.Deps{Catalogue: cat, Likes: likeService, Library: lib, Members: memberService, Recs: recService, Wait: d.LoaderWait,
		ObserveBatch: s.metrics.loaders.observe,
		Admin: loader.AdminDeps{
			MemberLikes: likeService.CountsByMember, MemberHoldings: lib.HoldingsOf,
			Collections: curator.CollectionsByID, AdminActions: auditLog.ByID,
			ImportRuns: func(ctx context.Context, ids []int) (map[int]*ent.ImportRun, error) {
				return importruns.ByID(ctx, d.DB.Client, ids)
			},
		}}
	posters, err := s.newPosters(cat, uploads.Dir())
	if err != nil {
		return nil, fmt.Errorf("build server: %w", err)
	}
	authn := &auth.Authenticator{Tokens: authService.Tokens, DB: d.DB.Client, Cache: auth.NewSessionCache(d.DB.Client, 0, d.Now)}
	kakaoLogin := &kakaoLogin{
		kakao:    kakao.NewClient(cfg.KakaoAuthURL, cfg.KakaoAPIURL, cfg.KakaoClientID, cfg.KakaoClientSecret, cfg.KakaoRedirectURL),
		members:  memberService,
		auth:     authService,
		frontURL: cfg.FrontURL,
		secure:   cfg.Production(),
		log:      d.Logger,
	}

	mux := http.NewServeMux()
	perIP, perMember, err := s.rateLimits()
	if err != nil {
		return nil, fmt.Errorf("build server: %w", err)
	}
	if s.tracing, err = telemetry.New(ctx, d.Logger); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("build server: %w", err)
	}
	gqlServer := newGraphQL(resolver, cfg, d.Logger, s.metrics.graphql)
	s.tracing.TraceGraphQL(gqlServer)
	gql := withDeadline(cfg.RequestTimeout, perIP(checkJSONBody(authn.Middleware(perMember(
		auth.WithExchange(s.withLoaders(loaders, answerExpired(gqlServer))))))))
	mux.Handle("/query", s.metrics.instrument("graphql", secureHeaders(cfg.Production(), graphqlOverHTTP(gql))))
	if cfg.Introspection {
		pg := s.metrics.instrument("playground", secureHeaders(cfg.Production(), playgroundHandler()))
		mux.Handle("GET "+playground.Path, pg)
		mux.Handle("GET "+playground.AssetPrefix, pg)
	}
	mux.Handle("GET /auth/kakao/login", s.metrics.instrument("kakao_login", perIP(secureHeaders(cfg.Production(), http.HandlerFunc(kakaoLogin.start)))))
	mux.Handle("GET /auth/kakao/callback", s.metrics.instrument("kakao_callback", perIP(secureHeaders(cfg.Production(), http.HandlerFunc(kakaoLogin.callback)))))
	mux.Handle("GET "+upload.URLPrefix, s.metrics.instrument("files", uploads.Handler()))
	mux.Handle(poster.Pattern, s.metrics.instrument("posters", posters))
	mux.Handle("GET /healthz", s.metrics.instrument("healthz", http.HandlerFunc(healthz)))
	mux.Handle("GET /readyz", s.metrics.instrument("readyz", s.readyz()))
	s.public = s.tracing.Handler(requestid.Middleware(s.logRequests(s.recoverPanics(withCORS(cfg.CORSOrigins, mux)))))

	admin := http.NewServeMux()
	admin.Handle("GET /metrics", s.metrics.handler())
	// Profiles are for operators on the private listener, like metrics.
	admin.HandleFunc("GET /debug/pprof/", pprof.Index)
	admin.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	s.admin = admin
	return s, nil
}

// newAuth builds token minting and sessions. A dev server without a secret
// makes one up: its tokens die with the process, which is fine in dev.
func (s *Server) newAuth() *auth.Service {
	cfg := s.deps.Config
	secret := []byte(cfg.JWTSecret)
	if len(secret) == 0 {
		s.log.Warn("CLACO_JWT_SECRET is not set; using a random secret, so sign-ins end when the server stops")
		secret = auth.RandomSecret()
	}
	return &auth.Service{
		DB:       s.deps.DB.Client,
		Tokens:   auth.NewTokens(secret, cfg.AccessTTL, s.deps.Now),
		Sessions: auth.NewSessions(s.deps.DB.Client, cfg.RefreshTTL, s.deps.Now),
		Cookies:  auth.Cookies{Secure: cfg.Production()},
	}
}

// Run does the server's background work until ctx ends: it keeps the
// recommendation index fresh (see recs.Service.Run) and notices every few
// seconds when another process (the importer) changed the catalogue, whose
// derived totals are kept per catalogue generation.
func (s *Server) Run(ctx context.Context) {
	go func() {
		tick := time.NewTicker(catalogueProbe)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := s.catalogue.Poll(ctx); err != nil && ctx.Err() == nil {
					s.log.WarnContext(ctx, "catalogue poll failed", "err", err)
				}
			}
		}
	}()
	s.recs.Run(ctx, s.deps.RecommendPoll)
}

// catalogueProbe is how often Run compares the catalogue's version.
const catalogueProbe = 3 * time.Second

// Catalogue is the catalogue service (tests poll it directly).
func (s *Server) Catalogue() *catalogue.Service { return s.catalogue }

// Recommendations is the recommendation service (tests poll it directly).
func (s *Server) Recommendations() *recs.Service { return s.recs }

// Close releases what the server holds besides the database (Redis), and
// exports the spans not exported yet when tracing is on.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), tracingFlushTimeout)
	defer cancel()
	err := s.tracing.Shutdown(ctx)
	if s.redis != nil {
		err = errors.Join(err, s.redis.Close())
	}
	return err
}

// tracingFlushTimeout bounds how long Close waits for spans to be exported.
const tracingFlushTimeout = 5 * time.Second

// Handler serves the public API.
func (s *Server) Handler() http.Handler { return s.public }

// AdminHandler serves operators only (metrics); listen on a private address.
func (s *Server) AdminHandler() http.Handler { return s.admin }
