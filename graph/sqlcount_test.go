package graph_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/kept"
)

// browseEverything asks for every public Concert field that needs its own
// SQL, nested reviews and their authors, tags and photos included.
const browseEverything = `query($first: Int) {
  concerts(first: $first) {
    totalCount
    edges { cursor node {
      id title state cast likeCount likedByMe reviewCount averageRating
      keywords { score keyword { key name } }
      reviews(first: 3) {
        totalCount
        edges { node { rating content editable author { nickname } tags { name keyword { key } } placeReviews { name } imageUrls concert { title } } }
      }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`

// TestBrowseCostsTheSameSQLForAnyPageSize is the N+1 guard: the statement
// count of the browse query must not grow with the number of concerts.
func TestBrowseCostsTheSameSQLForAnyPageSize(t *testing.T) {
	api := apitest.New(t)
	fans := []*ent.Member{api.Member("가"), api.Member("나"), api.Member("다"), api.Member("라")}
	for i := range 50 {
		c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.5, "modern": 0.3, "tragic": 0.1}})
		for k, m := range fans[:1+i%len(fans)] {
			api.Like(m, c)
			if k < 2 {
				api.Review(m, c, float64(1+k), "후기")
			}
		}
	}
	cost := func(first int) int64 {
		return api.Statements(func() {
			var page concertsPage
			api.Query(browseEverything, map[string]any{"first": first}).MustData(t, &page)
			if len(page.Concerts.Edges) != first {
				t.Fatalf("asked %d concerts, got %d", first, len(page.Concerts.Edges))
			}
		})
	}
	cost(5) // warm the caches the first request of each fills (the session check, totals, pages)
	cost(50)
	small, large := cost(5), cost(50)
	t.Logf("browse with everything nested: %d statements for 5 concerts, %d for 50", small, large)
	if small != large {
		t.Fatalf("SQL grows with the page: %d statements for 5 concerts, %d for 50", small, large)
	}
	// count, page, keywords, likes, review stats (shared by reviewCount,
	// averageRating and reviews.totalCount), reviews page, authors, tags (2),
	// places (2), images, review concerts; liked-by-me costs none when anonymous.
	if large > 13 {
		t.Fatalf("browse costs %d statements, want at most 13", large)
	}
}

// A page of a concert's reviews, with everything a review shows, costs the
// same statements at any page size.
func TestConcertReviewsCostTheSameSQLForAnyPageSize(t *testing.T) {
	clock := apitest.NewClock()
	api := apitest.New(t, apitest.WithClock(clock))
	c := api.Concert(apitest.ConcertSpec{})
	for i := range 40 {
		r := api.Review(api.Member(fmt.Sprintf("작가%d", i)), c, float64(i%11)/2, "후기")
		api.DB.TicketImage.Create().SetReviewID(r.ID).SetURL(fmt.Sprintf("/files/%d.png", i)).SetPosition(0).ExecX(context.Background())
	}
	const reviews = `query($id: ID!, $first: Int, $order: ReviewOrder) { concert(id: $id) {
	  reviewCount averageRating
	  reviews(first: $first, orderBy: $order) { totalCount edges { node {
	    rating content editable book { id } author { nickname profileImageUrl } tags { name keyword { key } } placeReviews { name pair } imageUrls
	  } } }
	} }`
	for _, order := range []string{"RECENT", "HIGH_RATE"} {
		cost := func(first int) int64 {
			// What is kept for a moment (the authors) is read again, as
			// by a request that comes after the moment.
			clock.Advance(kept.Moment)
			return api.Statements(func() {
				var r reviewsResult
				api.Query(reviews, map[string]any{"id": c.ID, "first": first, "order": order}).MustData(t, &r)
				if len(r.Concert.Reviews.Edges) != first {
					t.Fatalf("asked %d reviews, got %d", first, len(r.Concert.Reviews.Edges))
				}
			})
		}
		cost(3) // warm the caches the first request fills (the session check, totals)
		small, large := cost(3), cost(40)
		t.Logf("%s reviews with authors, tags, places and photos: %d statements for 3, %d for 40", order, small, large)
		if small != large {
			t.Fatalf("SQL grows with the page: %d then %d", small, large)
		}
	}
}

// A book's tickets, with everything a ticket shows, cost the same statements
// at any page size.
func TestBookTicketsCostTheSameSQLForAnyPageSize(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	d := api.NewDevice("phone")
	login := d.DevLogin("shelf@example.com", "")
	d.Onboard("책장")
	m := api.DB.Member.GetX(ctx, atoi(t, login.Member.ID))
	for range 20 {
		r := api.Review(m, api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"lyrical": 0.7}}), 4, "티켓")
		api.DB.TicketImage.Create().SetReviewID(r.ID).SetURL("/files/x.png").SetPosition(0).ExecX(ctx)
	}
	const tickets = `query($first: Int) { me { clacoBooks { title ticketCount tickets(first: $first) { totalCount edges { node {
	  rating content editable watchDate watchRound book { title } concert { title keywords { score } likeCount likedByMe }
	  tags { name } placeReviews { name } imageUrls ticketImageUrl
	} } } } } }`
	cost := func(first int) int64 {
		return api.Statements(func() {
			var res struct {
				Me struct {
					ClacoBooks []struct {
						Tickets struct {
							Edges []struct{ Node struct{ Rating float64 } }
						}
					}
				}
			}
			d.Query(tickets, map[string]any{"first": first}).MustData(t, &res)
			if got := len(res.Me.ClacoBooks[0].Tickets.Edges); got != first {
				t.Fatalf("asked %d tickets, got %d", first, got)
			}
		})
	}
	cost(20) // warm what the first requests fill (the session check, likes kept for a moment)
	cost(2)
	small, large := cost(2), cost(20)
	t.Logf("a book's tickets with everything nested: %d statements for 2, %d for 20", small, large)
	if small != large {
		t.Fatalf("SQL grows with the page: %d then %d", small, large)
	}
}
