package graph

import (
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestListsInLineFollowTheirSelection: lists of concerts and reviews are
// marshalled in line when what the operation asks of them is announced to
// the loaders (the pages the front end shows), and concurrently when it
// reaches a field whose loads are not (a review author's counts).
func TestListsInLineFollowTheirSelection(t *testing.T) {
	for _, c := range []struct {
		name, query, list string
		waits             bool
	}{
		{"browse page", `{ concerts(first: 20) { edges { node { id title keywords { score keyword { name } } likeCount likedByMe } } } }`, "ConcertEdge", false},
		{"similar concerts", `{ concert(id: 1) { similar(limit: 3) { id title startDate venue } } }`, "Concert", false},
		{"a concert's reviews", `{ concert(id: 1) { reviews(first: 5) { edges { node { rating author { nickname } tags { name } concert { title } } } } } }`, "TicketReviewEdge", false},
		{"recommended tickets", `{ recommendedTickets(limit: 3) { id rating author { nickname } concert { id title } tags { name } } }`, "TicketReview", false},
		{"authors' counts", `{ concert(id: 1) { reviews(first: 5) { edges { node { author { ticketCount } } } } } }`, "TicketReviewEdge", true},
		{"books in reviews", `{ recommendedTickets { book { title } } }`, "TicketReview", false},
		{"a book's tickets in reviews", `{ recommendedTickets { book { tickets(first: 3) { totalCount } } } }`, "TicketReview", true},
	} {
		doc, errs := gqlparser.LoadQuery(parsedSchema, c.query)
		if errs != nil {
			t.Fatalf("%s: %v", c.name, errs)
		}
		sel := listSelection(doc.Operations[0].SelectionSet, c.list)
		if sel == nil {
			t.Fatalf("%s: no list of %s", c.name, c.list)
		}
		if got := listTypes.Waits(c.list, sel); got != c.waits {
			t.Errorf("%s: a list of %s waits: %t, want %t", c.name, c.list, got, c.waits)
		}
	}
}

// listSelection finds the selection of the first field whose type is a
// list of typ.
func listSelection(sel ast.SelectionSet, typ string) ast.SelectionSet {
	for _, s := range sel {
		f, ok := s.(*ast.Field)
		if !ok {
			continue
		}
		if f.Definition.Type.Elem != nil && f.Definition.Type.Elem.Name() == typ {
			return f.SelectionSet
		}
		if found := listSelection(f.SelectionSet, typ); found != nil {
			return found
		}
	}
	return nil
}
