// Package catalogue owns browsing the public concert catalogue: what a concert
// filter means, how concerts are ordered and paged, search suggestions, and the
// values derived from a concert's KOPIS data (its state today, cast lists).
package catalogue

import (
	"context"
	"fmt"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/kept"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/softdelete"
)

// Service answers catalogue queries.
type Service struct {
	db      *ent.Client
	replica *ent.Client // public reads, when a read replica is configured
	ref     *reference.Set
	now     func() time.Time
	model   *readModel
}

// ReadFrom sends the catalogue's public reads to a read replica: browsing,
// search, concerts and their keywords by id. Requests marked
// database.Primary (mutations) and the catalogue's own bookkeeping stay on
// the primary.
func (s *Service) ReadFrom(replica *ent.Client) { s.replica = replica }

// reader is the client of a public read.
func (s *Service) reader(ctx context.Context) *ent.Client {
	if s.replica == nil || database.NeedsPrimary(ctx) {
		return s.db
	}
	return s.replica
}

// New returns a catalogue over db. now is the clock that decides what "today" is.
func New(db *ent.Client, ref *reference.Set, now func() time.Time) *Service {
	s := &Service{db: db, ref: ref, now: now, model: &readModel{}}
	s.model.concerts = kept.New[int, *ent.Concert](&s.model.generation, kept.UntilWrite, now, maxConcertsKept)
	s.model.watch(db)
	return s
}

// Today is the current calendar day in Korea.
func (s *Service) Today() time.Time { return Today(s.now()) }

// Concert returns the live concert with the given id, or nil when there is none.
func (s *Service) Concert(ctx context.Context, id int) (*ent.Concert, error) {
	found, err := s.ConcertsByID(ctx, []int{id})
	if err != nil {
		return nil, err
	}
	return found[id], nil
}

// Exists reports whether a live concert has the id.
func (s *Service) Exists(ctx context.Context, id int) (bool, error) {
	return s.db.Concert.Query().Where(concert.ID(id)).Exist(ctx)
}

// ConcertsByID returns the live concerts with the ids: those read already
// in this catalogue generation from memory, the others in one query. The
// concerts are shared: callers never change them.
func (s *Service) ConcertsByID(ctx context.Context, ids []int) (map[int]*ent.Concert, error) {
	if database.NeedsPrimary(ctx) || !s.readsSnapshot(ctx) || softdelete.Included(ctx) {
		// A mutation acts on the concert as it is now (one deleted a moment
		// ago by another process cannot be liked); what a read that sees
		// deleted rows finds is not shared.
		return s.queryConcerts(ctx, ids)
	}
	return s.model.concerts.LoadMany(ids, func(missing []int) (map[int]*ent.Concert, error) {
		return s.queryConcerts(ctx, missing)
	})
}

func (s *Service) queryConcerts(ctx context.Context, ids []int) (map[int]*ent.Concert, error) {
	rows, err := s.reader(ctx).Concert.Query().Where(concert.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("concerts: %w", err)
	}
	out := make(map[int]*ent.Concert, len(rows))
	for _, c := range rows {
		out[c.ID] = c
	}
	return out, nil
}

// KeywordScores returns each concert's keyword scores above zero, highest
// first: from the snapshot, or in one query when the request must read the
// primary and public reads go to a replica.
func (s *Service) KeywordScores(ctx context.Context, concertIDs []int) (map[int][]*ent.ConcertKeyword, error) {
	if s.readsSnapshot(ctx) {
		snap, err := s.snapshot(ctx)
		if err != nil {
			return nil, err
		}
		return snap.keywordScores(concertIDs), nil
	}
	rows, err := s.reader(ctx).ConcertKeyword.Query().
		Where(concertkeyword.ConcertIDIn(concertIDs...), concertkeyword.ScoreGT(0)).
		Order(ent.Desc(concertkeyword.FieldScore), ent.Asc(concertkeyword.FieldKeywordID)).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("keyword scores: %w", err)
	}
	s.attachKeywords(rows)
	out := make(map[int][]*ent.ConcertKeyword, len(concertIDs))
	for _, r := range rows {
		out[r.ConcertID] = append(out[r.ConcertID], r)
	}
	return out, nil
}

// attachKeywords loads each score's keyword edge from the reference data,
// where the API reads it (ConcertKeyword.keyword).
func (s *Service) attachKeywords(scores []*ent.ConcertKeyword) {
	for _, sc := range scores {
		if k, ok := s.ref.KeywordByID(sc.KeywordID); ok {
			sc.Edges.Keyword = k
		}
	}
}

// KeywordScoresByID returns the keyword scores with the ids (node lookups).
func (s *Service) KeywordScoresByID(ctx context.Context, ids []int) (map[int]*ent.ConcertKeyword, error) {
	rows, err := s.reader(ctx).ConcertKeyword.Query().Where(concertkeyword.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("keyword scores: %w", err)
	}
	s.attachKeywords(rows)
	out := make(map[int]*ent.ConcertKeyword, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}
