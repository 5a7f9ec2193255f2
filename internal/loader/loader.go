// Package loader owns the request-scoped batch loaders that resolve fields of
// many objects at once: whatever the page size, each kind of field costs one
// SQL statement (or a fixed few) per level of the GraphQL operation. Loaders
// cache for one request only, so a member never sees another request's data.
package loader

import (
	"context"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/library"
)

// DefaultWait is how long a loader gathers keys nobody announced before it
// queries (see keyed for the announced ones).
const DefaultWait = 2 * time.Millisecond

// Loaders are one request's batch loaders.
type Loaders struct {
	db     *ent.Client
	lib    *library.Service
	viewer int

	concertKeywords *keyed[int, int, []*ent.ConcertKeyword]
	likeCount       *keyed[int, int, int]
	likedByViewer   *keyed[int, int, bool]
	reviewStats     *keyed[int, int, library.ReviewStats]
	concertReviews  *keyed[int, ReviewPage, *ent.TicketReviewConnection]
	concert         *keyed[int, int, *ent.Concert]
	member          *keyed[int, int, *ent.Member]
	reviewTags      *keyed[int, int, []*ent.TagCategory]
	reviewPlaces    *keyed[int, int, []*ent.PlaceCategory]
	reviewImages    *keyed[int, int, []*ent.TicketImage]
	book            *keyed[int, int, *ent.ClacoBook]
	bookTicketCount *keyed[int, int, int]
	bookTickets     *keyed[int, BookPage, *ent.TicketReviewConnection]
}

// Deps are what the loaders read from.
type Deps struct {
	DB      *ent.Client
	Library *library.Service
	Wait    time.Duration
}

// New returns fresh loaders for one request made by viewerID (0 when anonymous).
func New(d Deps, viewerID int) *Loaders {
	w := d.Wait
	if w <= 0 {
		w = DefaultWait
	}
	l := &Loaders{db: d.DB, lib: d.Library, viewer: viewerID}
	l.concertKeywords = byID(w, l.fetchConcertKeywords)
	l.likeCount = byID(w, l.fetchLikeCounts)
	l.likedByViewer = byID(w, l.fetchLikedByViewer)
	l.reviewStats = byID(w, d.Library.ReviewStatsOf)
	l.concertReviews = byPage(w, l.fetchConcertReviews,
		func(p ReviewPage) int { return p.ConcertID },
		func(p ReviewPage, concert int) ReviewPage { p.ConcertID = concert; return p })
	l.concert = byID(w, l.fetchConcerts)
	l.member = byID(w, l.fetchMembers)
	l.reviewTags = byID(w, l.fetchReviewTags)
	l.reviewPlaces = byID(w, l.fetchReviewPlaces)
	l.reviewImages = byID(w, l.fetchReviewImages)
	l.book = byID(w, l.fetchBooks)
	l.bookTicketCount = byID(w, d.Library.TicketCounts)
	l.bookTickets = byPage(w, l.fetchBookTickets,
		func(p BookPage) int { return p.BookID },
		func(p BookPage, book int) BookPage { p.BookID = book; return p })
	return l
}

// AnnounceConcerts says that fields of these concerts are about to be resolved.
func (l *Loaders) AnnounceConcerts(concerts []*ent.Concert) {
	ids := idsOf(concerts, func(c *ent.Concert) int { return c.ID })
	l.concertKeywords.announce(ids)
	l.likeCount.announce(ids)
	l.likedByViewer.announce(ids)
	l.reviewStats.announce(ids)
	l.concertReviews.announce(ids)
}

// AnnounceReviews says that fields of these reviews are about to be resolved.
func (l *Loaders) AnnounceReviews(reviews []*ent.TicketReview) {
	ids := make([]int, len(reviews))
	authors := make([]int, len(reviews))
	concerts := make([]int, len(reviews))
	books := make([]int, 0, len(reviews))
	for i, r := range reviews {
		ids[i], authors[i], concerts[i] = r.ID, r.MemberID, r.ConcertID
		if r.MemberID == l.viewer {
			books = append(books, r.BookID) // only owners see a ticket's book
		}
	}
	l.reviewTags.announce(ids)
	l.reviewPlaces.announce(ids)
	l.reviewImages.announce(ids)
	l.member.announce(authors)
	l.concert.announce(concerts)
	l.book.announce(books)
}

// AnnounceBooks says that fields of these books are about to be resolved.
func (l *Loaders) AnnounceBooks(books []*ent.ClacoBook) {
	ids := idsOf(books, func(b *ent.ClacoBook) int { return b.ID })
	l.bookTicketCount.announce(ids)
	l.bookTickets.announce(ids)
}

// idsOf returns the id of each row.
func idsOf[T any](rows []T, id func(T) int) []int {
	ids := make([]int, len(rows))
	for i, r := range rows {
		ids[i] = id(r)
	}
	return ids
}

type ctxKey struct{}

// With returns ctx carrying l.
func With(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// For returns the loaders of the request that ctx belongs to.
func For(ctx context.Context) *Loaders {
	l, _ := ctx.Value(ctxKey{}).(*Loaders)
	return l
}
