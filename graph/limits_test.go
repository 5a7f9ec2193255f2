package graph_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/softdelete"
)

type bookData struct {
	ID, Title, Color string
	TicketCount      int
}

func TestAtMostFiveBooks(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := api.SignUp("reader@example.com", "독자")
	for i := range 5 {
		var res struct{ CreateClacoBook bookData }
		d.Query(createBook, map[string]any{"input": map[string]any{"title": fmt.Sprintf("책 %d", i+1)}}).MustData(t, &res)
	}
	before := libraryState(t, api)
	refused(t, "a sixth book", d.Query(createBook, map[string]any{"input": map[string]any{"title": "여섯째"}}), "", "LIMIT_EXCEEDED")
	refused(t, "a sixth book, defaults", d.Query(createBook, map[string]any{"input": map[string]any{}}), "", "LIMIT_EXCEEDED")
	unchanged(t, api, before, "a sixth book")
	if n := len(booksOf(t, api, m.ID)); n != 5 {
		t.Fatalf("%d books, want 5", n)
	}
	// A deleted book frees its place.
	var del struct{ DeleteClacoBook string }
	d.Query(deleteBook, map[string]any{"id": booksOf(t, api, m.ID)[0].ID}).MustData(t, &del)
	d.Query(createBook, map[string]any{"input": map[string]any{"title": "다시 다섯째"}}).MustData(t, &struct{}{})
	if n := len(booksOf(t, api, m.ID)); n != 5 {
		t.Fatalf("%d books after delete and create, want 5", n)
	}
	// Another member's books do not count.
	other, _ := api.SignUp("other@example.com", "다른이")
	other.Query(createBook, map[string]any{"input": map[string]any{}}).MustData(t, &struct{}{})
}

func TestBookTitleAndColourAreChecked(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("reader@example.com", "독자")
	var made struct{ CreateClacoBook bookData }
	d.Query(createBook, map[string]any{"input": map[string]any{"title": "원래 제목", "color": "#D499B8"}}).MustData(t, &made)

	bad := []struct {
		input map[string]any
		field string
	}{
		{map[string]any{"title": ""}, "input.title"},
		{map[string]any{"title": "   "}, "input.title"},
		{map[string]any{"title": strings.Repeat("가", 15)}, "input.title"},
		{map[string]any{"title": strings.Repeat("a", 15)}, "input.title"},
		{map[string]any{"color": "red"}, "input.color"},
		{map[string]any{"color": "#DD633"}, "input.color"},
		{map[string]any{"color": "#DD63399"}, "input.color"},
		{map[string]any{"color": "#GG6339"}, "input.color"},
		{map[string]any{"color": "DD6339"}, "input.color"},
		{map[string]any{"color": ""}, "input.color"},
		{map[string]any{"title": "좋은 제목", "color": "blue"}, "input.color"},
	}
	for _, c := range bad {
		before := libraryState(t, api)
		refused(t, fmt.Sprintf("createClacoBook %v", c.input), d.Query(createBook, map[string]any{"input": c.input}), c.field, "BAD_USER_INPUT")
		refused(t, fmt.Sprintf("updateClacoBook %v", c.input), d.Query(updateBook, map[string]any{"id": made.CreateClacoBook.ID, "input": c.input}), c.field, "BAD_USER_INPUT")
		unchanged(t, api, before, fmt.Sprintf("%v", c.input))
	}
	// The bounds themselves are fine: 1 and 14 characters.
	for _, title := range []string{"가", strings.Repeat("가", 14)} {
		var res struct{ UpdateClacoBook bookData }
		d.Query(updateBook, map[string]any{"id": made.CreateClacoBook.ID, "input": map[string]any{"title": title}}).MustData(t, &res)
		if res.UpdateClacoBook.Title != title || res.UpdateClacoBook.Color != "#D499B8" {
			t.Errorf("update title %q: %+v", title, res.UpdateClacoBook)
		}
	}
	var res struct{ UpdateClacoBook bookData }
	d.Query(updateBook, map[string]any{"id": made.CreateClacoBook.ID, "input": map[string]any{"color": "#9E8D8E"}}).MustData(t, &res)
	if res.UpdateClacoBook.Color != "#9E8D8E" || res.UpdateClacoBook.Title != strings.Repeat("가", 14) {
		t.Errorf("update colour only: %+v", res.UpdateClacoBook)
	}
}

