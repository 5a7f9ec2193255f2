// Package curation owns what admins curate: corrections of a concert's
// keywords (kept by imports and rescoring until cleared) and collections of
// concerts for the home page ("Claco picks"). Every change is written in one
// transaction with its audit entry (see internal/audit).
package curation

import (
	"context"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/reference"
)

// Scorer gives a concert the scorer's keywords again (the importer owns
// keyword rows; see importer.ClearCurated).
type Scorer interface {
	ClearCurated(ctx context.Context, tx *ent.Client, concertID int) error
}

// Service keeps keyword corrections and collections.
type Service struct {
	db     *ent.Client
	ref    *reference.Set
	scorer func() Scorer
	now    func() time.Time
}

// Deps are what curation works with.
type Deps struct {
	DB        *ent.Client
	Reference *reference.Set
	// Scorer returns a scorer for one change (importers are not shared
	// between goroutines).
	Scorer func() Scorer
	Now    func() time.Time
}

// New returns the curation service.
func New(d Deps) *Service {
	return &Service{db: d.DB, ref: d.Reference, scorer: d.Scorer, now: d.Now}
}
