package graph_test

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/config"
)

const concertReviews = `query($id: ID!, $first: Int, $after: Cursor, $order: ReviewOrder) {
  concert(id: $id) {
    reviewCount averageRating
    reviews(first: $first, after: $after, orderBy: $order) {
      totalCount
      edges { node { content rating editable book { id } author { nickname } tags { name } placeReviews { name } imageUrls concert { title } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`

type reviewsResult struct {
	Concert struct {
		ReviewCount   int
		AverageRating *float64
		Reviews       struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Content      string
					Rating       float64
					Editable     bool
					Book         *struct{ ID string }
					Author       struct{ Nickname string }
					Tags         []struct{ Name string }
					PlaceReviews []struct{ Name string }
					ImageUrls    []string
					Concert      struct{ Title string }
				}
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
}

func (r reviewsResult) contents() []string {
	var out []string
	for _, e := range r.Concert.Reviews.Edges {
		out = append(out, e.Node.Content)
	}
	return out
}

func TestConcertReviewsInEachOrder(t *testing.T) {
	api := apitest.New(t)
	c := api.Concert(apitest.ConcertSpec{Title: "지젤"})
	other := api.Concert(apitest.ConcertSpec{Title: "다른 공연"})
	a, b := api.Member("가나"), api.Member("다라")
	api.Review(a, c, 3, "first")
	api.Review(b, c, 5, "second")
	api.Review(a, c, 3, "third")
	api.Review(b, c, 1, "fourth")
	api.Review(a, other, 5, "elsewhere")

	cases := map[string][]string{
		"RECENT":    {"fourth", "third", "second", "first"},
		"HIGH_RATE": {"second", "third", "first", "fourth"},
		"LOW_RATE":  {"fourth", "third", "first", "second"},
	}
	for order, want := range cases {
		var res reviewsResult
		api.Query(concertReviews, map[string]any{"id": c.ID, "order": order}).MustData(t, &res)
		if got := res.contents(); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", order, got, want)
		}
		// Page by two through the same order.
		var paged []string
		vars := map[string]any{"id": c.ID, "order": order, "first": 2}
		for {
			var page reviewsResult
			api.Query(concertReviews, vars).MustData(t, &page)
			paged = append(paged, page.contents()...)
			if !page.Concert.Reviews.PageInfo.HasNextPage {
				break
			}
			vars["after"] = *page.Concert.Reviews.PageInfo.EndCursor
		}
		if !slices.Equal(paged, want) {
			t.Errorf("%s paged by two: %q, want %q", order, paged, want)
		}
	}

	var res reviewsResult
	api.Query(concertReviews, map[string]any{"id": c.ID}).MustData(t, &res)
	if res.Concert.ReviewCount != 4 || res.Concert.Reviews.TotalCount != 4 || *res.Concert.AverageRating != 3 {
		t.Fatalf("counts: %+v", res.Concert)
	}
	n := res.Concert.Reviews.Edges[0].Node
	if n.Author.Nickname != "다라" || len(n.Tags) != 5 || len(n.PlaceReviews) != 5 || n.Concert.Title != "지젤" || n.ImageUrls == nil {
		t.Fatalf("review fields: %+v", n)
	}
	// Anonymous callers never see whose book a ticket is in, nor may edit.
	if n.Book != nil || n.Editable {
		t.Fatalf("anonymous caller sees book %v, editable %v", n.Book, n.Editable)
	}
}