func TestNewBookDefaults(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("reader@example.com", "독자")
	var res struct{ CreateClacoBook bookData }
	d.Query(createBook, map[string]any{"input": map[string]any{}}).MustData(t, &res)
	if b := res.CreateClacoBook; b.Title != "독자님의 이야기" || b.Color != "#DD6339" || b.TicketCount != 0 {
		t.Fatalf("default book: %+v", b)
	}
	d.Query(createBook, map[string]any{"input": map[string]any{"title": "  둘째  "}}).MustData(t, &res)
	if b := res.CreateClacoBook; b.Title != "둘째" || b.Color != "#DD6339" {
		t.Fatalf("book with a title only: %+v", b)
	}
	d.Query(createBook, map[string]any{"input": map[string]any{"color": "#9E8D8E"}}).MustData(t, &res)
	if b := res.CreateClacoBook; b.Title != "독자님의 이야기" || b.Color != "#9E8D8E" {
		t.Fatalf("book with a colour only: %+v", b)
	}
}

func TestTicketReviewInputIsChecked(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := api.SignUp("reader@example.com", "독자")
	c := api.Concert(apitest.ConcertSpec{})
	book := api.Book(m, "내 책")
	valid := with(api.TicketInput(c.ID), "bookId", book.ID)
	tags, places := api.TagIDs(), api.PlaceIDs()
	onePerPair := func() []int {
		var out []int
		for _, p := range places {
			out = append(out, p[0])
		}
		return out
	}

	cases := []struct {
		name        string
		key         string
		value       any
		code, field string
	}{
		{"4 tags", "tagIds", tags[:4], "BAD_USER_INPUT", "input.tagIds"},
		{"6 tags", "tagIds", tags[:6], "BAD_USER_INPUT", "input.tagIds"},
		{"no tags", "tagIds", []int{}, "BAD_USER_INPUT", "input.tagIds"},
		{"a tag twice", "tagIds", []int{tags[0], tags[1], tags[2], tags[3], tags[0]}, "BAD_USER_INPUT", "input.tagIds"},
		{"an unknown tag", "tagIds", []int{tags[0], tags[1], tags[2], tags[3], 999999}, "BAD_USER_INPUT", "input.tagIds"},
		{"a venue impression as a tag", "tagIds", []int{tags[0], tags[1], tags[2], tags[3], places[0][0]}, "BAD_USER_INPUT", "input.tagIds"},
		{"4 places", "placeCategoryIds", onePerPair()[:4], "BAD_USER_INPUT", "input.placeCategoryIds"},
		{"6 places", "placeCategoryIds", append(onePerPair(), places[0][1]), "BAD_USER_INPUT", "input.placeCategoryIds"},
		{"both of a pair", "placeCategoryIds", append([]int{places[0][1]}, onePerPair()[:4]...), "BAD_USER_INPUT", "input.placeCategoryIds"},
		{"a place twice", "placeCategoryIds", append([]int{places[0][0]}, onePerPair()[:4]...), "BAD_USER_INPUT", "input.placeCategoryIds"},
		{"an unknown place", "placeCategoryIds", append(onePerPair()[:4], 999999), "BAD_USER_INPUT", "input.placeCategoryIds"},
		{"a tag as a place", "placeCategoryIds", append(onePerPair()[:4], tags[0]), "BAD_USER_INPUT", "input.placeCategoryIds"},
		{"rating 5.5", "rating", 5.5, "BAD_USER_INPUT", "input.rating"},
		{"rating 4.3", "rating", 4.3, "BAD_USER_INPUT", "input.rating"},
		{"rating -0.5", "rating", -0.5, "BAD_USER_INPUT", "input.rating"},
		{"content 501", "content", strings.Repeat("가", 501), "BAD_USER_INPUT", "input.content"},
		{"empty round", "watchRound", " ", "BAD_USER_INPUT", "input.watchRound"},
		{"unknown concert", "concertId", c.ID + 1000, "NOT_FOUND", "input.concertId"},
		{"a book as the concert", "concertId", book.ID, "NOT_FOUND", "input.concertId"},
		{"unknown book", "bookId", book.ID + 1000, "NOT_FOUND", "input.bookId"},
	}
	for _, tc := range cases {
		before := libraryState(t, api)
		refused(t, tc.name, d.Query(createTicket, map[string]any{"input": with(valid, tc.key, tc.value)}), tc.field, tc.code)
		unchanged(t, api, before, tc.name)
	}

	before := libraryState(t, api)
	images := []string{"variables.input.images.0", "variables.input.images.1", "variables.input.images.2", "variables.input.images.3"}
	refused(t, "4 images", d.UploadFiles(createTicket, map[string]any{"input": withImages(valid, 4)}, imageFiles(images...)...), "input.images", "LIMIT_EXCEEDED")
	unchanged(t, api, before, "4 images")

	// The bounds are fine: 0, 5 and steps of 0.5; 500 characters; 3 images.
	for _, rating := range []float64{0, 0.5, 5} {
		d.Query(createTicket, map[string]any{"input": with(valid, "rating", rating)}).MustData(t, &struct{}{})
	}
	d.Query(createTicket, map[string]any{"input": with(valid, "content", strings.Repeat("가", 500))}).MustData(t, &struct{}{})
	var three struct{ CreateTicketReview struct{ ImageUrls []string } }
	d.UploadFiles(createTicket, map[string]any{"input": withImages(valid, 3)}, imageFiles(images[:3]...)...).MustData(t, &three)
	if n := len(three.CreateTicketReview.ImageUrls); n != 3 {
		t.Fatalf("3 images: %d urls", n)
	}
	if n := ticketsIn(t, api, book.ID); n != 5 {
		t.Fatalf("%d tickets, want 5", n)
	}
	storedConsistently(t, api)
}

