package graph_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concertlike"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/softdelete"
)

// together runs n calls at once, released by one barrier, and counts their
// outcomes: "ok" or the error code ("BROKEN: …" for an answer that is not
// one error or data). It never fails the test from a goroutine.
func together(n int, call func(i int) (*apitest.Response, error)) map[string]int {
	var (
		wg      sync.WaitGroup
		start   = make(chan struct{})
		results = make([]string, n)
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := call(i)
			switch {
			case err != nil:
				results[i] = "BROKEN: " + err.Error()
			case len(res.Errors) == 0:
				results[i] = "ok"
			case len(res.Errors) == 1:
				results[i] = res.Errors[0].Code()
				if results[i] == "INTERNAL" {
					results[i] += ": " + res.Errors[0].Message
				}
			default:
				results[i] = fmt.Sprintf("BROKEN: %d errors: %+v", len(res.Errors), res.Errors)
			}
		}()
	}
	close(start)
	wg.Wait()
	out := map[string]int{}
	for _, r := range results {
		out[r]++
	}
	return out
}

func wantOutcomes(t *testing.T, what string, got map[string]int, want map[string]int) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: outcomes %v, want %v", what, got, want)
	}
}

func TestConcurrentBooksStopAtFive(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := api.SignUp("eager@example.com", "성급한이")
	got := together(10, func(i int) (*apitest.Response, error) {
		return d.TryQuery(createBook, map[string]any{"input": map[string]any{"title": fmt.Sprintf("책 %d", i)}})
	})
	wantOutcomes(t, "10 createClacoBook at once", got, map[string]int{"ok": 5, "LIMIT_EXCEEDED": 5})
	if n := api.DB.ClacoBook.Query().Where(clacobook.MemberID(m.ID)).CountX(context.Background()); n != 5 {
		t.Fatalf("%d live books, want 5", n)
	}
	if n := api.DB.ClacoBook.Query().CountX(softdelete.IncludeDeleted(context.Background())); n != 5 {
		t.Fatalf("%d book rows, want 5", n)
	}
}

func TestConcurrentTicketsStopAtTwenty(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := api.SignUp("eager@example.com", "성급한이")
	c := api.Concert(apitest.ConcertSpec{})
	book := api.Book(m, "한 권")
	in := withImages(with(api.TicketInput(c.ID), "bookId", book.ID), 1)
	got := together(25, func(i int) (*apitest.Response, error) {
		return d.TryUploadFiles(createTicket, map[string]any{"input": in}, apitest.Image("variables.input.images.0"))
	})
	wantOutcomes(t, "25 createTicketReview at once", got, map[string]int{"ok": 20, "LIMIT_EXCEEDED": 5})
	if n := ticketsIn(t, api, book.ID); n != 20 {
		t.Fatalf("%d tickets, want 20", n)
	}
	if n := api.DB.TicketReview.Query().CountX(softdelete.IncludeDeleted(context.Background())); n != 20 {
		t.Fatalf("%d ticket rows, want 20", n)
	}
	// Each kept ticket has its photo; the refused ones left none.
	if n := len(api.StoredFiles()); n != 20 {
		t.Fatalf("%d stored files, want 20", n)
	}
	storedConsistently(t, api)
}

func TestConcurrentFirstTicketsMakeOneBook(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := api.SignUp("eager@example.com", "성급한이")
	c := api.Concert(apitest.ConcertSpec{})
	in := api.TicketInput(c.ID)
	got := together(8, func(int) (*apitest.Response, error) {
		return d.TryQuery(createTicket, map[string]any{"input": in})
	})
	wantOutcomes(t, "8 createTicketReview without a book at once", got, map[string]int{"ok": 8})
	books := booksOf(t, api, m.ID)
	if len(books) != 1 {
		t.Fatalf("%d books made, want 1", len(books))
	}
	if n := ticketsIn(t, api, books[0].ID); n != 8 {
		t.Fatalf("%d tickets in the book, want 8", n)
	}
}

