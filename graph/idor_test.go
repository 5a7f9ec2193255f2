package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apitest"
)

// twoMembers sets up member A with two books (the first holding a ticket
// with a photo and a rendered ticket) and member B with a book and a
// ticket, all through the API.
type twoMembers struct {
	api              *apitest.API
	concert          int
	a, b             *apitest.Device
	aID, bID         int
	bookA, bookA2    int
	ticketA, ticketB int
	bookB            int
}

func newTwoMembers(t *testing.T) *twoMembers {
	t.Helper()
	api := apitest.New(t, apitest.WithDevLogin())
	c := api.Concert(apitest.ConcertSpec{Title: "백조의 호수"})
	s := &twoMembers{api: api, concert: c.ID}
	var ma, mb *ent.Member
	s.a, ma = api.SignUp("a@example.com", "에이")
	s.b, mb = api.SignUp("b@example.com", "비이")
	s.aID, s.bID = ma.ID, mb.ID

	var book struct{ CreateClacoBook idOnly }
	s.a.Query(createBook, map[string]any{"input": map[string]any{"title": "A의 책"}}).MustData(t, &book)
	s.bookA = atoi(t, book.CreateClacoBook.ID)
	s.a.Query(createBook, map[string]any{"input": map[string]any{"title": "A의 둘째 책"}}).MustData(t, &book)
	s.bookA2 = atoi(t, book.CreateClacoBook.ID)
	s.b.Query(createBook, map[string]any{"input": map[string]any{"title": "B의 책"}}).MustData(t, &book)
	s.bookB = atoi(t, book.CreateClacoBook.ID)

	var ticket struct{ CreateTicketReview idOnly }
	in := api.TicketInput(c.ID)
	in["bookId"], in["content"] = s.bookA, "A의 비밀스럽지 않은 후기"
	s.a.UploadFiles(createTicket, map[string]any{"input": withImages(in, 1)}, imageFiles("variables.input.images.0")...).MustData(t, &ticket)
	s.ticketA = atoi(t, ticket.CreateTicketReview.ID)
	s.a.UploadFiles(ticketImage, map[string]any{"id": s.ticketA, "file": nil}, apitest.Image("variables.file")).MustData(t, &struct{}{})
	in = api.TicketInput(c.ID)
	in["bookId"], in["content"] = s.bookB, "B의 후기"
	s.b.Query(createTicket, map[string]any{"input": in}).MustData(t, &ticket)
	s.ticketB = atoi(t, ticket.CreateTicketReview.ID)
	if n := len(api.StoredFiles()); n != 2 {
		t.Fatalf("setup stored %d files, want 2", n)
	}
	return s
}

