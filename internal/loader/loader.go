// Package loader owns the request-scoped batch loaders that resolve fields of
// many objects at once: whatever the page size, each kind of field costs one
// SQL statement (or a fixed few) per level of the GraphQL operation. Loaders
// cache for one request only, so a member never sees another request's data;
// what their owners keep across requests (see internal/kept) is what any
// member may see, or is kept per member.
// They batch over the batch functions of the packages that own the data
// (catalogue, likes, library, members) and run no queries of their own, so
// the owners' rules (live rows, who may see what) hold on every path.
//
// Resolvers announce the rows they hand out (AnnounceConcerts,
// AnnounceReviews, AnnounceBooks); the first load of an announced row fetches
// every announced row at once, without waiting for a batch window. The
// executor relies on it: concerts' and reviews' fields are resolved one after
// another (see internal/graphgen), which is only cheap when nothing waits.
package loader

import (
	"context"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/library"
	"github.com/claco/claco/internal/likes"
	"github.com/claco/claco/internal/members"
	"github.com/claco/claco/internal/recs"
)

// DefaultWait is how long a loader gathers keys nobody announced before it
// queries (see keyed for the announced ones).
const DefaultWait = 2 * time.Millisecond

// Loaders are one request's batch loaders.
type Loaders struct {
	deps Deps

	mu     sync.Mutex // guards the loaders' replacement by Forget
	viewer int
	set    *set
}

// set is one generation of loaders; Forget starts a new one.
type set struct {
	concertKeywords *keyed[int, int, []*ent.ConcertKeyword]
	keywordScore    *keyed[int, int, *ent.ConcertKeyword]
	likeCount       *keyed[int, int, int]
	likedByViewer   *keyed[int, int, bool]
	reviewStats     *keyed[int, int, library.ReviewStats]
	concertReviews  *keyed[int, ReviewPage, *ent.TicketReviewConnection]
	concert         *keyed[int, int, *ent.Concert]
	member          *keyed[int, int, *ent.Member]
	review          *keyed[int, int, *ent.TicketReview]
	reviewTags      *keyed[int, int, []*ent.TagCategory]
	reviewPlaces    *keyed[int, int, []*ent.PlaceCategory]
	reviewImages    *keyed[int, int, []*ent.TicketImage]
	book            *keyed[int, int, *ent.ClacoBook]
	bookTicketCount *keyed[int, int, int]
	bookTickets     *keyed[int, BookPage, *ent.TicketReviewConnection]
	similar         *keyed[int, SimilarKey, []*ent.Concert]
	admin           adminSet
}

// Deps are the owners the loaders batch over.
type Deps struct {
	Catalogue *catalogue.Service
	Likes     *likes.Service
	Library   *library.Service
	Members   *members.Service
	Recs      *recs.Service
	Admin     AdminDeps
	Wait      time.Duration
	// ObserveBatch, when set, is told the number of keys of every batch a
	// loader fetches (by time or announced), with the loader's name: one
	// of Names. It runs on the fetching goroutine and must be quick.
	ObserveBatch func(loader string, keys int)
}

// The names of the loaders, as ObserveBatch reports them.
const (
	ConcertKeywordsLoader = "concert_keywords"
	KeywordScoreLoader    = "keyword_score"
	LikeCountLoader       = "like_count"
	LikedByViewerLoader   = "liked_by_viewer"
	ReviewStatsLoader     = "review_stats"
	ConcertReviewsLoader  = "concert_reviews"
	ConcertLoader         = "concert"
	MemberLoader          = "member"
	ReviewLoader          = "review"
	ReviewTagsLoader      = "review_tags"
	ReviewPlacesLoader    = "review_places"
	ReviewImagesLoader    = "review_images"
	BookLoader            = "book"
	BookTicketCountLoader = "book_ticket_count"
	BookTicketsLoader     = "book_tickets"
	SimilarLoader         = "similar"
	MemberLikesLoader     = "member_likes"
	MemberHoldingsLoader  = "member_holdings"
	CollectionLoader      = "collection"
	AdminActionLoader     = "admin_action"
	ImportRunLoader       = "import_run"
)

// Names are every loader's name: a fixed set, fit for a metric label.
var Names = []string{
	ConcertKeywordsLoader, KeywordScoreLoader, LikeCountLoader, LikedByViewerLoader,
	ReviewStatsLoader, ConcertReviewsLoader, ConcertLoader, MemberLoader, ReviewLoader,
	ReviewTagsLoader, ReviewPlacesLoader, ReviewImagesLoader, BookLoader,
	BookTicketCountLoader, BookTicketsLoader, SimilarLoader,
	MemberLikesLoader, MemberHoldingsLoader, CollectionLoader, AdminActionLoader, ImportRunLoader,
}

// New returns fresh loaders for one request made by viewerID (0 when anonymous).
func New(d Deps, viewerID int) *Loaders {
	if d.Wait <= 0 {
		d.Wait = DefaultWait
	}
	l := &Loaders{deps: d, viewer: viewerID}
	l.set = l.newSet(viewerID)
	return l
}

func (l *Loaders) newSet(viewer int) *set {
	d, w, o := l.deps, l.deps.Wait, l.deps.ObserveBatch
	s := &set{}
	s.concertKeywords = byID(w, observed(o, ConcertKeywordsLoader, d.Catalogue.KeywordScores))
	s.keywordScore = byID(w, observed(o, KeywordScoreLoader, d.Catalogue.KeywordScoresByID))
	s.likeCount = byID(w, observed(o, LikeCountLoader, d.Likes.Counts))
	s.likedByViewer = byID(w, observed(o, LikedByViewerLoader, func(ctx context.Context, ids []int) (map[int]bool, error) {
		return d.Likes.LikedBy(ctx, viewer, ids)
	}))
	s.reviewStats = byID(w, observed(o, ReviewStatsLoader, d.Library.ReviewStatsOf))
	s.concertReviews = byPage(w, observed(o, ConcertReviewsLoader, l.fetchConcertReviews),
		func(p ReviewPage) int { return p.ConcertID },
		func(p ReviewPage, concert int) ReviewPage { p.ConcertID = concert; return p })
	s.concert = byID(w, observed(o, ConcertLoader, l.fetchConcerts))
	s.member = byID(w, observed(o, MemberLoader, d.Members.ByIDs))
	s.review = byID(w, observed(o, ReviewLoader, l.fetchReviews))
	s.reviewTags = byID(w, observed(o, ReviewTagsLoader, d.Library.Tags))
	s.reviewPlaces = byID(w, observed(o, ReviewPlacesLoader, d.Library.Places))
	s.reviewImages = byID(w, observed(o, ReviewImagesLoader, d.Library.Images))
	s.book = byID(w, observed(o, BookLoader, l.fetchBooks))
	s.bookTicketCount = byID(w, observed(o, BookTicketCountLoader, d.Library.TicketCounts))
	s.bookTickets = byPage(w, observed(o, BookTicketsLoader, l.fetchBookTickets),
		func(p BookPage) int { return p.BookID },
		func(p BookPage, book int) BookPage { p.BookID = book; return p })
	s.similar = byPage(w, observed(o, SimilarLoader, l.fetchSimilar),
		func(k SimilarKey) int { return k.ConcertID },
		func(k SimilarKey, concert int) SimilarKey { k.ConcertID = concert; return k })
	s.admin = l.newAdminSet(o)
	return s
}

// observed tells observe (when set) the size of every batch fetch fetches.
func observed[K comparable, V any](observe func(string, int), name string, fetch func(context.Context, []K) (map[K]V, error)) func(context.Context, []K) (map[K]V, error) {
	if observe == nil {
		return fetch
	}
	return func(ctx context.Context, keys []K) (map[K]V, error) {
		observe(name, len(keys))
		return fetch(ctx, keys)
	}
}

// loaders returns the current generation.
func (l *Loaders) loaders() *set {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.set
}

// Viewer is the member the request acts for (0 when anonymous).
func (l *Loaders) Viewer() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.viewer
}

// Forget drops everything loaded so far and acts for viewerID from now on.
// Mutations call it after they write, so that the fields of what they
// return, and of later fields of the same operation, are read fresh.
func (l *Loaders) Forget(viewerID int) {
	s := l.newSet(viewerID)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.viewer, l.set = viewerID, s
}

// AnnounceConcerts says that fields of these concerts are about to be resolved.
func (l *Loaders) AnnounceConcerts(concerts []*ent.Concert) {
	ids := idsOf(concerts, func(c *ent.Concert) int { return c.ID })
	s := l.loaders()
	s.concertKeywords.announce(ids)
	s.likeCount.announce(ids)
	s.likedByViewer.announce(ids)
	s.reviewStats.announce(ids)
	s.concertReviews.announce(ids)
	s.similar.announce(ids)
}

// AnnounceReviews says that fields of these reviews are about to be resolved.
func (l *Loaders) AnnounceReviews(reviews []*ent.TicketReview) {
	ids := make([]int, len(reviews))
	authors := make([]int, len(reviews))
	concerts := make([]int, len(reviews))
	books := make([]int, 0, len(reviews))
	viewer := l.Viewer()
	for i, r := range reviews {
		ids[i], authors[i], concerts[i] = r.ID, r.MemberID, r.ConcertID
		if library.ShowsBook(viewer, r) {
			books = append(books, r.BookID)
		}
	}
	s := l.loaders()
	s.reviewTags.announce(ids)
	s.reviewPlaces.announce(ids)
	s.reviewImages.announce(ids)
	s.member.announce(authors)
	s.concert.announce(concerts)
	s.book.announce(books)
}

// AnnounceBooks says that fields of these books are about to be resolved.
func (l *Loaders) AnnounceBooks(books []*ent.ClacoBook) {
	ids := idsOf(books, func(b *ent.ClacoBook) int { return b.ID })
	s := l.loaders()
	s.bookTicketCount.announce(ids)
	s.bookTickets.announce(ids)
}

// announced announces the rows a fetch by id found, so that their own
// fields are fetched together, at once.
func announced[V any](found map[int]V, err error, announce func([]V)) (map[int]V, error) {
	if err != nil {
		return nil, err
	}
	announce(slices.Collect(maps.Values(found)))
	return found, nil
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
