package loader

import (
	"context"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/ticketreview"
)

// Member returns the live member with the id, or nil.
func (l *Loaders) Member(ctx context.Context, id int) (*ent.Member, error) {
	return l.loaders().member.load(ctx, id)
}

// Review returns the live ticket review with the id, or nil (reviews are public).
func (l *Loaders) Review(ctx context.Context, id int) (*ent.TicketReview, error) {
	return l.loaders().review.load(ctx, id)
}

func (l *Loaders) fetchReviews(ctx context.Context, ids []int) (map[int]*ent.TicketReview, error) {
	found, err := l.deps.Library.Reviews(ctx, ids)
	if err != nil {
		return nil, err
	}
	rows := make([]*ent.TicketReview, 0, len(found))
	for _, r := range found {
		rows = append(rows, r)
	}
	l.AnnounceReviews(rows)
	return found, nil
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
	}
}
