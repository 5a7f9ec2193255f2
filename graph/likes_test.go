package graph_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/claco/claco/ent/concertlike"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/softdelete"
)

type likeFields struct {
	LikeCount int
	LikedByMe bool
}

func TestLikesAreIdempotentAndReviveTheSameRow(t *testing.T) {
	clock := apitest.NewClock()
	api := apitest.New(t, apitest.WithDevLogin(), apitest.WithClock(clock))
	ctx := context.Background()
	d, m := api.SignUp("fan@example.com", "좋아요팬")
	first := api.Concert(apitest.ConcertSpec{Title: "먼저 좋아한 공연"})
	second := api.Concert(apitest.ConcertSpec{Title: "나중에 좋아한 공연"})
	api.Like(api.Member("다른팬"), second)

	like := func(id int) likeFields {
		t.Helper()
		clock.Advance(time.Second)
		var res struct{ LikeConcert likeFields }
		d.Query(likeQuery, map[string]any{"id": id}).MustData(t, &res)
		return res.LikeConcert
	}
	unlike := func(id int) likeFields {
		t.Helper()
		clock.Advance(time.Second)
		var res struct{ UnlikeConcert likeFields }
		d.Query(unlikeQuery, map[string]any{"id": id}).MustData(t, &res)
		return res.UnlikeConcert
	}
	rows := func(concertID int) (all, live int) {
		t.Helper()
		q := api.DB.ConcertLike.Query().Where(concertlike.MemberID(m.ID), concertlike.ConcertID(concertID))
		return q.Clone().CountX(softdelete.IncludeDeleted(ctx)), q.Clone().CountX(ctx)
	}
	likedTitles := func() []string {
		t.Helper()
		var res struct {
			Me struct{ LikedConcerts concertConnection }
		}
		d.Query(`{ me { likedConcerts { edges { node { title } } } } }`, nil).MustData(t, &res)
		return res.Me.LikedConcerts.titles()
	}

	if got := like(first.ID); got != (likeFields{1, true}) {
		t.Fatalf("like: %+v", got)
	}
	if got := like(first.ID); got != (likeFields{1, true}) {
		t.Fatalf("like twice: %+v", got)
	}
	if all, live := rows(first.ID); all != 1 || live != 1 {
		t.Fatalf("after two likes: %d rows, %d live", all, live)
	}
	row := api.DB.ConcertLike.Query().Where(concertlike.MemberID(m.ID), concertlike.ConcertID(first.ID)).OnlyX(ctx)
	if got := like(second.ID); got != (likeFields{2, true}) {
		t.Fatalf("like of a concert another member likes: %+v", got)
	}
	if got := likedTitles(); !slices.Equal(got, []string{"나중에 좋아한 공연", "먼저 좋아한 공연"}) {
		t.Fatalf("likedConcerts: %q", got)
	}

	if got := unlike(first.ID); got != (likeFields{0, false}) {
		t.Fatalf("unlike: %+v", got)
	}
	if got := unlike(first.ID); got != (likeFields{0, false}) {
		t.Fatalf("unlike twice: %+v", got)
	}
	if all, live := rows(first.ID); all != 1 || live != 0 {
		t.Fatalf("after unlikes: %d rows, %d live", all, live)
	}
	if got := likedTitles(); !slices.Equal(got, []string{"나중에 좋아한 공연"}) {
		t.Fatalf("likedConcerts after unlike: %q", got)
	}
	if got := unlike(api.Concert(apitest.ConcertSpec{}).ID); got != (likeFields{0, false}) {
		t.Fatalf("unlike of a concert never liked: %+v", got)
	}

	// A re-like revives the same row and puts the concert first.
	if got := like(first.ID); got != (likeFields{1, true}) {
		t.Fatalf("re-like: %+v", got)
	}
	if all, live := rows(first.ID); all != 1 || live != 1 {
		t.Fatalf("after a re-like: %d rows, %d live", all, live)
	}
	if again := api.DB.ConcertLike.Query().Where(concertlike.MemberID(m.ID), concertlike.ConcertID(first.ID)).OnlyX(ctx); again.ID != row.ID {
		t.Fatalf("re-like made row %d, not revived %d", again.ID, row.ID)
	}
	if got := likedTitles(); !slices.Equal(got, []string{"먼저 좋아한 공연", "나중에 좋아한 공연"}) {
		t.Fatalf("likedConcerts after a re-like: %q", got)
	}

	// Fresh reads after each mutation of one request.
	var both struct{ A, B likeFields }
	d.Query(`mutation($id: ID!) { a: likeConcert(concertId: $id) { likedByMe likeCount } b: unlikeConcert(concertId: $id) { likedByMe likeCount } }`,
		map[string]any{"id": second.ID}).MustData(t, &both)
	if both.A != (likeFields{2, true}) || both.B != (likeFields{1, false}) {
		t.Fatalf("like then unlike in one request: %+v", both)
	}
	third := api.Concert(apitest.ConcertSpec{})
	d.Query(`mutation($id: ID!) { a: likeConcert(concertId: $id) { likedByMe likeCount } b: unlikeConcert(concertId: $id) { likedByMe likeCount } }`,
		map[string]any{"id": third.ID}).MustData(t, &both)
	if both.A != (likeFields{1, true}) || both.B != (likeFields{0, false}) {
		t.Fatalf("like then unlike of a new concert in one request: %+v", both)
	}
}

func TestLikeOfAnUnknownConcert(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := api.SignUp("fan@example.com", "좋아요팬")
	c := api.Concert(apitest.ConcertSpec{})
	book := api.Book(m, "책")
	before := libraryState(t, api)
	for _, id := range []int{c.ID + 1000, book.ID, m.ID} {
		refused(t, "likeConcert of an unknown concert", d.Query(likeQuery, map[string]any{"id": id}), "", "NOT_FOUND")
		refused(t, "unlikeConcert of an unknown concert", d.Query(unlikeQuery, map[string]any{"id": id}), "", "NOT_FOUND")
	}
	unchanged(t, api, before, "likes of unknown concerts")
	refused(t, "likeConcert anonymously", api.NewDevice("anon").Query(likeQuery, map[string]any{"id": c.ID}), "", "UNAUTHENTICATED")
}
