package loader

import (
	"context"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/placecategory"
	"github.com/claco/claco/ent/tagcategory"
	"github.com/claco/claco/ent/ticketimage"
	"github.com/claco/claco/ent/ticketreview"
)

// Member returns the live member with the id, or nil.
func (l *Loaders) Member(ctx context.Context, id int) (*ent.Member, error) {
	return l.member.load(ctx, id)
}

// ReviewTags returns a review's tags in keyword order.
func (l *Loaders) ReviewTags(ctx context.Context, reviewID int) ([]*ent.TagCategory, error) {
	return l.reviewTags.load(ctx, reviewID)
}

// ReviewPlaces returns a review's venue impressions in pair order.
func (l *Loaders) ReviewPlaces(ctx context.Context, reviewID int) ([]*ent.PlaceCategory, error) {
	return l.reviewPlaces.load(ctx, reviewID)
}

// ReviewImages returns a review's live photos in their order.
func (l *Loaders) ReviewImages(ctx context.Context, reviewID int) ([]*ent.TicketImage, error) {
	return l.reviewImages.load(ctx, reviewID)
}

func (l *Loaders) fetchMembers(ctx context.Context, ids []int) (map[int]*ent.Member, error) {
	rows, err := l.db.Member.Query().Where(member.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	return indexByID(rows, func(m *ent.Member) int { return m.ID }), nil
}

// fetchReviewTags and fetchReviewPlaces eager-load the many-to-many edge of the
// reviews: one statement for the reviews' ids, one for the edge.
func (l *Loaders) fetchReviewTags(ctx context.Context, ids []int) (map[int][]*ent.TagCategory, error) {
	reviews, err := l.db.TicketReview.Query().
		Where(ticketreview.IDIn(ids...)).
		Select(ticketreview.FieldID).
		WithTags(func(q *ent.TagCategoryQuery) { q.Order(tagcategory.ByPosition()) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int][]*ent.TagCategory, len(reviews))
	for _, r := range reviews {
		out[r.ID] = r.Edges.Tags
	}
	return out, nil
}

func (l *Loaders) fetchReviewPlaces(ctx context.Context, ids []int) (map[int][]*ent.PlaceCategory, error) {
	reviews, err := l.db.TicketReview.Query().
		Where(ticketreview.IDIn(ids...)).
		Select(ticketreview.FieldID).
		WithPlaceReviews(func(q *ent.PlaceCategoryQuery) { q.Order(placecategory.ByPosition()) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int][]*ent.PlaceCategory, len(reviews))
	for _, r := range reviews {
		out[r.ID] = r.Edges.PlaceReviews
	}
	return out, nil
}

func (l *Loaders) fetchReviewImages(ctx context.Context, ids []int) (map[int][]*ent.TicketImage, error) {
	rows, err := l.db.TicketImage.Query().
		Where(ticketimage.ReviewIDIn(ids...)).
		Order(ticketimage.ByReviewID(), ticketimage.ByPosition()).
		All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int][]*ent.TicketImage, len(ids))
	for _, r := range rows {
		out[r.ReviewID] = append(out[r.ReviewID], r)
	}
	return out, nil
}