func TestAtMostTwentyTicketsABook(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := api.SignUp("reader@example.com", "독자")
	c := api.Concert(apitest.ConcertSpec{})
	full := api.Book(m, "가득 찬 책")
	for i := range 19 {
		api.Ticket(m, c, full, 3, fmt.Sprintf("티켓 %d", i))
	}
	in := with(api.TicketInput(c.ID), "bookId", full.ID)
	d.Query(createTicket, map[string]any{"input": in}).MustData(t, &struct{}{}) // the 20th

	before := libraryState(t, api)
	refused(t, "a 21st ticket", d.Query(createTicket, map[string]any{"input": in}), "input.bookId", "LIMIT_EXCEEDED")
	// Without a book it goes to the first, which is full.
	refused(t, "a 21st ticket into the first book", d.Query(createTicket, map[string]any{"input": with(in, "bookId", nil)}), "", "LIMIT_EXCEEDED")
	unchanged(t, api, before, "a 21st ticket")
	if n := ticketsIn(t, api, full.ID); n != 20 {
		t.Fatalf("%d tickets, want 20", n)
	}

	// Moving into a full book is refused too; the ticket stays where it was.
	other := api.Book(m, "빈 책")
	var made struct{ CreateTicketReview idOnly }
	d.Query(createTicket, map[string]any{"input": with(in, "bookId", other.ID)}).MustData(t, &made)
	before = libraryState(t, api)
	refused(t, "a move into a full book", d.Query(moveTicket, map[string]any{"id": made.CreateTicketReview.ID, "bookId": full.ID}), "bookId", "LIMIT_EXCEEDED")
	unchanged(t, api, before, "a move into a full book")
	if r := api.DB.TicketReview.GetX(context.Background(), atoi(t, made.CreateTicketReview.ID)); r.BookID != other.ID {
		t.Fatalf("the ticket moved to %d", r.BookID)
	}
	// A ticket of the full book may move out, and another in then.
	var moved struct {
		MoveTicketReview struct{ Book idOnly }
	}
	first := api.DB.TicketReview.Query().Where(ticketreview.BookID(full.ID)).FirstX(context.Background())
	d.Query(moveTicket, map[string]any{"id": first.ID, "bookId": other.ID}).MustData(t, &moved)
	if atoi(t, moved.MoveTicketReview.Book.ID) != other.ID {
		t.Fatalf("moved into %s", moved.MoveTicketReview.Book.ID)
	}
	d.Query(moveTicket, map[string]any{"id": made.CreateTicketReview.ID, "bookId": full.ID}).MustData(t, &moved)
	if ticketsIn(t, api, full.ID) != 20 || ticketsIn(t, api, other.ID) != 1 {
		t.Fatalf("after the moves: %d and %d tickets", ticketsIn(t, api, full.ID), ticketsIn(t, api, other.ID))
	}
	// Moving a ticket into the book it is in changes nothing, even when full.
	before = libraryState(t, api)
	d.Query(moveTicket, map[string]any{"id": made.CreateTicketReview.ID, "bookId": full.ID}).MustData(t, &moved)
	unchanged(t, api, before, "a move into the same book")
}

