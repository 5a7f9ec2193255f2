// Package seed fills an empty, migrated database with a large synthetic
// catalogue for load tests: concerts with keyword scores, onboarded members
// with preferences, likes, and ticket reviews in Claco books. Everything is
// derived from Config.Seed and Config.Today, so the same configuration gives
// the same rows (and, on a fresh database, the same ids).
//
// The data is shaped like the real thing: Korean titles and venues from the
// demo and KOPIS vocabulary, about 40 % of concerts ended, two genres,
// Zipf-skewed popularity, and members who like and review concerts that
// match their keywords more often than others.
package seed

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/softdelete"
)

// Config sizes the catalogue.
type Config struct {
	// Seed makes the data: the same seed (and Today) gives the same rows.
	Seed uint64
	// Concerts, Members, Likes and Reviews are how many rows to make. Likes
	// and Reviews are targets: a tiny catalogue may not have room for them
	// all (one like per member and concert, at most five books of twenty
	// tickets per member), and Summary says how many were made.
	Concerts, Members, Likes, Reviews int
	// Today is the calendar day the catalogue is spread around (about 40 %
	// of concerts end before it). Zero means today in Korea.
	Today time.Time
	// BatchSize is the number of rows per INSERT (Default: 1,000); wide rows
	// (concerts) use fewer so that a statement stays under SQLite's limit
	// of bound parameters.
	BatchSize int
	// Logf, when not nil, receives a line per phase.
	Logf func(format string, args ...any)
}

// Default is the catalogue the load test runs against.
func Default() Config {
	return Config{Seed: 1, Concerts: 20_000, Members: 5_000, Likes: 100_000, Reviews: 30_000}
}

// Scaled returns the default proportions for a catalogue of n concerts
// (members, likes and reviews grow with it), with at least a few members.
func Scaled(n int) Config {
	d := Default()
	d.Concerts = n
	d.Members = max(20, n*d.Members/20_000)
	d.Likes = n * 5
	d.Reviews = n * 3 / 2
	return d
}

// Summary is what Run made.
type Summary struct {
	Concerts      int
	Ended         int // concerts whose run ended before Today
	KeywordScores int
	Members       int
	Likes         int
	Books         int
	FullBooks     int // books holding the maximum number of tickets
	Reviews       int
	Elapsed       time.Duration
}

func (s Summary) String() string {
	return fmt.Sprintf("%d concerts (%d ended), %d keyword scores, %d members, %d likes, %d books (%d full), %d reviews in %s",
		s.Concerts, s.Ended, s.KeywordScores, s.Members, s.Likes, s.Books, s.FullBooks, s.Reviews, s.Elapsed.Round(time.Millisecond))
}

// Run fills db, which must be migrated, hold the reference data
// (reference.Seed) and have no concerts or members yet.
func Run(ctx context.Context, db *ent.Client, cfg Config) (Summary, error) {
	start := time.Now()
	if err := cfg.validate(); err != nil {
		return Summary{}, err
	}
	if cfg.Today.IsZero() {
		cfg.Today = catalogue.Today(time.Now())
	}
	cfg.Today = time.Date(cfg.Today.Year(), cfg.Today.Month(), cfg.Today.Day(), 0, 0, 0, 0, time.UTC)
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 1000
	}
	logf := cfg.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	all := softdelete.IncludeDeleted(ctx)
	for name, count := range map[string]func(context.Context) (int, error){
		"concerts": db.Concert.Query().Count,
		"members":  db.Member.Query().Count,
	} {
		n, err := count(all)
		if err != nil {
			return Summary{}, fmt.Errorf("seed: %w", err)
		}
		if n > 0 {
			return Summary{}, fmt.Errorf("seed: the database already has %d %s; seed a fresh one", n, name)
		}
	}
	ref, err := reference.Load(ctx, db)
	if err != nil {
		return Summary{}, fmt.Errorf("seed: %w", err)
	}

	g := newGenerator(cfg, ref)
	w := &writer{db: db, batch: cfg.BatchSize, now: g.now}
	var sum Summary

	phase := time.Now()
	g.planConcerts()
	if err := w.concerts(ctx, g); err != nil {
		return sum, err
	}
	sum.Concerts, sum.KeywordScores = len(g.concerts), g.scoreRows
	for _, c := range g.concerts {
		if c.end.Before(cfg.Today) {
			sum.Ended++
		}
	}
	logf("seed: %d concerts, %d keyword scores in %s", sum.Concerts, sum.KeywordScores, since(phase))

	phase = time.Now()
	g.planMembers()
	if err := w.members(ctx, g); err != nil {
		return sum, err
	}
	sum.Members = len(g.members)
	logf("seed: %d members with preferences in %s", sum.Members, since(phase))

	phase = time.Now()
	g.planLikes()
	if err := w.likes(ctx, g); err != nil {
		return sum, err
	}
	sum.Likes = len(g.likes)
	logf("seed: %d likes in %s", sum.Likes, since(phase))

	phase = time.Now()
	g.planReviews()
	if err := w.library(ctx, g); err != nil {
		return sum, err
	}
	sum.Books, sum.Reviews = len(g.books), len(g.reviews)
	for _, b := range g.books {
		if b.tickets == reference.Static.Limits.TicketsPerBook {
			sum.FullBooks++
		}
	}
	logf("seed: %d books (%d full), %d reviews in %s", sum.Books, sum.FullBooks, sum.Reviews, since(phase))
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// Into opens the database at url the way the server does (open, migrate,
// reference data) and fills it with Run.
func Into(ctx context.Context, url string, cfg Config) (Summary, error) {
	db, err := database.Open(url)
	if err != nil {
		return Summary{}, err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return Summary{}, err
	}
	if err := reference.Seed(ctx, db.Client); err != nil {
		return Summary{}, err
	}
	return Run(ctx, db.Client, cfg)
}

func (c Config) validate() error {
	var errs []error
	for _, size := range []struct {
		name string
		n    int
	}{{"concerts", c.Concerts}, {"members", c.Members}, {"likes", c.Likes}, {"reviews", c.Reviews}} {
		if size.n < 0 {
			errs = append(errs, fmt.Errorf("seed: %s must not be negative", size.name))
		}
	}
	if c.Concerts == 0 && (c.Likes > 0 || c.Reviews > 0) {
		errs = append(errs, errors.New("seed: likes and reviews need concerts"))
	}
	if c.Members == 0 && (c.Likes > 0 || c.Reviews > 0) {
		errs = append(errs, errors.New("seed: likes and reviews need members"))
	}
	return errors.Join(errs...)
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }
