package loader

import (
	"context"
	"strconv"
	"strings"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/library"
	"github.com/claco/claco/internal/pager"
)

// ConcertKeywords returns the concert's keyword scores above zero, highest first.
func (l *Loaders) ConcertKeywords(ctx context.Context, concertID int) ([]*ent.ConcertKeyword, error) {
	return l.loaders().concertKeywords.load(ctx, concertID)
}

// LikeCount returns how many members like the concert.
func (l *Loaders) LikeCount(ctx context.Context, concertID int) (int, error) {
	return l.loaders().likeCount.load(ctx, concertID)
}

// LikedByViewer reports whether the member making the request likes the concert.
func (l *Loaders) LikedByViewer(ctx context.Context, concertID int) (bool, error) {
	return l.loaders().likedByViewer.load(ctx, concertID)
}

// ReviewStats returns the concert's review count and average rating.
func (l *Loaders) ReviewStats(ctx context.Context, concertID int) (library.ReviewStats, error) {
	return l.loaders().reviewStats.load(ctx, concertID)
}

// Concert returns the live concert with the id, or nil.
func (l *Loaders) Concert(ctx context.Context, id int) (*ent.Concert, error) {
	return l.loaders().concert.load(ctx, id)
}

// ReviewPage asks for one page of a concert's reviews.
type ReviewPage struct {
	ConcertID int
	Args      PageArgs
	Order     library.ReviewOrder
	WantTotal bool
}

// PageArgs are connection arguments in a comparable form (a loader key):
// cursors are kept encoded, as the client sent them.
type PageArgs struct {
	First, Last   int // -1 when not given
	After, Before string
}

// KeyArgs turns connection arguments into a loader key.
func KeyArgs(a pager.Args) PageArgs {
	k := PageArgs{First: -1, Last: -1, After: encode(a.After), Before: encode(a.Before)}
	if a.First != nil {
		k.First = *a.First
	}
	if a.Last != nil {
		k.Last = *a.Last
	}
	return k
}

func (k PageArgs) args() pager.Args {
	var a pager.Args
	if k.First >= 0 {
		a.First = &k.First
	}
	if k.Last >= 0 {
		a.Last = &k.Last
	}
	a.After, a.Before = decode(k.After), decode(k.Before)
	return a
}

func encode(c *pager.Cursor) string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	c.MarshalGQL(&b)
	s, _ := strconv.Unquote(b.String())
	return s
}

// decode reverses encode, which only ever encoded a cursor that decoded.
func decode(s string) *pager.Cursor {
	if s == "" {
		return nil
	}
	var c pager.Cursor
	if err := c.UnmarshalGQL(s); err != nil {
		return nil
	}
	return &c
}

// ConcertReviews returns one page of a concert's reviews.
func (l *Loaders) ConcertReviews(ctx context.Context, page ReviewPage) (*ent.TicketReviewConnection, error) {
	return l.loaders().concertReviews.load(ctx, page)
}

func (l *Loaders) fetchConcerts(ctx context.Context, ids []int) (map[int]*ent.Concert, error) {
	found, err := l.deps.Catalogue.ConcertsByID(ctx, ids)
	return announced(found, err, l.AnnounceConcerts)
}

// fetchConcertReviews fetches pages asked with the same arguments together
// (in practice: the same field of every concert of a list), then their totals.
func (l *Loaders) fetchConcertReviews(ctx context.Context, pages []ReviewPage) (map[ReviewPage]*ent.TicketReviewConnection, error) {
	type shape struct {
		args      PageArgs
		order     library.ReviewOrder
		wantTotal bool
	}
	groups := map[shape][]int{}
	for _, p := range pages {
		s := shape{p.Args, p.Order, p.WantTotal}
		groups[s] = append(groups[s], p.ConcertID)
	}
	out := make(map[ReviewPage]*ent.TicketReviewConnection, len(pages))
	for s, concertIDs := range groups {
		conns, err := l.deps.Library.ReviewsOfConcerts(ctx, concertIDs, s.args.args(), s.order)
		if err != nil {
			return nil, err
		}
		l.announceEdges(conns)
		if s.wantTotal {
			l.loaders().reviewStats.announce(concertIDs)
		}
		for id, conn := range conns {
			if s.wantTotal {
				stats, err := l.ReviewStats(ctx, id)
				if err != nil {
					return nil, err
				}
				conn.TotalCount = stats.Count
			}
			out[ReviewPage{ConcertID: id, Args: s.args, Order: s.order, WantTotal: s.wantTotal}] = conn
		}
	}
	return out, nil
}