func TestTicketWithoutABookGoesToTheFirstBook(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	c := api.Concert(apitest.ConcertSpec{})
	in := api.TicketInput(c.ID)
	type ticketBook struct {
		CreateTicketReview struct {
			Book *bookData
		}
	}

	// With no book: one is made, with the defaults, and it counts in the five.
	d, m := api.SignUp("new@example.com", "새내기")
	var res ticketBook
	d.Query(createTicket, map[string]any{"input": in}).MustData(t, &res)
	books := booksOf(t, api, m.ID)
	if len(books) != 1 || res.CreateTicketReview.Book == nil || atoi(t, res.CreateTicketReview.Book.ID) != books[0].ID {
		t.Fatalf("books %v, ticket in %+v", books, res.CreateTicketReview.Book)
	}
	if b := res.CreateTicketReview.Book; b.Title != "새내기님의 이야기" || b.Color != "#DD6339" {
		t.Fatalf("the book made: %+v", b)
	}
	d.Query(createTicket, map[string]any{"input": in}).MustData(t, &res)
	if n := len(booksOf(t, api, m.ID)); n != 1 {
		t.Fatalf("a second ticket made book %d", n)
	}
	for range 4 {
		d.Query(createBook, map[string]any{"input": map[string]any{}}).MustData(t, &struct{}{})
	}
	refused(t, "a sixth book after the one made for a ticket", d.Query(createBook, map[string]any{"input": map[string]any{}}), "", "LIMIT_EXCEEDED")

	// With five books: into the first (by creation), no sixth book.
	d2, m2 := api.SignUp("busy@example.com", "다독가")
	for i := range 5 {
		d2.Query(createBook, map[string]any{"input": map[string]any{"title": fmt.Sprintf("책 %d", i+1)}}).MustData(t, &struct{}{})
	}
	// The first book renamed last still is the first.
	first := booksOf(t, api, m2.ID)[0]
	d2.Query(updateBook, map[string]any{"id": first.ID, "input": map[string]any{"title": "이름 바꾼 첫 책"}}).MustData(t, &struct{}{})
	d2.Query(createTicket, map[string]any{"input": in}).MustData(t, &res)
	if res.CreateTicketReview.Book == nil || atoi(t, res.CreateTicketReview.Book.ID) != first.ID {
		t.Fatalf("ticket of a member with 5 books went to %+v, want %d", res.CreateTicketReview.Book, first.ID)
	}
	if n := len(booksOf(t, api, m2.ID)); n != 5 {
		t.Fatalf("%d books, want 5", n)
	}
	if ticketsIn(t, api, first.ID) != 1 {
		t.Fatal("the first book does not hold the ticket")
	}
}

