// Package library owns members' Claco books and the ticket reviews in them:
// reading reviews (public) and, for their owners, keeping books and tickets.
package library

import (
	"time"

	"github.com/claco/claco/ent"
)

// Service reads and keeps books and ticket reviews.
type Service struct {
	db  *ent.Client
	now func() time.Time
}

// New returns the library over db.
func New(db *ent.Client, now func() time.Time) *Service {
	return &Service{db: db, now: now}
}
