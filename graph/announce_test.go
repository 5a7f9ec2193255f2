package graph_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/server"
)

// TestInLineTypesNeverWaitForABatchWindow: the fields of a concert and of
// a ticket review are resolved one after another (internal/graphgen), so
// every resolver that hands them out must announce them to the loaders;
// one that is not announced makes each loaded field wait for a batch
// window. Here the window is an hour, so an operation whose rows are all
// announced answers at once and any other never does; the test gives up on
// it after a minute. Each step is an operation of the front end or the
// admin console that returns concerts or reviews.
func TestInLineTypesNeverWaitForABatchWindow(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin(), func(d *server.Deps) { d.LoaderWait = time.Hour })
	fan := api.Member("팬")
	concerts := make([]string, 3)
	for i := range concerts {
		c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.6, "lyrical": 0.3}})
		api.Like(fan, c)
		api.Review(fan, c, 4, "좋았어요")
		concerts[i] = fmt.Sprint(c.ID)
	}
	api.Reindex()
	member, _ := api.SignUp("viewer@example.com", "관람객")
	admin := caller(t, api, "ADMIN")
	const concert = `id title keywords { score keyword { name } } likeCount likedByMe reviewCount averageRating state cast`
	const review = `id rating content editable hidden imageUrls author { nickname } concert { ` + concert + ` } tags { name } placeReviews { name } book { id }`
	var ticket, book, otherBook, collection string
	created := func(field string, into *string) func(map[string]any) {
		return func(data map[string]any) { *into = data[field].(map[string]any)["id"].(string) }
	}
	steps := []struct {
		name string
		as   *apitest.Device
		op   func() string
		vars func() map[string]any
		then func(data map[string]any)
	}{
		{name: "browse", op: func() string { return `{ concerts(first: 20) { edges { node { ` + concert + ` } } } }` }},
		{name: "detail", op: func() string {
			return `{ concert(id: "` + concerts[0] + `") { ` + concert + `
				reviews(first: 5) { totalCount edges { node { ` + review + ` } } }
				similar(limit: 3) { ` + concert + ` } } }`
		}},
		{name: "concert node", op: func() string { return `{ node(id: "` + concerts[0] + `") { ... on Concert { ` + concert + ` } } }` }},
		{name: "suggestions", op: func() string { return `{ searchSuggestions(query: "공연", limit: 5) { ` + concert + ` } }` }},
		{name: "like", op: func() string { return `mutation { likeConcert(concertId: "` + concerts[0] + `") { ` + concert + ` } }` }},
		{name: "like-based recommendations", op: func() string {
			return `{ likeBasedRecommendations(limit: 2) { basedOn { ` + concert + ` } keywords { name } concerts { ` + concert + ` } } }`
		}},
		{name: "recommended concerts", op: func() string { return `{ recommendedConcerts(limit: 5) { score concert { ` + concert + ` } } }` }},
		{name: "liked concerts", op: func() string { return `{ me { likedConcerts(first: 10) { edges { node { ` + concert + ` } } } } }` }},
		{name: "unlike", op: func() string {
			return `mutation { unlikeConcert(concertId: "` + concerts[0] + `") { ` + concert + ` } }`
		}},
		{name: "recommended tickets", op: func() string { return `{ recommendedTickets(limit: 3) { ` + review + ` } }` }},
		{name: "create a book", then: created("createClacoBook", &book),
			op: func() string {
				return `mutation { createClacoBook(input: { title: "올해", color: "#DD6339" }) { id } }`
			}},
		{name: "create a ticket", then: created("createTicketReview", &ticket),
			op: func() string {
				return `mutation($input: TicketReviewInput!) { createTicketReview(input: $input) { ` + review + ` } }`
			},
			vars: func() map[string]any {
				in := api.TicketInput(atoi(t, concerts[1]))
				in["bookId"] = book
				return map[string]any{"input": in}
			}},
		{name: "update a ticket", op: func() string {
			return `mutation { updateTicketReview(id: "` + ticket + `", input: { content: "다시 봐도 좋다" }) { ` + review + ` } }`
		}},
		{name: "a ticket", op: func() string { return `{ ticketReview(id: "` + ticket + `") { ` + review + ` } }` }},
		{name: "review node", op: func() string { return `{ node(id: "` + ticket + `") { ... on TicketReview { ` + review + ` } } }` }},
		{name: "a book's tickets", op: func() string {
			return `{ node(id: "` + book + `") { ... on ClacoBook { tickets(first: 20) { edges { node { ` + review + ` } } } } } }`
		}},
		{name: "create another book", then: created("createClacoBook", &otherBook),
			op: func() string {
				return `mutation { createClacoBook(input: { title: "작년", color: "#DD6339" }) { id } }`
			}},
		{name: "move a ticket", op: func() string {
			return `mutation { moveTicketReview(id: "` + ticket + `", bookId: "` + otherBook + `") { ` + review + ` } }`
		}},
		{name: "hide a review", as: admin, op: func() string {
			return `mutation { hideTicketReview(id: "` + ticket + `", reason: "광고") { ` + review + ` } }`
		}},
		{name: "unhide a review", as: admin, op: func() string { return `mutation { unhideTicketReview(id: "` + ticket + `") { ` + review + ` } }` }},
		{name: "set keywords", as: admin, op: func() string {
			return `mutation { setConcertKeywords(concertId: "` + concerts[2] + `", keywords: [{ key: "grand", score: 0.8 }, { key: "classical", score: 0.5 }, { key: "lyrical", score: 0.4 }, { key: "romantic", score: 0.3 }, { key: "familiar", score: 0.2 }]) { ` + concert + ` } }`
		}},
		{name: "clear keywords", as: admin, op: func() string {
			return `mutation { clearConcertKeywords(concertId: "` + concerts[2] + `") { ` + concert + ` } }`
		}},
		{name: "create a collection", as: admin, then: created("createCollection", &collection),
			op: func() string {
				return `mutation { createCollection(input: { title: "봄", concertIds: ["` + concerts[1] + `", "` + concerts[0] + `"] }) { id concerts { ` + concert + ` } } }`
			}},
		{name: "collection node", op: func() string {
			return `{ node(id: "` + collection + `") { ... on Collection { concerts { ` + concert + ` } } } }`
		}},
		{name: "collections", op: func() string { return `{ collections(first: 5) { edges { node { concerts { ` + concert + ` } } } } }` }},
	}
	for _, step := range steps {
		as := member
		if step.as != nil {
			as = step.as
		}
		var vars map[string]any
		if step.vars != nil {
			vars = step.vars()
		}
		answered := make(chan *apitest.Response, 1)
		go func() { answered <- as.Query(step.op(), vars) }()
		select {
		case res := <-answered:
			if len(res.Errors) > 0 {
				t.Fatalf("%s: %v", step.name, res.Errors)
			}
			if step.then != nil {
				var data map[string]any
				res.MustData(t, &data)
				step.then(data)
			}
		case <-time.After(time.Minute):
			t.Fatalf("%s did not answer: a field waited for a batch window", step.name)
		}
	}
}
