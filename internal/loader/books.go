package loader

import (
	"context"

	"github.com/claco/claco/ent"
)

// BookPage asks for one page of a book's tickets.
type BookPage struct {
	BookID    int
	Args      PageArgs
	WantTotal bool
}

// Book returns the live book with the id if the viewer may see it (it is
// theirs), or nil.
func (l *Loaders) Book(ctx context.Context, id int) (*ent.ClacoBook, error) {
	return l.loaders().book.load(ctx, id)
}

// BookTicketCount returns how many live tickets a book holds.
func (l *Loaders) BookTicketCount(ctx context.Context, bookID int) (int, error) {
	return l.loaders().bookTicketCount.load(ctx, bookID)
}

// BookTickets returns one page of a book's tickets.
func (l *Loaders) BookTickets(ctx context.Context, page BookPage) (*ent.TicketReviewConnection, error) {
	return l.loaders().bookTickets.load(ctx, page)
}

func (l *Loaders) fetchBookTickets(ctx context.Context, pages []BookPage) (map[BookPage]*ent.TicketReviewConnection, error) {
	type shape struct {
		args      PageArgs
		wantTotal bool
	}
	groups := map[shape][]int{}
	for _, p := range pages {
		s := shape{p.Args, p.WantTotal}
		groups[s] = append(groups[s], p.BookID)
	}
	out := make(map[BookPage]*ent.TicketReviewConnection, len(pages))
	for s, bookIDs := range groups {
		conns, err := l.deps.Library.TicketsOfBooks(ctx, bookIDs, s.args.args())
		if err != nil {
			return nil, err
		}
		l.announceEdges(conns)
		if s.wantTotal {
			l.loaders().bookTicketCount.announce(bookIDs)
		}
		for id, conn := range conns {
			if s.wantTotal {
				if conn.TotalCount, err = l.BookTicketCount(ctx, id); err != nil {
					return nil, err
				}
			}
			out[BookPage{BookID: id, Args: s.args, WantTotal: s.wantTotal}] = conn
		}
	}
	return out, nil
}

// fetchBooks fetches the books the viewer may see, and announces them so
// that their tickets and counts are fetched together, at once.
func (l *Loaders) fetchBooks(ctx context.Context, ids []int) (map[int]*ent.ClacoBook, error) {
	found, err := l.deps.Library.VisibleBooks(ctx, l.Viewer(), ids)
	return announced(found, err, l.AnnounceBooks)
}

// announceEdges announces the reviews of pages of reviews.
func (l *Loaders) announceEdges(conns map[int]*ent.TicketReviewConnection) {
	var reviews []*ent.TicketReview
	for _, conn := range conns {
		for _, e := range conn.Edges {
			reviews = append(reviews, e.Node)
		}
	}
	l.AnnounceReviews(reviews)
}
