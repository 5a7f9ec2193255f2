package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apitest"
)

const myLibrary = `query($first: Int) { me {
  clacoBooks { title color ticketCount tickets(first: 3) { totalCount edges { node { content editable book { title } concert { title } tags { name } } } } }
  likedConcerts(first: $first) { totalCount edges { node { title likedByMe likeCount keywords { score } } } }
} }`

type libraryResult struct {
	Me struct {
		ClacoBooks []struct {
			Title, Color string
			TicketCount  int
			Tickets      struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Content  string
						Editable bool
						Book     *struct{ Title string }
						Concert  struct{ Title string }
					}
				}
			}
		}
		LikedConcerts concertConnection
	}
}

func TestMyBooksTicketsAndLikes(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	d := api.NewDevice("phone")
	login := d.DevLogin("reader@example.com", "")
	d.Onboard("독자")
	m := api.DB.Member.GetX(ctx, atoi(t, login.Member.ID))
	old := api.Concert(apitest.ConcertSpec{Title: "지난 공연", Start: apitest.Day(-20), End: apitest.Day(-10)})
	soon := api.Concert(apitest.ConcertSpec{Title: "다가올 공연"})
	other := api.Concert(apitest.ConcertSpec{Title: "좋아요 안 한 공연"})
	api.Like(m, soon)
	api.Like(m, old)
	api.Like(api.Member("남"), other)
	api.Review(m, old, 5, "첫 티켓")
	api.Review(m, soon, 4, "둘째 티켓")

	var res libraryResult
	d.Query(myLibrary, map[string]any{"first": 10}).MustData(t, &res)
	books := res.Me.ClacoBooks
	if len(books) != 1 || books[0].TicketCount != 2 || books[0].Tickets.TotalCount != 2 {
		t.Fatalf("books: %+v", books)
	}
	tickets := books[0].Tickets.Edges
	if tickets[0].Node.Content != "둘째 티켓" || !tickets[0].Node.Editable || tickets[0].Node.Book == nil || tickets[1].Node.Concert.Title != "지난 공연" {
		t.Fatalf("tickets, newest first: %+v", tickets)
	}
	// Most recently liked first, ended concerts included by default.
	liked := res.Me.LikedConcerts
	if got := liked.titles(); !slices.Equal(got, []string{"지난 공연", "다가올 공연"}) || liked.TotalCount != 2 {
		t.Fatalf("liked concerts: %q", got)
	}
	var hidden libraryResult
	d.Query(`{ me { likedConcerts(filter: {includeEnded: false}) { totalCount edges { node { title } } } } }`, nil).MustData(t, &hidden)
	if got := hidden.Me.LikedConcerts.titles(); !slices.Equal(got, []string{"다가올 공연"}) {
		t.Fatalf("liked concerts without ended: %q", got)
	}
}

func TestMyLibraryCostsTheSameSQLHoweverBig(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	d := api.NewDevice("phone")
	login := d.DevLogin("big@example.com", "")
	d.Onboard("큰서재")
	m := api.DB.Member.GetX(ctx, atoi(t, login.Member.ID))
	// Tickets go round the member's books, up to five, so that both books
	// and tickets grow.
	var books []*ent.ClacoBook
	fill := func(n int) {
		for range n {
			c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.4}})
			api.Like(m, c)
			r := api.Review(m, c, 3, "후기")
			if len(books) < 5 {
				books = append(books, api.DB.ClacoBook.Create().SetMemberID(m.ID).SetTitle("책").SetColor("#D499B8").SaveX(ctx))
			}
			api.DB.TicketReview.UpdateOne(r).SetBookID(books[len(books)-1-r.ID%len(books)].ID).ExecX(ctx)
		}
	}
	cost := func() int64 {
		return api.Statements(func() { d.Query(myLibrary, map[string]any{"first": 50}).MustData(t, &libraryResult{}) })
	}
	fill(3)
	cost() // warm the caches the first request fills (the session check)
	small := cost()
	fill(40)
	cost() // the catalogue changed: its snapshot is read again, once
	large := cost()
	t.Logf("my library: %d statements with 3 likes and tickets in 3 books, %d with 43 in 5", small, large)
	if small != large {
		t.Fatalf("SQL grows with the library: %d then %d", small, large)
	}
}