func TestUpdateTicketReviewChecksTheFieldsGiven(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("reader@example.com", "독자")
	c := api.Concert(apitest.ConcertSpec{})
	var made struct{ CreateTicketReview idOnly }
	d.Query(createTicket, map[string]any{"input": api.TicketInput(c.ID)}).MustData(t, &made)
	id := made.CreateTicketReview.ID

	bad := []struct {
		input map[string]any
		field string
	}{
		{map[string]any{"rating": 4.3}, "input.rating"},
		{map[string]any{"rating": 5.5}, "input.rating"},
		{map[string]any{"rating": -0.5}, "input.rating"},
		{map[string]any{"content": strings.Repeat("가", 501)}, "input.content"},
		{map[string]any{"watchRound": ""}, "input.watchRound"},
		{map[string]any{"seat": strings.Repeat("가", 31)}, "input.seat"},
		{map[string]any{"castings": []string{"조성진", " "}}, "input.castings.1"},
		{map[string]any{"content": "좋은 내용", "rating": 4.3}, "input.rating"},
	}
	for _, c := range bad {
		before := libraryState(t, api)
		refused(t, fmt.Sprintf("updateTicketReview %v", c.input), d.Query(updateTicket, map[string]any{"id": id, "input": c.input}), c.field, "BAD_USER_INPUT")
		unchanged(t, api, before, fmt.Sprintf("%v", c.input))
	}

	type updated struct {
		UpdateTicketReview struct {
			WatchDate, WatchRound string
			Seat                  *string
			Rating                float64
			Castings              []string
			Content               string
		}
	}
	var res updated
	d.Query(updateTicket, map[string]any{"id": id, "input": map[string]any{"content": "고친 후기"}}).MustData(t, &res)
	if u := res.UpdateTicketReview; u.Content != "고친 후기" || u.Rating != 4.5 || u.WatchRound != "19:30" || u.WatchDate != "2026-11-20" || !slices.Equal(u.Castings, []string{"조성진"}) || u.Seat == nil {
		t.Fatalf("content only: %+v", u)
	}
	d.Query(updateTicket, map[string]any{"id": id, "input": map[string]any{"rating": 0, "castings": []string{}, "watchDate": "2026-11-21"}}).MustData(t, &res)
	if u := res.UpdateTicketReview; u.Content != "고친 후기" || u.Rating != 0 || len(u.Castings) != 0 || u.WatchDate != "2026-11-21" {
		t.Fatalf("rating, castings and date: %+v", u)
	}
}

