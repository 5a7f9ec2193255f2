package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/requestid"
)

// A soft-deleted like must match no edge predicate: it neither lists the
// concert among the member's likes nor breaks the liked order.
func TestUnlikedConcertLeavesLikedConcerts(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	d := api.NewDevice("phone")
	login := d.DevLogin("liker@example.com", "")
	d.Onboard("좋아요꾼")
	m := api.DB.Member.GetX(ctx, atoi(t, login.Member.ID))
	kept := api.Concert(apitest.ConcertSpec{Title: "남은 좋아요"})
	dropped := api.Concert(apitest.ConcertSpec{Title: "취소한 좋아요"})
	api.Like(m, kept)
	api.DB.ConcertLike.DeleteOne(api.Like(m, dropped)).ExecX(ctx)

	var res libraryResult
	d.Query(`{ me { likedConcerts(first: 10) { totalCount edges { node { title } } } } }`, nil).MustData(t, &res)
	if got := res.Me.LikedConcerts.titles(); !slices.Equal(got, []string{"남은 좋아요"}) || res.Me.LikedConcerts.TotalCount != 1 {
		t.Fatalf("liked concerts after an unlike: %q (total %d)", got, res.Me.LikedConcerts.TotalCount)
	}
}

// A review is public on every path; its book is its owner's only.
func TestReviewIsPublicOnEveryPathButItsBook(t *testing.T) {
	api := apitest.New(t)
	c := api.Concert(apitest.ConcertSpec{})
	review := api.Review(api.Member("공개후기"), c, 4.5, "누구나 읽는 후기")
	vars := map[string]any{"id": review.ID}
	var direct struct {
		TicketReview *struct {
			Content string
			Book    *struct{ ID string }
		}
	}
	api.Query(`query($id: ID!) { ticketReview(id: $id) { content book { id } } }`, vars).MustData(t, &direct)
	if direct.TicketReview == nil || direct.TicketReview.Content != "누구나 읽는 후기" || direct.TicketReview.Book != nil {
		t.Fatalf("anonymous ticketReview: %+v", direct.TicketReview)
	}
	var byNode struct {
		Node *struct {
			Content string
			Book    *struct{ ID string }
		}
	}
	api.Query(`query($id: ID!) { node(id: $id) { ... on TicketReview { content book { id } } } }`, vars).MustData(t, &byNode)
	if byNode.Node == nil || byNode.Node.Content != direct.TicketReview.Content || byNode.Node.Book != nil {
		t.Fatalf("anonymous node: %+v", byNode.Node)
	}
}

// Every statement a node lookup sends runs in the request's context (its id,
// principal and loaders), not in a detached one.
func TestNodeLookupKeepsTheRequestContext(t *testing.T) {
	api := apitest.New(t)
	c := api.Concert(apitest.ConcertSpec{})
	review := api.Review(api.Member("문맥"), c, 3, "후기")
	var mu sync.Mutex
	var ids []string
	api.DB.ObserveStatements(func(ctx context.Context, _ string) {
		mu.Lock()
		defer mu.Unlock()
		ids = append(ids, requestid.From(ctx))
	})
	for _, q := range []string{
		`query($id: ID!) { node(id: $id) { id } }`,
		`query($id: ID!) { nodes(ids: [$id, $id]) { id } }`,
	} {
		ids = nil
		for _, id := range []int{c.ID, review.ID} {
			api.Do(apitest.Request{
				Query: q, Variables: map[string]any{"id": id},
				Header: http.Header{requestid.Header: {"node-ctx-test"}},
			}).MustData(t, &struct{}{})
		}
		mu.Lock()
		if len(ids) == 0 {
			t.Fatalf("%s: no statements observed", q)
		}
		for _, id := range ids {
			if id != "node-ctx-test" {
				t.Fatalf("%s: a statement ran without the request's context (request id %q)", q, id)
			}
		}
		mu.Unlock()
	}
}

// The member a sign-in returns is the caller: their own private fields answer.
func TestSignInReturnsTheCallerWithPrivateFields(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d := api.NewDevice("phone")
	var login struct {
		DevLogin struct{ Member struct{ Email *string } }
	}
	d.Query(`mutation { devLogin(email: "self@example.com") { accessToken member { email } } }`, nil).MustData(t, &login)
	if login.DevLogin.Member.Email == nil || *login.DevLogin.Member.Email != "self@example.com" {
		t.Fatalf("devLogin member email: %v", login.DevLogin.Member.Email)
	}
	d.Token = "" // the refresh cookie alone signs in
	var refreshed struct {
		RefreshSession struct{ Member struct{ Email *string } }
	}
	d.Query(`mutation { refreshSession { member { email } } }`, nil).MustData(t, &refreshed)
	if refreshed.RefreshSession.Member.Email == nil || *refreshed.RefreshSession.Member.Email != "self@example.com" {
		t.Fatalf("refreshSession member email: %v", refreshed.RefreshSession.Member.Email)
	}
}

// Loaders whose fetches announce rows to each other (concerts → reviews →
// concerts) must not wait on each other: this operation once hung for good.
func TestCrossAnnouncingLoadersDoNotDeadlock(t *testing.T) {
	api := apitest.New(t)
	var reviews []int
	for i := range 30 {
		c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.5}})
		r := api.Review(api.Member(fmt.Sprintf("교차%d", i)), c, 4, "후기")
		reviews = append(reviews, r.ID)
	}
	api.Reindex()
	const q = `query($ids: [ID!]!) {
	  nodes(ids: $ids) { ... on TicketReview { concert { title similar { title } reviews(first: 3) { edges { node { content } } } } } }
	  concerts(first: 30) { edges { node { similar { title } reviews(first: 3) { edges { node { content concert { title } } } } } } }
	}`
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			if res := api.Query(q, map[string]any{"ids": reviews}); len(res.Errors) > 0 {
				t.Errorf("errors: %+v", res.Errors)
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute): // a deadlock never ends; 20 requests take well under a second
		t.Fatal("the operation deadlocked")
	}
}
