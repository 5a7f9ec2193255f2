// Package members owns Claco's members: signing in (Kakao, dev), onboarding,
// profile and nickname, taste preferences, and withdrawal with everything a
// member wrote. Every method acts for one member id that the caller has
// already authenticated; nothing here reads another member's data.
package members

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/hook"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/kept"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/softdelete"
	"github.com/claco/claco/internal/upload"
)

// ContentOwner is a package that keeps something members make (likes, books
// and tickets): on withdrawal it removes the member's part in the given
// transaction and drops the files it refers to.
type ContentOwner interface {
	RemoveMember(ctx context.Context, tx *ent.Client, files *upload.Changes, memberID int) error
}

// SessionRevoker ends every session of a member.
type SessionRevoker interface {
	RevokeAll(ctx context.Context, db *ent.Client, memberID int) error
}

// Service manages members.
type Service struct {
	db          *ent.Client
	ref         *reference.Set
	images      upload.Images
	content     []ContentOwner
	sessions    SessionRevoker
	log         *slog.Logger
	adminEmails map[string]bool
	now         func() time.Time
	tasteGen    database.Generation
	tastes      *kept.Values[int, keptTaste] // by member
	memberGen   database.Generation
	shown       *kept.Values[int, *ent.Member] // by id, for ByIDs
}

// Deps are what the member service works with.
type Deps struct {
	DB          *ent.Client
	Reference   *reference.Set
	Images      upload.Images
	Sessions    SessionRevoker
	Logger      *slog.Logger
	AdminEmails []string
	Now         func() time.Time
}

// New returns the member service.
func New(d Deps) *Service {
	admins := make(map[string]bool, len(d.AdminEmails))
	for _, e := range d.AdminEmails {
		admins[normalizeEmail(e)] = true
	}
	s := &Service{
		db: d.DB, ref: d.Reference, images: d.Images, sessions: d.Sessions,
		log: d.Logger, adminEmails: admins, now: d.Now,
	}
	// Recommendations read a member's taste on every request; it changes
	// when they edit their preferences.
	s.tastes = kept.New[int, keptTaste](&s.tasteGen, kept.Moment, d.Now, maxTastesKept)
	d.DB.Preference.Use(hook.On(s.tasteGen.Hook(), ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne))
	// Every review shows its author: the same few members again and again,
	// while a member's profile changes seldom.
	s.shown = kept.New[int, *ent.Member](&s.memberGen, kept.Moment, d.Now, maxMembersKept)
	// A new member is in nobody's kept values (a miss is not kept): only
	// changes and deletions move the generation.
	d.DB.Member.Use(hook.On(s.memberGen.Hook(), ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne))
	return s
}

// Bounds of what is kept.
const (
	maxTastesKept  = 10_000
	maxMembersKept = 10_000
)

// keptTaste is a member's taste, or that they have none yet.
type keptTaste struct {
	taste Taste
	ok    bool
}

// OwnContent names the owners of what members make (likes, the library),
// which withdrawal asks to remove a member's part. They are set after
// construction because they read members too (a book's default title).
func (s *Service) OwnContent(owners ...ContentOwner) { s.content = owners }

// Get returns the live member with the id, or nil.
func (s *Service) Get(ctx context.Context, id int) (*ent.Member, error) {
	m, err := s.db.Member.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return m, err
}

// ByIDs returns the live members with the ids, for showing them: kept for
// a moment (another instance's changes show within kept.Moment, this one's
// at once), the others read in one query. Callers must not change them.
// What of a member another caller may see is decided field by field (see
// graph).
func (s *Service) ByIDs(ctx context.Context, ids []int) (map[int]*ent.Member, error) {
	return s.shown.LoadMany(ids, func(missing []int) (map[int]*ent.Member, error) {
		rows, err := s.db.Member.Query().Where(member.IDIn(missing...)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("members: %w", err)
		}
		out := make(map[int]*ent.Member, len(rows))
		for _, m := range rows {
			out[m.ID] = m
		}
		return out, nil
	})
}

// Nickname returns a live member's nickname ("" before onboarding).
func (s *Service) Nickname(ctx context.Context, id int) (string, error) {
	m, err := s.db.Member.Get(ctx, id)
	if err != nil {
		return "", fmt.Errorf("nickname: %w", err)
	}
	if m.Nickname == nil {
		return "", nil
	}
	return *m.Nickname, nil
}

// Withdrawn returns the member with the id even after they withdrew, for
// records that outlive a member (the audit log names its admins).
func (s *Service) Withdrawn(ctx context.Context, id int) (*ent.Member, error) {
	return s.db.Member.Get(softdelete.IncludeDeleted(ctx), id)
}
