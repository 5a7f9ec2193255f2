// Package recs owns Claco's recommendations: it feeds the embedded engine
// (package recommend, which knows nothing of concerts) with concerts and
// their keyword vectors, members' declared tastes, likes and ratings — each
// read from the package that owns it — keeps the engine's index fresh, and
// answers the recommendation API.
//
// Freshness: the asking member's own likes, reviews and preference are read
// live on every request (a Profile), so their changes count at once; the
// index (everyone's co-likes, the catalogue) is rebuilt at start-up and
// whenever a cheap fingerprint of the catalogue, likes, reviews and
// preferences changes, which Run polls — so concerts written by the
// importer, another process, and other servers' writes are picked up within
// one poll interval, and several servers converge.
package recs

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/library"
	"github.com/claco/claco/internal/likes"
	"github.com/claco/claco/internal/members"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/recommend"
)

// DefaultPoll is how often Run checks whether the index is stale.
const DefaultPoll = 30 * time.Second

// Service answers recommendations.
type Service struct {
	engine  *recommend.Engine
	opts    recommend.Options
	cat     *catalogue.Service
	likes   *likes.Service
	lib     *library.Service
	members *members.Service
	ref     *reference.Set
	log     *slog.Logger
	now     func() time.Time
	obs     Observer

	mu      sync.Mutex // one rebuild at a time
	version string
}

// Deps are the owners recommendations read from.
type Deps struct {
	Catalogue *catalogue.Service
	Likes     *likes.Service
	Library   *library.Service
	Members   *members.Service
	Reference *reference.Set
	Logger    *slog.Logger
	Now       func() time.Time
	// Observer, when set, is told how long engine queries and index
	// builds take, and the size of each index built (for metrics).
	Observer Observer
}

// Observer watches the engine at work. Its methods run on the goroutine
// that queried or built, and must be quick.
type Observer interface {
	// EngineQuery is told how long one engine query of the kind took.
	EngineQuery(kind QueryKind, took time.Duration)
	// IndexBuilt is told how long an index build took (reading its data
	// included) and, when it succeeded (err is nil), the new index's stats.
	IndexBuilt(took time.Duration, stats recommend.Stats, err error)
	// IndexFresh is told that the index was found current, or rebuilt,
	// by Refresh or Poll: the index is known to be fresh now. (A build
	// only happens when the data changed; this happens every poll.)
	IndexFresh()
}

// QueryKind names what an engine query answers: one of QueryKinds.
type QueryKind string

// The kinds of engine query.
const (
	// QueryRecommended ranks concerts for a member's profile (ForMember).
	QueryRecommended QueryKind = "recommended"
	// QueryLikeBased finds concerts like the one a member liked last (LikeBasedFor).
	QueryLikeBased QueryKind = "like_based"
	// QuerySimilar finds concerts like one concert (Similar; one query a concert).
	QuerySimilar QueryKind = "similar"
	// QueryTickets finds the members whose taste is closest (TicketsFor).
	QueryTickets QueryKind = "tickets"
)

// QueryKinds are every kind of engine query: a fixed set, fit for a metric label.
var QueryKinds = []QueryKind{QueryRecommended, QueryLikeBased, QuerySimilar, QueryTickets}

// noObserver watches nothing.
type noObserver struct{}

func (noObserver) EngineQuery(QueryKind, time.Duration)             {}
func (noObserver) IndexBuilt(time.Duration, recommend.Stats, error) {}
func (noObserver) IndexFresh()                                      {}

// timed runs query, an engine query of the kind, and tells the observer how long it took.
func timed[T any](s *Service, kind QueryKind, query func() (T, error)) (T, error) {
	start := time.Now()
	out, err := query()
	s.obs.EngineQuery(kind, time.Since(start))
	return out, err
}

// New returns the service with an empty index; call Refresh before serving.
func New(d Deps) *Service {
	obs := d.Observer
	if obs == nil {
		obs = noObserver{}
	}
	return &Service{
		engine: recommend.NewEngine(nil), opts: recommend.DefaultOptions(),
		cat: d.Catalogue, likes: d.Likes, lib: d.Library, members: d.Members,
		ref: d.Reference, log: d.Logger, now: d.Now, obs: obs,
	}
}

// Refresh rebuilds the index from the database now.
func (s *Service) Refresh(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.fingerprint(ctx)
	if err != nil {
		return err
	}
	if err := s.rebuild(ctx, v); err != nil {
		return err
	}
	s.obs.IndexFresh()
	return nil
}