func TestDeletedReviewsAndLikesDisappear(t *testing.T) {
	api := apitest.New(t)
	ctx := context.Background()
	c := api.Concert(apitest.ConcertSpec{})
	a, b := api.Member("가나"), api.Member("다라")
	kept := api.Review(a, c, 4, "kept")
	gone := api.Review(b, c, 1, "gone")
	api.Like(a, c)
	unliked := api.Like(b, c)
	api.DB.TicketReview.DeleteOne(gone).ExecX(ctx)
	api.DB.ConcertLike.DeleteOne(unliked).ExecX(ctx)

	var res struct {
		Concert struct {
			LikeCount int
			reviewsResult
		}
	}
	var r reviewsResult
	api.Query(concertReviews, map[string]any{"id": c.ID}).MustData(t, &r)
	if got := r.contents(); !slices.Equal(got, []string{"kept"}) || r.Concert.ReviewCount != 1 || r.Concert.Reviews.TotalCount != 1 || *r.Concert.AverageRating != 4 {
		t.Fatalf("after deleting a review: %+v", r.Concert)
	}
	api.Query(`query($id: ID!) { concert(id: $id) { likeCount } }`, map[string]any{"id": c.ID}).MustData(t, &res)
	if res.Concert.LikeCount != 1 {
		t.Fatalf("likeCount %d after an unlike, want 1", res.Concert.LikeCount)
	}
	var node struct{ Node *struct{ ID string } }
	api.Query(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": gone.ID}).MustData(t, &node)
	if node.Node != nil {
		t.Fatal("node(id:) returns a deleted review")
	}
	api.Query(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": kept.ID}).MustData(t, &node)
	if node.Node == nil {
		t.Fatal("node(id:) misses a live review")
	}
}

// With CLACO_PUBLIC_URL set, stored file paths reach clients absolute.
func TestFileURLsAreAbsoluteUnderThePublicURL(t *testing.T) {
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.PublicURL = "https://api.claco.example" }))
	ctx := context.Background()
	author := api.Member("주소")
	api.DB.Member.UpdateOne(author).SetProfileImageURL("/files/me.png").ExecX(ctx)
	r := api.Review(author, api.Concert(apitest.ConcertSpec{}), 4, "사진 후기")
	api.DB.TicketImage.Create().SetReviewID(r.ID).SetURL("/files/photo.jpg").SetPosition(0).ExecX(ctx)
	api.DB.TicketReview.UpdateOne(r).SetTicketImageURL("/files/ticket.png").ExecX(ctx)
	var res struct {
		TicketReview struct {
			ImageUrls      []string
			TicketImageUrl string
			Author         struct{ ProfileImageUrl string }
		}
	}
	api.Query(`query($id: ID!) { ticketReview(id: $id) { imageUrls ticketImageUrl author { profileImageUrl } } }`, map[string]any{"id": r.ID}).MustData(t, &res)
	got := res.TicketReview
	if !slices.Equal(got.ImageUrls, []string{"https://api.claco.example/files/photo.jpg"}) ||
		got.TicketImageUrl != "https://api.claco.example/files/ticket.png" ||
		got.Author.ProfileImageUrl != "https://api.claco.example/files/me.png" {
		t.Fatalf("file URLs: %+v", got)
	}
}

