// Package members owns Claco's members: signing in (Kakao, dev), onboarding,
// profile and nickname, taste preferences, and withdrawal with everything a
// member wrote. Every method acts for one member id that the caller has
// already authenticated; nothing here reads another member's data.
package members

import (
	"context"
	"io"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/reference"
)

// ImageStore keeps uploaded images.
type ImageStore interface {
	SaveImage(ctx context.Context, r io.Reader) (url string, err error)
	Remove(ctx context.Context, url string) error
}

// SessionRevoker ends every session of a member.
type SessionRevoker interface {
	RevokeAll(ctx context.Context, db *ent.Client, memberID int) error
}

// Service manages members.
type Service struct {
	db          *ent.Client
	ref         *reference.Set
	images      ImageStore
	sessions    SessionRevoker
	adminEmails map[string]bool
	now         func() time.Time
}

// Deps are what the member service works with.
type Deps struct {
	DB          *ent.Client
	Reference   *reference.Set
	Images      ImageStore
	Sessions    SessionRevoker
	AdminEmails []string
	Now         func() time.Time
}

// New returns the member service.
func New(d Deps) *Service {
	admins := make(map[string]bool, len(d.AdminEmails))
	for _, e := range d.AdminEmails {
		admins[normalizeEmail(e)] = true
	}
	return &Service{db: d.DB, ref: d.Reference, images: d.Images, sessions: d.Sessions, adminEmails: admins, now: d.Now}
}

// Get returns the live member with the id, or nil.
func (s *Service) Get(ctx context.Context, id int) (*ent.Member, error) {
	m, err := s.db.Member.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return m, err
}