func TestConcurrentMovesStopAtTwenty(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	d, m := api.SignUp("eager@example.com", "성급한이")
	c := api.Concert(apitest.ConcertSpec{})
	target, left, right := api.Book(m, "거의 찬 책"), api.Book(m, "왼쪽"), api.Book(m, "오른쪽")
	for i := range 18 {
		api.Ticket(m, c, target, 3, fmt.Sprint("원래 ", i))
	}
	var moving []int
	for i := range 5 {
		from := left
		if i%2 == 1 {
			from = right
		}
		moving = append(moving, api.Ticket(m, c, from, 3, fmt.Sprint("옮길 ", i)).ID)
	}
	got := together(len(moving), func(i int) (*apitest.Response, error) {
		return d.TryQuery(moveTicket, map[string]any{"id": moving[i], "bookId": target.ID})
	})
	wantOutcomes(t, "5 moves at once into a book of 18", got, map[string]int{"ok": 2, "LIMIT_EXCEEDED": 3})
	if n := ticketsIn(t, api, target.ID); n != 20 {
		t.Fatalf("%d tickets in the target, want 20", n)
	}
	if n := ticketsIn(t, api, left.ID) + ticketsIn(t, api, right.ID); n != 3 {
		t.Fatalf("%d tickets left in the other books, want 3", n)
	}
	if n := api.DB.TicketReview.Query().Where(ticketreview.MemberID(m.ID)).CountX(ctx); n != 23 {
		t.Fatalf("%d tickets in all, want 23", n)
	}
}

func TestConcurrentLikesLeaveOneRow(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	d, m := api.SignUp("eager@example.com", "성급한이")
	c := api.Concert(apitest.ConcertSpec{})
	check := func(what string, wantLive int) {
		t.Helper()
		q := api.DB.ConcertLike.Query().Where(concertlike.MemberID(m.ID), concertlike.ConcertID(c.ID))
		if all := q.Clone().CountX(softdelete.IncludeDeleted(ctx)); all != 1 {
			t.Errorf("%s: %d like rows, want 1", what, all)
		}
		live := q.Clone().CountX(ctx)
		if wantLive >= 0 && live != wantLive {
			t.Errorf("%s: %d live likes, want %d", what, live, wantLive)
		}
		var res struct{ Concert likeFields }
		d.Query(`query($id: ID!) { concert(id: $id) { likeCount likedByMe } }`, map[string]any{"id": c.ID}).MustData(t, &res)
		if res.Concert.LikeCount != live || res.Concert.LikedByMe != (live == 1) {
			t.Errorf("%s: concert says %+v, %d live rows", what, res.Concert, live)
		}
	}
	like := func(int) (*apitest.Response, error) { return d.TryQuery(likeQuery, map[string]any{"id": c.ID}) }

	wantOutcomes(t, "10 first likes at once", together(10, like), map[string]int{"ok": 10})
	check("10 first likes at once", 1)

	d.Query(unlikeQuery, map[string]any{"id": c.ID}).MustData(t, &struct{}{})
	wantOutcomes(t, "10 re-likes at once", together(10, like), map[string]int{"ok": 10})
	check("10 re-likes at once", 1)

	// Likes and unlikes at once: whichever wins, one row, at most one live.
	got := together(10, func(i int) (*apitest.Response, error) {
		if i%2 == 0 {
			return d.TryQuery(unlikeQuery, map[string]any{"id": c.ID})
		}
		return like(i)
	})
	wantOutcomes(t, "likes and unlikes at once", got, map[string]int{"ok": 10})
	check("likes and unlikes at once", -1)
}

func TestConcurrentRenderedTicketsLeaveOneFile(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("eager@example.com", "성급한이")
	c := api.Concert(apitest.ConcertSpec{})
	var made struct{ CreateTicketReview idOnly }
	d.Query(createTicket, map[string]any{"input": api.TicketInput(c.ID)}).MustData(t, &made)
	got := together(6, func(int) (*apitest.Response, error) {
		return d.TryUploadFiles(ticketImage, map[string]any{"id": made.CreateTicketReview.ID, "file": nil}, apitest.Image("variables.file"))
	})
	wantOutcomes(t, "6 uploadTicketImage at once", got, map[string]int{"ok": 6})
	if n := len(api.StoredFiles()); n != 1 {
		t.Errorf("%d files after 6 rendered tickets at once, want 1", n)
	}
	storedConsistently(t, api)
}