// Poll rebuilds the index if the data it derives from changed since the
// last build, and says whether it did.
func (s *Service) Poll(ctx context.Context) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.fingerprint(ctx)
	if err != nil {
		return false, err
	}
	if v == s.version {
		s.obs.IndexFresh()
		return false, nil
	}
	if err := s.rebuild(ctx, v); err != nil {
		return true, err
	}
	s.obs.IndexFresh()
	return true, nil
}

// Run polls every interval (DefaultPoll when 0) until ctx ends.
func (s *Service) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = DefaultPoll
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if rebuilt, err := s.Poll(ctx); err != nil {
				s.log.WarnContext(ctx, "recommendation index: poll failed", "err", err)
			} else if rebuilt {
				st := s.engine.Index().Stats()
				s.log.InfoContext(ctx, "recommendation index rebuilt", "items", st.Items, "members", st.Members)
			}
		}
	}
}

// Stats describes the index in service.
func (s *Service) Stats() recommend.Stats {
	if idx := s.engine.Index(); idx != nil {
		return idx.Stats()
	}
	return recommend.Stats{}
}

func (s *Service) fingerprint(ctx context.Context) (string, error) {
	parts := make([]string, 0, 4)
	for _, version := range []func(context.Context) (string, error){
		s.cat.Version, s.likes.Version, s.lib.Version, s.members.TastesVersion,
	} {
		v, err := version(ctx)
		if err != nil {
			return "", fmt.Errorf("recommendation index version: %w", err)
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, "|"), nil
}

// rebuild builds the index from everything its owners hold, and tells the
// observer how long that took; s.mu is held.
func (s *Service) rebuild(ctx context.Context, version string) (err error) {
	start := time.Now()
	defer func() {
		var stats recommend.Stats
		if err == nil {
			stats = s.Stats()
		}
		s.obs.IndexBuilt(time.Since(start), stats, err)
	}()
	data, err := s.data(ctx)
	if err != nil {
		return err
	}
	if err := s.engine.Rebuild(data, s.opts); err != nil {
		return fmt.Errorf("build recommendation index: %w", err)
	}
	s.version = version
	return nil
}

// data reads what the index is built from.
func (s *Service) data(ctx context.Context) (recommend.Data, error) {
	facts, err := s.cat.AllFacts(ctx)
	if err != nil {
		return recommend.Data{}, err
	}
	tastes, err := s.members.AllTastes(ctx)
	if err != nil {
		return recommend.Data{}, err
	}
	allLikes, err := s.likes.All(ctx)
	if err != nil {
		return recommend.Data{}, err
	}
	ratings, err := s.lib.AllRatings(ctx)
	if err != nil {
		return recommend.Data{}, err
	}
	d := recommend.Data{
		Items:        make([]recommend.Item, len(facts)),
		Members:      make([]recommend.Member, len(tastes)),
		Interactions: make([]recommend.Interaction, 0, len(allLikes)+len(ratings)),
		Now:          s.now().Unix(),
	}
	for i, f := range facts {
		d.Items[i] = recommend.Item{ID: int64(f.ID), Features: f.Keywords[:], Active: !f.Ended, Attributes: attributesOf(f)}
	}
	for i, t := range tastes {
		d.Members[i] = recommend.Member{ID: int64(t.MemberID)}
		if len(facts) > 0 { // with no concerts there is no feature space yet
			d.Members[i].Taste = tasteVector(t)
		}
	}
	for _, l := range allLikes {
		d.Interactions = append(d.Interactions, recommend.Interaction{Member: int64(l.MemberID), Item: int64(l.ConcertID), Weight: likeWeight, Time: l.At.Unix()})
	}
	for _, r := range ratings {
		d.Interactions = append(d.Interactions, recommend.Interaction{Member: int64(r.MemberID), Item: int64(r.ConcertID), Weight: ratingWeight(r.Rating), Time: r.At.Unix()})
	}
	return d, nil
}

// likeWeight is what a like says: the member wants concerts like this one.
const likeWeight = 1

// ratingWeight maps a 0–5 rating to an interaction weight in -1..1: 5 is a
// like, 2.5 says nothing, below pushes the taste away from the concert.
func ratingWeight(rating float64) float32 { return float32((rating - 2.5) / 2.5) }

// tasteVector is a declared taste in the engine's type; nil when empty.
func tasteVector(t members.Taste) []float32 {
	v := make([]float32, len(t.Vector))
	var any bool
	for i, x := range t.Vector {
		v[i] = float32(x)
		any = any || x != 0
	}
	if !any {
		return nil
	}
	return v
}