func TestAnotherMembersBooksAndTicketsCannotBeChanged(t *testing.T) {
	s := newTwoMembers(t)
	api := s.api
	ctx := context.Background()
	valid := api.TicketInput(s.concert)

	attacks := []struct {
		name  string
		query string
		vars  map[string]any
		file  string // variable path of an uploaded file, if any
	}{
		{"updateClacoBook of A's book", updateBook, map[string]any{"id": s.bookA, "input": map[string]any{"title": "뺏은 책", "color": "#000000"}}, ""},
		{"deleteClacoBook of A's book", deleteBook, map[string]any{"id": s.bookA}, ""},
		{"createTicketReview into A's book", createTicket, map[string]any{"input": with(valid, "bookId", s.bookA)}, ""},
		{"createTicketReview with a photo into A's book", createTicket, map[string]any{"input": withImages(with(valid, "bookId", s.bookA), 1)}, "variables.input.images.0"},
		{"moveTicketReview of B's ticket into A's book", moveTicket, map[string]any{"id": s.ticketB, "bookId": s.bookA2}, ""},
		{"moveTicketReview of A's ticket into B's book", moveTicket, map[string]any{"id": s.ticketA, "bookId": s.bookB}, ""},
		{"moveTicketReview of A's ticket into A's other book", moveTicket, map[string]any{"id": s.ticketA, "bookId": s.bookA2}, ""},
		{"updateTicketReview of A's ticket", updateTicket, map[string]any{"id": s.ticketA, "input": map[string]any{"content": "고쳐 쓴 후기", "rating": 0}}, ""},
		{"deleteTicketReview of A's ticket", deleteTicket, map[string]any{"id": s.ticketA}, ""},
		{"uploadTicketImage of A's ticket", ticketImage, map[string]any{"id": s.ticketA, "file": nil}, "variables.file"},
		// Ids of another type in the place of a book or a ticket.
		{"updateClacoBook by a ticket's id", updateBook, map[string]any{"id": s.ticketA, "input": map[string]any{"title": "뺏은 책"}}, ""},
		{"deleteClacoBook by a concert's id", deleteBook, map[string]any{"id": s.concert}, ""},
		{"deleteTicketReview by a book's id", deleteTicket, map[string]any{"id": s.bookA}, ""},
		{"moveTicketReview into a ticket's id", moveTicket, map[string]any{"id": s.ticketB, "bookId": s.ticketA}, ""},
		{"createTicketReview into a member's id", createTicket, map[string]any{"input": with(valid, "bookId", s.aID)}, ""},
	}
	for _, at := range attacks {
		before := libraryState(t, api)
		var res *apitest.Response
		if at.file != "" {
			res = s.b.UploadFiles(at.query, at.vars, apitest.Image(at.file))
		} else {
			res = s.b.Query(at.query, at.vars)
		}
		refused(t, at.name, res, "", "FORBIDDEN", "NOT_FOUND")
		unchanged(t, api, before, at.name)
	}

	// Spelled out, for the record: A's rows are as A left them.
	if b := api.DB.ClacoBook.GetX(ctx, s.bookA); b.Title != "A의 책" {
		t.Errorf("A's book is titled %q", b.Title)
	}
	if n := api.DB.ClacoBook.Query().Where(clacobook.MemberID(s.aID)).CountX(ctx); n != 2 {
		t.Errorf("A has %d books, want 2", n)
	}
	if r := api.DB.TicketReview.GetX(ctx, s.ticketA); r.BookID != s.bookA || r.Content != "A의 비밀스럽지 않은 후기" {
		t.Errorf("A's ticket: book %d, content %q", r.BookID, r.Content)
	}
	if r := api.DB.TicketReview.GetX(ctx, s.ticketB); r.BookID != s.bookB {
		t.Errorf("B's ticket moved to book %d", r.BookID)
	}
	if n := api.DB.TicketReview.Query().Where(ticketreview.BookID(s.bookA)).CountX(ctx); n != 1 {
		t.Errorf("A's book holds %d tickets, want 1", n)
	}
	if n := len(api.StoredFiles()); n != 2 {
		t.Errorf("%d stored files, want 2: %q", n, api.StoredFiles())
	}
	storedConsistently(t, api)

	// A still may do all of it.
	s.a.Query(moveTicket, map[string]any{"id": s.ticketA, "bookId": s.bookA2}).MustData(t, &struct{}{})
	s.a.Query(updateBook, map[string]any{"id": s.bookA, "input": map[string]any{"title": "고친 책"}}).MustData(t, &struct{}{})
}