func TestConcurrentProfilePicturesLeaveOneFile(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("eager@example.com", "성급한이")
	got := together(6, func(int) (*apitest.Response, error) {
		return d.TryUploadFiles(updateProfile, map[string]any{"input": map[string]any{"profileImage": nil}}, apitest.Image("variables.input.profileImage"))
	})
	wantOutcomes(t, "6 updateProfile with a picture at once", got, map[string]int{"ok": 6})
	if n := len(api.StoredFiles()); n != 1 {
		t.Errorf("%d files after 6 profile pictures at once, want 1", n)
	}
	storedConsistently(t, api)
}

func TestWithdrawalDuringWritesLeavesNothingLive(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	d, m := api.SignUp("leaver@example.com", "떠나는이")
	c := api.Concert(apitest.ConcertSpec{})
	book := api.Book(m, "책")
	in := api.TicketInput(c.ID)

	calls := []func() (*apitest.Response, error){
		func() (*apitest.Response, error) { return d.TryQuery(`mutation { withdraw }`, nil) },
	}
	for i := range 4 {
		calls = append(calls, func() (*apitest.Response, error) {
			return d.TryUploadFiles(createTicket, map[string]any{"input": withImages(with(in, "bookId", book.ID), 1)}, apitest.Image("variables.input.images.0"))
		})
		calls = append(calls, func() (*apitest.Response, error) {
			if i%2 == 0 {
				return d.TryQuery(likeQuery, map[string]any{"id": c.ID})
			}
			return d.TryQuery(createBook, map[string]any{"input": map[string]any{"title": "새 책"}})
		})
	}
	calls = append(calls, func() (*apitest.Response, error) {
		return d.TryUploadFiles(updateProfile, map[string]any{"input": map[string]any{"profileImage": nil}}, apitest.Image("variables.input.profileImage"))
	})
	got := together(len(calls), func(i int) (*apitest.Response, error) { return calls[i]() })
	for outcome := range got {
		if outcome != "ok" && outcome != "UNAUTHENTICATED" && outcome != "NOT_FOUND" && outcome != "FORBIDDEN" {
			t.Errorf("outcome %s (%v)", outcome, got)
			if strings.HasPrefix(outcome, "INTERNAL") {
				for _, line := range strings.Split(api.Logs(), "\n") {
					if strings.Contains(line, "ERROR") {
						t.Log(line)
					}
				}
			}
		}
	}
	if api.DB.Member.Query().Where(member.ID(m.ID)).ExistX(ctx) {
		t.Fatalf("the member was not withdrawn: %v", got)
	}
	live := map[string]int{
		"books":   api.DB.ClacoBook.Query().Where(clacobook.MemberID(m.ID)).CountX(ctx),
		"tickets": api.DB.TicketReview.Query().Where(ticketreview.MemberID(m.ID)).CountX(ctx),
		"photos":  api.DB.TicketImage.Query().CountX(ctx),
		"likes":   api.DB.ConcertLike.Query().Where(concertlike.MemberID(m.ID)).CountX(ctx),
		"files":   len(api.StoredFiles()),
	}
	for what, n := range live {
		if n != 0 {
			t.Errorf("after a withdrawal during writes: %d live %s (outcomes %v)", n, what, got)
		}
	}
	var res struct {
		Concert struct{ LikeCount, ReviewCount int }
	}
	api.Query(`query($id: ID!) { concert(id: $id) { likeCount reviewCount reviews { edges { node { author { nickname } } } } } }`, map[string]any{"id": c.ID}).MustData(t, &res)
	if res.Concert.LikeCount != 0 || res.Concert.ReviewCount != 0 {
		t.Errorf("the concert after the withdrawal: %+v", res.Concert)
	}
}
