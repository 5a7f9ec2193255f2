package library

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/ticketimage"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/softdelete"
	"github.com/claco/claco/internal/upload"
)

// Reviews returns the live ticket reviews with the ids, in one query,
// hidden ones included: callers show them only where Visible says so.
func (s *Service) Reviews(ctx context.Context, ids []int) (map[int]*ent.TicketReview, error) {
	rows, err := s.db.TicketReview.Query().Where(ticketreview.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reviews: %w", err)
	}
	out := make(map[int]*ent.TicketReview, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// Review returns the live ticket review with the id, or nil.
func (s *Service) Review(ctx context.Context, id int) (*ent.TicketReview, error) {
	r, err := s.db.TicketReview.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return r, err
}

// Editable reports whether the viewer may change the review: they wrote it.
func Editable(viewerID int, r *ent.TicketReview) bool {
	return viewerID != 0 && r.MemberID == viewerID
}

// ShowsBook reports whether the viewer may see which book holds the review.
func ShowsBook(viewerID int, r *ent.TicketReview) bool { return Editable(viewerID, r) }

// Tags returns each review's tags in keyword order, in one statement. The
// tags are the reference data's, whose keyword GraphQL reads in line
// (TagCategory.KeywordOf); only the pairs are read.
func (s *Service) Tags(ctx context.Context, reviewIDs []int) (map[int][]*ent.TagCategory, error) {
	var rows []reviewCategories
	err := s.db.TagCategory.Query().
		Modify(pairsOf(ticketreview.TagsTable, ticketreview.TagsPrimaryKey, reviewIDs)).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("review tags: %w", err)
	}
	found, err := pairs(rows)
	if err != nil {
		return nil, fmt.Errorf("review tags: %w", err)
	}
	return byReview(ctx, s.log, found, s.ref.TagCategories, func(t *ent.TagCategory) int { return t.ID }), nil
}

// Places returns each review's venue impressions in pair order, in one
// statement, as Tags does.
func (s *Service) Places(ctx context.Context, reviewIDs []int) (map[int][]*ent.PlaceCategory, error) {
	var rows []reviewCategories
	err := s.db.PlaceCategory.Query().
		Modify(pairsOf(ticketreview.PlaceReviewsTable, ticketreview.PlaceReviewsPrimaryKey, reviewIDs)).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("review places: %w", err)
	}
	found, err := pairs(rows)
	if err != nil {
		return nil, fmt.Errorf("review places: %w", err)
	}
	return byReview(ctx, s.log, found, s.ref.PlaceCategories, func(p *ent.PlaceCategory) int { return p.ID }), nil
}

// reviewCategory is one row of an edge table between reviews and
// categories.
type reviewCategory struct {
	ReviewID   int
	CategoryID int
}

// reviewCategories is a review's categories as read: their ids, joined by
// commas.
type reviewCategories struct {
	ReviewID    int    `sql:"review_id"`
	CategoryIDs string `sql:"category_ids"`
}

// pairsOf makes a category query read each review's category ids straight
// from the edge table (columns: review, category) through its primary key,
// one row per review (GROUP_CONCAT, which SQLite and MySQL share). The
// categories are the reference data's, in their order, so byReview orders
// them: joining the category table to sort by position cost a lookup per
// pair and a sort, and a row per pair cost more than the query.
func pairsOf(table string, columns []string, reviewIDs []int) func(*sql.Selector) {
	return func(sel *sql.Selector) {
		edge := sql.Table(table)
		sel.From(edge)
		sel.Where(sql.InInts(edge.C(columns[0]), reviewIDs...))
		sel.Select(sql.As(edge.C(columns[0]), "review_id"), sql.As("GROUP_CONCAT("+edge.C(columns[1])+")", "category_ids"))
		sel.GroupBy(edge.C(columns[0]))
	}
}

// pairs splits the rows pairsOf read into (review, category) pairs.
func pairs(rows []reviewCategories) ([]reviewCategory, error) {
	var out []reviewCategory
	for _, r := range rows {
		for id := range strings.SplitSeq(r.CategoryIDs, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(id))
			if err != nil {
				return nil, fmt.Errorf("review %d: category id %q: %w", r.ReviewID, id, err)
			}
			out = append(out, reviewCategory{ReviewID: r.ReviewID, CategoryID: n})
		}
	}
	return out, nil
}

// byReview groups the pairs by review, each review's categories in the
// order of categories (the reference data's). A category the reference
// data does not hold (one added by a newer instance during a rolling
// deploy) is logged and left out, rather than failing every review.
func byReview[T any](ctx context.Context, log *slog.Logger, pairs []reviewCategory, categories []T, id func(T) int) map[int][]T {
	positions := make(map[int][]int)
	for _, p := range pairs {
		i := slices.IndexFunc(categories, func(c T) bool { return id(c) == p.CategoryID })
		if i < 0 {
			log.WarnContext(ctx, "review category not in the reference data; left out", "category_id", p.CategoryID, "review_id", p.ReviewID)
			continue
		}
		positions[p.ReviewID] = append(positions[p.ReviewID], i)
	}
	out := make(map[int][]T, len(positions))
	for review, is := range positions {
		slices.Sort(is)
		list := make([]T, len(is))
		for k, i := range is {
			list[k] = categories[i]
		}
		out[review] = list
	}
	return out
}

// Images returns each review's live photos in their order.
func (s *Service) Images(ctx context.Context, reviewIDs []int) (map[int][]*ent.TicketImage, error) {
	rows, err := s.db.TicketImage.Query().
		Where(ticketimage.ReviewIDIn(reviewIDs...)).
		Order(ticketimage.ByReviewID(), ticketimage.ByPosition()).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("review images: %w", err)
	}
	out := make(map[int][]*ent.TicketImage, len(reviewIDs))
	for _, r := range rows {
		out[r.ReviewID] = append(out[r.ReviewID], r)
	}
	return out, nil
}

// ReviewCountOf is the number of live reviews no admin hid of the
// selector's concert, as an SQL expression to sort by.
func ReviewCountOf(s *sql.Selector) sql.Querier {
	review := sql.Table(ticketreview.Table)
	sub := sql.Dialect(s.Dialect()).Select(sql.Count("*")).From(review).Where(sql.And(
		sql.ColumnsEQ(review.C(ticketreview.FieldConcertID), s.C(concert.FieldID)),
		softdelete.LiveOf(review),
		shownIn(review),
	))
	return sql.ExprFunc(func(b *sql.Builder) { b.Wrap(func(b *sql.Builder) { b.Join(sub) }) })
}

// RemoveMember soft-deletes everything a withdrawing member keeps — books,
// tickets, photos — in the caller's transaction; the files go when it commits.
func (s *Service) RemoveMember(ctx context.Context, tx *ent.Client, files *upload.Changes, memberID int) error {
	tickets, err := tx.TicketReview.Query().Where(ticketreview.MemberID(memberID)).IDs(ctx)
	if err != nil {
		return fmt.Errorf("remove tickets: %w", err)
	}
	if err := removeTickets(ctx, tx, files, tickets); err != nil {
		return fmt.Errorf("remove tickets: %w", err)
	}
	if _, err := tx.ClacoBook.Delete().Where(clacobook.MemberID(memberID)).Exec(ctx); err != nil {
		return fmt.Errorf("remove books: %w", err)
	}
	return nil
}