func TestAnotherMembersBooksCannotBeRead(t *testing.T) {
	s := newTwoMembers(t)
	api := s.api
	anonymous := api.NewDevice("anonymous")
	secret := []string{"A의 책", "A의 둘째 책", fmt.Sprintf(`"id":"%d"`, s.bookA), fmt.Sprintf(`"id":"%d"`, s.bookA2)}
	leaks := func(who, what string, res *apitest.Response) {
		t.Helper()
		raw, _ := json.Marshal(res)
		for _, s := range secret {
			if strings.Contains(string(raw), s) {
				t.Errorf("%s, %s: the answer shows %q: %s", who, what, s, raw)
			}
		}
	}
	vars := map[string]any{"book": s.bookA, "book2": s.bookA2, "ticket": s.ticketA, "member": s.aID, "concert": s.concert, "bookB": s.bookB}

	for _, d := range []*apitest.Device{s.b, anonymous} {
		who := d.Agent

		// A book by node or nodes is null.
		var node struct{ Node *idOnly }
		res := d.Query(`query($book: ID!) { node(id: $book) { id ... on ClacoBook { title color ticketCount tickets { totalCount edges { node { id } } } } } }`, vars)
		res.MustData(t, &node)
		if node.Node != nil {
			t.Errorf("%s: node(A's book) = %+v", who, node.Node)
		}
		leaks(who, "node", res)

		var nodes struct {
			Nodes []*struct {
				ID       string
				Content  string
				Editable bool
				Book     *idOnly
			}
		}
		res = d.Query(`query($book: ID!, $book2: ID!, $ticket: ID!) { nodes(ids: [$book, $ticket, $book2]) {
			id ... on ClacoBook { title } ... on TicketReview { content editable book { id title } } } }`, vars)
		res.MustData(t, &nodes)
		if len(nodes.Nodes) != 3 || nodes.Nodes[0] != nil || nodes.Nodes[2] != nil || nodes.Nodes[1] == nil {
			t.Errorf("%s: nodes = %+v", who, nodes.Nodes)
		} else if r := nodes.Nodes[1]; r.Content != "A의 비밀스럽지 않은 후기" || r.Editable || r.Book != nil {
			t.Errorf("%s: A's review by nodes: %+v", who, r)
		}
		leaks(who, "nodes", res)

		// The review is public; its book is not, nor may it be edited.
		var review struct {
			TicketReview *struct {
				Content  string
				Editable bool
				Book     *idOnly
				Author   struct{ Nickname string }
			}
		}
		res = d.Query(`query($ticket: ID!) { ticketReview(id: $ticket) { content editable book { id title } author { nickname } } }`, vars)
		res.MustData(t, &review)
		if r := review.TicketReview; r == nil || r.Content != "A의 비밀스럽지 않은 후기" || r.Editable || r.Book != nil || r.Author.Nickname != "에이" {
			t.Errorf("%s: ticketReview(A's) = %+v", who, r)
		}
		leaks(who, "ticketReview", res)

		var concert struct {
			Concert struct {
				ReviewCount int
				Reviews     struct {
					Edges []struct {
						Node struct {
							ID       string
							Content  string
							Editable bool
							Book     *idOnly
						}
					}
				}
			}
		}
		res = d.Query(`query($concert: ID!) { concert(id: $concert) { reviewCount reviews { edges { node { id content editable book { id title } } } } } }`, vars)
		res.MustData(t, &concert)
		if concert.Concert.ReviewCount != 2 || len(concert.Concert.Reviews.Edges) != 2 {
			t.Errorf("%s: concert reviews %+v", who, concert.Concert)
		}
		for _, e := range concert.Concert.Reviews.Edges {
			n := e.Node
			mine := d == s.b && atoi(t, n.ID) == s.ticketB
			if n.Editable != mine || (n.Book != nil) != mine || (mine && atoi(t, n.Book.ID) != s.bookB) {
				t.Errorf("%s: Concert.reviews shows %+v", who, n)
			}
		}
		leaks(who, "Concert.reviews", res)

		// A member's books are theirs only, on every path.
		private := map[string]string{
			"author { clacoBooks }":        `query($ticket: ID!) { ticketReview(id: $ticket) { author { clacoBooks { id title } } } }`,
			"reviews { author { books } }": `query($concert: ID!) { concert(id: $concert) { reviews { edges { node { author { clacoBooks { id title tickets { totalCount } } } } } } } }`,
			"node(member) { clacoBooks }":  `query($member: ID!) { node(id: $member) { ... on Member { clacoBooks { id title } } } }`,
			"nodes(member) { clacoBooks }": `query($member: ID!) { nodes(ids: [$member]) { ... on Member { clacoBooks { id ticketCount } } } }`,
		}
		for what, q := range private {
			res := d.Query(q, vars)
			if len(res.Errors) == 0 {
				t.Errorf("%s, %s: no error: %s", who, what, res.Data)
			}
			for _, e := range res.Errors {
				if c := e.Code(); c != "FORBIDDEN" && c != "UNAUTHENTICATED" {
					t.Errorf("%s, %s: %s", who, what, c)
				}
			}
			leaks(who, what, res)
		}

		// Ids of another type do not reach the book either.
		res = d.Query(`query($book: ID!) { ticketReview(id: $book) { id } concert(id: $book) { id } }`, vars)
		leaks(who, "a book's id as another type's", res)
	}

	// B's own list holds B's book only.
	var me struct{ Me struct{ ClacoBooks []idOnly } }
	s.b.Query(`{ me { clacoBooks { id } } }`, nil).MustData(t, &me)
	if len(me.Me.ClacoBooks) != 1 || atoi(t, me.Me.ClacoBooks[0].ID) != s.bookB {
		t.Errorf("B's clacoBooks: %+v", me.Me.ClacoBooks)
	}
	// A sees their own.
	var own struct {
		TicketReview struct {
			Editable bool
			Book     *struct{ ID, Title string }
		}
	}
	s.a.Query(`query($ticket: ID!) { ticketReview(id: $ticket) { editable book { id title } } }`, vars).MustData(t, &own)
	if !own.TicketReview.Editable || own.TicketReview.Book == nil || own.TicketReview.Book.Title != "A의 책" {
		t.Errorf("A's own review: %+v", own.TicketReview)
	}
}