func TestDeletingABookDeletesItsTickets(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	d, m := api.SignUp("reader@example.com", "독자")
	c := api.Concert(apitest.ConcertSpec{})
	var made struct{ CreateClacoBook bookData }
	d.Query(createBook, map[string]any{"input": map[string]any{"title": "지울 책"}}).MustData(t, &made)
	gone := atoi(t, made.CreateClacoBook.ID)
	d.Query(createBook, map[string]any{"input": map[string]any{"title": "남길 책"}}).MustData(t, &made)
	kept := atoi(t, made.CreateClacoBook.ID)
	in := api.TicketInput(c.ID)
	var ticket struct{ CreateTicketReview idOnly }
	d.UploadFiles(createTicket, map[string]any{"input": withImages(with(with(in, "bookId", gone), "rating", 5), 2)},
		imageFiles("variables.input.images.0", "variables.input.images.1")...).MustData(t, &ticket)
	goneTicket := atoi(t, ticket.CreateTicketReview.ID)
	d.UploadFiles(ticketImage, map[string]any{"id": goneTicket, "file": nil}, apitest.Image("variables.file")).MustData(t, &struct{}{})
	d.Query(createTicket, map[string]any{"input": with(with(in, "bookId", gone), "rating", 4)}).MustData(t, &struct{}{})
	d.Query(createTicket, map[string]any{"input": with(with(in, "bookId", kept), "rating", 1)}).MustData(t, &ticket)
	keptTicket := atoi(t, ticket.CreateTicketReview.ID)
	api.Review(api.Member("남"), c, 3, "남의 후기")
	if n := len(api.StoredFiles()); n != 3 {
		t.Fatalf("%d files stored, want 3", n)
	}

	var r reviewsResult
	api.Query(concertReviews, map[string]any{"id": c.ID}).MustData(t, &r)
	if r.Concert.ReviewCount != 4 || *r.Concert.AverageRating != 3.25 {
		t.Fatalf("before: %d reviews, average %v", r.Concert.ReviewCount, *r.Concert.AverageRating)
	}

	var del struct{ DeleteClacoBook string }
	d.Query(deleteBook, map[string]any{"id": gone}).MustData(t, &del)
	if atoi(t, del.DeleteClacoBook) != gone {
		t.Fatalf("deleteClacoBook returned %s", del.DeleteClacoBook)
	}
	api.Query(concertReviews, map[string]any{"id": c.ID}).MustData(t, &r)
	if got := r.contents(); len(got) != 2 || r.Concert.ReviewCount != 2 || r.Concert.Reviews.TotalCount != 2 || *r.Concert.AverageRating != 2 {
		t.Fatalf("after: %q, %d reviews (%d), average %v", got, r.Concert.ReviewCount, r.Concert.Reviews.TotalCount, *r.Concert.AverageRating)
	}
	var me struct {
		Me struct{ ClacoBooks []bookData }
	}
	d.Query(`{ me { clacoBooks { id title ticketCount } } }`, nil).MustData(t, &me)
	if len(me.Me.ClacoBooks) != 1 || atoi(t, me.Me.ClacoBooks[0].ID) != kept || me.Me.ClacoBooks[0].TicketCount != 1 {
		t.Fatalf("books after delete: %+v", me.Me.ClacoBooks)
	}
	var node struct {
		Book   *idOnly
		Ticket *idOnly
	}
	d.Query(`query($b: ID!, $t: ID!) { book: node(id: $b) { id } ticket: ticketReview(id: $t) { id } }`, map[string]any{"b": gone, "t": goneTicket}).MustData(t, &node)
	if node.Book != nil || node.Ticket != nil {
		t.Fatalf("deleted book or ticket still found: %+v", node)
	}
	// Soft-deleted, with their photos; the files are gone.
	admin := softdelete.IncludeDeleted(ctx)
	if n := api.DB.ClacoBook.Query().Where(clacobook.ID(gone), clacobook.DeletedAtNotNil()).CountX(admin); n != 1 {
		t.Errorf("book soft-deleted: %d", n)
	}
	if n := api.DB.TicketReview.Query().Where(ticketreview.BookID(gone), ticketreview.DeletedAtNotNil()).CountX(admin); n != 2 {
		t.Errorf("%d tickets soft-deleted, want 2", n)
	}
	if n := api.DB.TicketImage.Query().CountX(admin) - api.DB.TicketImage.Query().CountX(ctx); n != 2 {
		t.Errorf("%d photos soft-deleted, want 2", n)
	}
	if api.DB.TicketReview.GetX(ctx, keptTicket).BookID != kept {
		t.Error("the other book's ticket moved")
	}
	if files := api.StoredFiles(); len(files) != 0 {
		t.Errorf("files left after deleting the book: %q", files)
	}
	storedConsistently(t, api)
	// The member may make books again up to five.
	_ = m
}