// A concert's page of reviews is read with a plain LIMIT when it is the only
// one asked for, and with a window over several concerts in a list; both
// must give the same page.
func TestReviewPagesAreTheSameAloneAndInAList(t *testing.T) {
	api := apitest.New(t)
	c := api.Concert(apitest.ConcertSpec{Title: "지젤"})
	other := api.Concert(apitest.ConcertSpec{Title: "다른 공연"})
	a, b := api.Member("가나"), api.Member("다라")
	for i, rating := range []float64{3, 5, 3, 1, 4} {
		api.Review([]*ent.Member{a, b}[i%2], c, rating, string(rune('A'+i)))
	}
	api.Review(a, other, 5, "elsewhere")
	type reviews struct {
		Edges    []struct{ Node struct{ Content string } }
		PageInfo struct {
			HasNextPage     bool
			HasPreviousPage bool
			StartCursor     *string
			EndCursor       *string
		}
	}
	cursorVar := func(args string) string {
		if strings.Contains(args, "$cursor") {
			return ", $cursor: Cursor"
		}
		return ""
	}
	alone := func(order, args string, vars map[string]any) reviews {
		var res struct{ Concert struct{ Reviews reviews } }
		vars["id"], vars["order"] = c.ID, order
		api.Query(`query($id: ID!, $order: ReviewOrder`+cursorVar(args)+`) { concert(id: $id) { reviews(`+args+`, orderBy: $order) {
		  edges { node { content } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`, vars).MustData(t, &res)
		return res.Concert.Reviews
	}
	listed := func(order, args string, vars map[string]any) reviews {
		var res struct{ Nodes []struct{ Reviews reviews } }
		vars["ids"], vars["order"] = []int{other.ID, c.ID}, order
		api.Query(`query($ids: [ID!]!, $order: ReviewOrder`+cursorVar(args)+`) { nodes(ids: $ids) { ... on Concert { reviews(`+args+`, orderBy: $order) {
		  edges { node { content } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`, vars).MustData(t, &res)
		return res.Nodes[1].Reviews
	}
	for _, order := range []string{"RECENT", "HIGH_RATE", "LOW_RATE"} {
		first := alone(order, "first: 2", map[string]any{})
		if len(first.Edges) != 2 || !first.PageInfo.HasNextPage {
			t.Fatalf("%s first page: %+v", order, first)
		}
		last := alone(order, "last: 2", map[string]any{})
		pages := []struct {
			args string
			vars map[string]any
		}{
			{"first: 2", map[string]any{}},
			{"first: 2, after: $cursor", map[string]any{"cursor": *first.PageInfo.EndCursor}},
			{"last: 2", map[string]any{}},
			{"last: 2, before: $cursor", map[string]any{"cursor": *last.PageInfo.StartCursor}},
		}
		for _, p := range pages {
			a := alone(order, p.args, maps.Clone(p.vars))
			l := listed(order, p.args, maps.Clone(p.vars))
			if len(a.Edges) == 0 || !reflect.DeepEqual(a, l) {
				t.Errorf("%s (%s): alone %+v, in a list %+v", order, p.args, a, l)
			}
		}
	}
}

// A review's author is read once and kept: showing the reviews again reads
// no member, and a nickname changed through the API shows at once.
func TestReviewAuthorsAreKeptUntilAMemberChanges(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	c := api.Concert(apitest.ConcertSpec{})
	d, m := api.SignUp("author@example.com", "작가")
	api.Review(m, c, 4, "좋아요")
	var mu sync.Mutex
	memberReads := 0
	api.DB.ObserveStatements(func(_ context.Context, query string) {
		if strings.Contains(query, "FROM `members`") {
			mu.Lock()
			memberReads++
			mu.Unlock()
		}
	})
	defer api.DB.ObserveStatements(nil)
	author := func() (string, int) {
		t.Helper()
		mu.Lock()
		before := memberReads
		mu.Unlock()
		var r reviewsResult
		api.Query(concertReviews, map[string]any{"id": c.ID, "first": 5}).MustData(t, &r)
		if len(r.Concert.Reviews.Edges) != 1 {
			t.Fatalf("%d reviews, want 1", len(r.Concert.Reviews.Edges))
		}
		mu.Lock()
		defer mu.Unlock()
		return r.Concert.Reviews.Edges[0].Node.Author.Nickname, memberReads - before
	}
	if name, reads := author(); name != "작가" || reads != 1 {
		t.Fatalf("first page: author %q after %d member reads, want 작가 after 1", name, reads)
	}
	if name, reads := author(); name != "작가" || reads != 0 {
		t.Fatalf("same page again: author %q after %d member reads, want 작가 kept", name, reads)
	}
	var changed struct{ UpdateProfile struct{ Nickname string } }
	d.Query(`mutation { updateProfile(input: {nickname: "새이름"}) { nickname } }`, nil).MustData(t, &changed)
	if name, _ := author(); name != "새이름" {
		t.Fatalf("after the nickname changed: author %q, want 새이름", name)
	}
}
