// Command seed fills an empty database with a large synthetic catalogue for
// load tests (see internal/seed): by default 20,000 concerts with keyword
// scores, 5,000 onboarded members, 100,000 likes and 30,000 ticket reviews in
// Claco books, the same rows for the same --seed and --today.
//
//	go run ./cmd/seed --database-url sqlite:///tmp/load.db
//	go run ./cmd/seed --database-url mysql://root@127.0.0.1:3306/claco_load --concerts 1000
//
// The database is opened, migrated and given the reference data the way the
// server does it; it must have no concerts or members yet.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/claco/claco/internal/seed"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(out)
	d := seed.Default()
	url := fs.String("database-url", os.Getenv("CLACO_DATABASE_URL"), "database to fill: sqlite://PATH or mysql://user:pass@host:port/db (default $CLACO_DATABASE_URL)")
	s := fs.Uint64("seed", d.Seed, "random seed; the same seed and --today give the same rows")
	concerts := fs.Int("concerts", d.Concerts, "concerts")
	members := fs.Int("members", d.Members, "members (onboarded, with preferences)")
	likes := fs.Int("likes", d.Likes, "likes")
	reviews := fs.Int("reviews", d.Reviews, "ticket reviews")
	today := fs.String("today", "", "the day (YYYY-MM-DD) the catalogue is spread around (default: today in Korea)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *url == "" {
		return fmt.Errorf("--database-url is required")
	}
	cfg := seed.Config{Seed: *s, Concerts: *concerts, Members: *members, Likes: *likes, Reviews: *reviews,
		Logf: func(format string, a ...any) { fmt.Fprintf(out, format+"\n", a...) }}
	if *today != "" {
		t, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			return fmt.Errorf("--today: %w", err)
		}
		cfg.Today = t
	}
	sum, err := seed.Into(ctx, *url, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "seed:", sum)
	return nil
}