func TestDeletingATicketReview(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	d, _ := api.SignUp("reader@example.com", "독자")
	c := api.Concert(apitest.ConcertSpec{})
	in := api.TicketInput(c.ID)
	var made struct{ CreateTicketReview idOnly }
	d.Query(createTicket, map[string]any{"input": with(in, "rating", 5)}).MustData(t, &made)
	gone := atoi(t, made.CreateTicketReview.ID)
	d.Query(createTicket, map[string]any{"input": with(in, "rating", 2)}).MustData(t, &made)

	var del struct{ DeleteTicketReview string }
	d.Query(deleteTicket, map[string]any{"id": gone}).MustData(t, &del)
	if atoi(t, del.DeleteTicketReview) != gone {
		t.Fatalf("deleteTicketReview returned %s", del.DeleteTicketReview)
	}
	var r reviewsResult
	api.Query(concertReviews, map[string]any{"id": c.ID}).MustData(t, &r)
	if r.Concert.ReviewCount != 1 || r.Concert.Reviews.TotalCount != 1 || len(r.Concert.Reviews.Edges) != 1 || *r.Concert.AverageRating != 2 {
		t.Fatalf("after delete: %+v", r.Concert)
	}
	var me struct {
		Me struct {
			ClacoBooks []struct {
				TicketCount int
				Tickets     struct{ TotalCount int }
			}
		}
	}
	d.Query(`{ me { clacoBooks { ticketCount tickets { totalCount } } } }`, nil).MustData(t, &me)
	if b := me.Me.ClacoBooks; len(b) != 1 || b[0].TicketCount != 1 || b[0].Tickets.TotalCount != 1 {
		t.Fatalf("book after delete: %+v", b)
	}
	var q struct{ TicketReview *idOnly }
	api.Query(`query($id: ID!) { ticketReview(id: $id) { id } }`, map[string]any{"id": gone}).MustData(t, &q)
	if q.TicketReview != nil {
		t.Fatal("a deleted review is still found")
	}
	if n := api.DB.TicketReview.Query().Where(ticketreview.ID(gone), ticketreview.DeletedAtNotNil()).CountX(softdelete.IncludeDeleted(ctx)); n != 1 {
		t.Fatal("the review is not soft-deleted")
	}
	// Deleting it again: it is not there.
	before := libraryState(t, api)
	refused(t, "deleting twice", d.Query(deleteTicket, map[string]any{"id": gone}), "", "NOT_FOUND")
	refused(t, "updating a deleted review", d.Query(updateTicket, map[string]any{"id": gone, "input": map[string]any{"content": "되살리기"}}), "", "NOT_FOUND")
	unchanged(t, api, before, "deleting twice")
}

func TestMyBooksInCreationOrderAndEditable(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("reader@example.com", "독자")
	other, _ := api.SignUp("other@example.com", "다른이")
	c := api.Concert(apitest.ConcertSpec{})
	var ids []string
	for _, title := range []string{"가 책", "나 책", "다 책"} {
		var res struct{ CreateClacoBook bookData }
		d.Query(createBook, map[string]any{"input": map[string]any{"title": title}}).MustData(t, &res)
		ids = append(ids, res.CreateClacoBook.ID)
	}
	d.Query(updateBook, map[string]any{"id": ids[0], "input": map[string]any{"title": "고친 가 책"}}).MustData(t, &struct{}{})
	in := api.TicketInput(c.ID)
	var made struct{ CreateTicketReview idOnly }
	for range 2 {
		d.Query(createTicket, map[string]any{"input": with(in, "bookId", ids[1])}).MustData(t, &made)
	}
	var me struct {
		Me struct{ ClacoBooks []bookData }
	}
	d.Query(`{ me { clacoBooks { id title color ticketCount } } }`, nil).MustData(t, &me)
	var got []string
	for _, b := range me.Me.ClacoBooks {
		got = append(got, fmt.Sprintf("%s:%d", b.Title, b.TicketCount))
	}
	if want := []string{"고친 가 책:0", "나 책:2", "다 책:0"}; !slices.Equal(got, want) {
		t.Fatalf("clacoBooks %q, want %q", got, want)
	}

	q := `query($id: ID!) { ticketReview(id: $id) { editable } }`
	for who, dev := range map[string]*apitest.Device{"author": d, "other member": other, "anonymous": api.NewDevice("anon")} {
		var res struct{ TicketReview struct{ Editable bool } }
		dev.Query(q, map[string]any{"id": made.CreateTicketReview.ID}).MustData(t, &res)
		if res.TicketReview.Editable != (who == "author") {
			t.Errorf("editable for the %s: %v", who, res.TicketReview.Editable)
		}
	}
}
