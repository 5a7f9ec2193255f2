package loader

import (
	"context"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/adminaction"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/collection"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/ent/importrun"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/library"
)

// Member returns the live member with the id, or nil.
func (l *Loaders) Member(ctx context.Context, id int) (*ent.Member, error) {
	return l.loaders().member.load(ctx, id)
}

// Review returns the live ticket review with the id, or nil. Reviews are
// public, but one an admin hid only its author and admins see.
func (l *Loaders) Review(ctx context.Context, id int) (*ent.TicketReview, error) {
	r, err := l.loaders().review.load(ctx, id)
	if err != nil || r == nil || library.Visible(r, l.Viewer(), isAdmin(ctx)) {
		return r, err
	}
	return nil, nil
}

// isAdmin reports whether the request acts for an admin.
func isAdmin(ctx context.Context) bool {
	p, ok := auth.PrincipalFrom(ctx)
	return ok && p.Has(member.RoleADMIN)
}

func (l *Loaders) fetchReviews(ctx context.Context, ids []int) (map[int]*ent.TicketReview, error) {
	found, err := l.deps.Library.Reviews(ctx, ids)
	return announced(found, err, l.AnnounceReviews)
}

// ReviewTags returns a review's tags in keyword order.
func (l *Loaders) ReviewTags(ctx context.Context, reviewID int) ([]*ent.TagCategory, error) {
	return l.loaders().reviewTags.load(ctx, reviewID)
}

// ReviewPlaces returns a review's venue impressions in pair order.
func (l *Loaders) ReviewPlaces(ctx context.Context, reviewID int) ([]*ent.PlaceCategory, error) {
	return l.loaders().reviewPlaces.load(ctx, reviewID)
}

// ReviewImages returns a review's live photos in their order.
func (l *Loaders) ReviewImages(ctx context.Context, reviewID int) ([]*ent.TicketImage, error) {
	return l.loaders().reviewImages.load(ctx, reviewID)
}

// KeywordScore returns the keyword score row with the id, or nil.
func (l *Loaders) KeywordScore(ctx context.Context, id int) (*ent.ConcertKeyword, error) {
	return l.loaders().keywordScore.load(ctx, id)
}

// AnnounceNode says that the row of the table with the id is about to be
// loaded by node(s), so that all the ids of one nodes(ids:) cost one
// statement a type.
func (l *Loaders) AnnounceNode(table string, id int) {
	s := l.loaders()
	switch table {
	case concert.Table:
		s.concert.announce([]int{id})
	case member.Table:
		s.member.announce([]int{id})
	case clacobook.Table:
		s.book.announce([]int{id})
	case ticketreview.Table:
		s.review.announce([]int{id})
	case concertkeyword.Table:
		s.keywordScore.announce([]int{id})
	case collection.Table:
		s.admin.collection.announce([]int{id})
	case adminaction.Table:
		s.admin.adminAction.announce([]int{id})
	case importrun.Table:
		s.admin.importRun.announce([]int{id})
	}
}
