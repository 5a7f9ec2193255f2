// Package catalogue owns browsing the public concert catalogue: what a concert
// filter means, how concerts are ordered and paged, search suggestions, and the
// values derived from a concert's KOPIS data (its state today, cast lists).
package catalogue

import (
	"context"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/reference"
)

// Service answers catalogue queries.
type Service struct {
	db  *ent.Client
	ref *reference.Set
	now func() time.Time
}

// New returns a catalogue over db. now is the clock that decides what "today" is.
func New(db *ent.Client, ref *reference.Set, now func() time.Time) *Service {
	return &Service{db: db, ref: ref, now: now}
}

// Today is the current calendar day in Korea.
func (s *Service) Today() time.Time { return Today(s.now()) }

// Concert returns the live concert with the given id, or nil when there is none.
func (s *Service) Concert(ctx context.Context, id int) (*ent.Concert, error) {
	c, err := s.db.Concert.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return c, err
}
