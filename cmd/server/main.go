// Command server runs the Claco GraphQL API. With no configuration it serves
// the embedded SQLite database claco.db, filled with a demo catalogue, on
// :8080 (playground at /playground) and metrics on 127.0.0.1:9090.
// `server --help` lists every setting (environment variables, or the flags
// beside them) and exits; `server migrate` applies pending schema migrations
// and exits; `server version` prints the version.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"entgo.io/ent/dialect"

	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/requestid"
	"github.com/claco/claco/internal/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if code != 0 {
		os.Exit(code)
	}
}

// run serves until ctx ends, then shuts down gracefully. listening, when not
// nil, learns the bound addresses (tests listen on port 0).
func run(ctx context.Context, getenv func(string) string, logTo io.Writer, listening func(public, admin net.Addr)) error {
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, logTo)

	db, err := database.Open(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateAtStart(ctx, cfg, db, log); err != nil {
		return err
	}
	if err := reference.Seed(ctx, db.Client); err != nil {
		return err
	}
	if cfg.Demo && db.Dialect == dialect.SQLite {
		summary, err := importer.LoadDemo(ctx, db.Client, time.Now())
		if err != nil {
			return fmt.Errorf("load demo catalogue: %w", err)
		}
		if summary.New > 0 {
			log.Info("loaded the demo catalogue into an empty database", "summary", summary.String())
		}
	}

	var replica *database.DB
	if cfg.DatabaseReplicaURL != "" {
		// A replica is the primary's copy: it is never migrated or seeded here.
		if replica, err = database.Open(cfg.DatabaseReplicaURL); err != nil {
			return fmt.Errorf("CLACO_DATABASE_REPLICA_URL: %w", err)
		}
		defer replica.Close()
	}
	srv, err := server.New(ctx, server.Deps{Replica: replica, Config: cfg, DB: db, Logger: log})
	if err != nil {
		return err
	}
	defer srv.Close()
	go srv.Run(ctx)
	public := newHTTPServer(cfg.Addr, srv.Handler(), log)
	admin := newHTTPServer(cfg.AdminAddr, srv.AdminHandler(), log)

	errs := make(chan error, 2)
	var addrs []net.Addr
	for _, s := range []*http.Server{public, admin} {
		ln, err := net.Listen("tcp", s.Addr)
		if err != nil {
			return err
		}
		defer ln.Close()
		log.Info("listening", "addr", ln.Addr().String())
		addrs = append(addrs, ln.Addr())
		go func() { errs <- s.Serve(ln) }()
	}
	if listening != nil {
		listening(addrs[0], addrs[1])
	}
	if cfg.Introspection {
		log.Info("playground on", "url", "http://localhost"+portOf(cfg.Addr)+"/playground")
	}

	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case err := <-errs:
		return err
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return errors.Join(public.Shutdown(shutdownCtx), admin.Shutdown(shutdownCtx))
}

func newHTTPServer(addr string, h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // photo uploads on slow phones
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// newLogger logs JSON in production and readable text in dev, each line with
// the request id of its context.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var h slog.Handler = slog.NewTextHandler(w, nil)
	if cfg.Production() {
		h = slog.NewJSONHandler(w, nil)
	}
	log := slog.New(requestid.LogHandler{Handler: h})
	slog.SetDefault(log)
	return log
}

func portOf(addr string) string {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	return ":" + port
}
