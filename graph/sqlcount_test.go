package graph_test

import (
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apitest"
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
