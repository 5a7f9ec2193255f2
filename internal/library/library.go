// Package library owns members' Claco books and the ticket reviews in them,
// with their photos, tags and venue impressions: keeping them (at most five
// books a member, twenty tickets a book, three photos a ticket, each limit
// holding under concurrent requests), reading them in batches, and who may
// see what — a review is public, a book and which book a ticket is in are
// their owner's only. Every read and write of these tables goes through here.
package library

import (
	"context"
	"log/slog"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/hook"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/kept"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/upload"
)

// Concerts tells whether a concert exists (the catalogue owns them).
type Concerts interface {
	Exists(ctx context.Context, id int) (bool, error)
}

// Nicknames reads a member's nickname (the members package owns it), for a
// book's default title.
type Nicknames interface {
	Nickname(ctx context.Context, memberID int) (string, error)
}

// Service reads and keeps books and ticket reviews.
type Service struct {
	db        *ent.Client
	ref       *reference.Set
	concerts  Concerts
	nicknames Nicknames
	images    upload.Images
	log       *slog.Logger
	now       func() time.Time
	reviewGen database.Generation
	ratings   *kept.Values[int, []Rating] // by member
	best      *kept.Values[int, int]      // a member's best shown review, 0 for none
}

// Deps are what the library works with.
type Deps struct {
	DB        *ent.Client
	Reference *reference.Set
	Concerts  Concerts
	Nicknames Nicknames
	Images    upload.Images
	Logger    *slog.Logger
	Now       func() time.Time
}

// New returns the library.
func New(d Deps) *Service {
	s := &Service{db: d.DB, ref: d.Reference, concerts: d.Concerts, nicknames: d.Nicknames, images: d.Images, log: d.Logger, now: d.Now}
	// Recommendations read a member's ratings on every request; they change
	// with the member's reviews (and their moderation).
	s.ratings = kept.New[int, []Rating](&s.reviewGen, kept.Moment, d.Now, maxRatingsKept)
	s.best = kept.New[int, int](&s.reviewGen, kept.Moment, d.Now, maxRatingsKept)
	d.DB.TicketReview.Use(hook.On(s.reviewGen.Hook(), ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne))
	return s
}

// maxRatingsKept bounds the members whose ratings are kept.
const maxRatingsKept = 10_000

// limits are the product's rules (reference-data.json).
var limits = reference.Static.Limits

// write runs one change of a member's library in a transaction that first
// locks the member's row, so that two requests of one member never both pass
// a limit check. Files the change adds or drops follow its outcome.
func (s *Service) write(ctx context.Context, memberID int, files *upload.Changes, fn func(tx *ent.Client) error) error {
	err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
		live, err := tx.Member.Query().Where(member.ID(memberID)).Select(member.FieldID).Modify(database.ForUpdate).Ints(ctx)
		if err != nil {
			return err
		}
		if len(live) == 0 {
			// Withdrawn while the request was under way.
			return apperr.New(apperr.Unauthenticated, "the member has withdrawn")
		}
		return fn(tx)
	})
	if files != nil {
		return files.Finish(ctx, err)
	}
	return err
}

// changes starts tracking the files of one change.
func (s *Service) changes() *upload.Changes { return upload.Begin(s.images, s.log) }
