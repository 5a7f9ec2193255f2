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
// it after a minute.
func TestInLineTypesNeverWaitForABatchWindow(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin(), func(d *server.Deps) { d.LoaderWait = time.Hour })
	fan := api.Member("팬")
	concerts := make([]int, 3)
	for i := range concerts {
		c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.6, "lyrical": 0.3}})
		api.Like(fan, c)
		api.Review(fan, c, 4, "좋았어요")
		concerts[i] = c.ID
	}
	api.Reindex()
	device, _ := api.SignUp("viewer@example.com", "관람객")
	const concert = `id title keywords { score keyword { name } } likeCount likedByMe reviewCount averageRating state cast`
	const review = `id rating content editable hidden imageUrls author { nickname } concert { ` + concert + ` } tags { name } placeReviews { name } book { id }`
	var ticket, book string
	steps := []struct {
		name string
		op   func() string
		vars func() map[string]any
		then func(data map[string]any)
	}{
		{name: "browse", op: func() string { return `{ concerts(first: 20) { edges { node { ` + concert + ` } } } }` }},
		{name: "detail", op: func() string {
			return `{ concert(id: "` + fmt.Sprint(concerts[0]) + `") { ` + concert + `
				reviews(first: 5) { totalCount edges { node { ` + review + ` } } }
				similar(limit: 3) { ` + concert + ` } } }`
		}},
		{name: "concert node", op: func() string {
			return `{ node(id: "` + fmt.Sprint(concerts[0]) + `") { ... on Concert { ` + concert + ` } } }`
		}},
		{name: "suggestions", op: func() string { return `{ searchSuggestions(query: "공연", limit: 5) { ` + concert + ` } }` }},
		{name: "like", op: func() string {
			return `mutation { likeConcert(concertId: "` + fmt.Sprint(concerts[0]) + `") { ` + concert + ` } }`
		}},
		{name: "unlike", op: func() string {
			return `mutation { unlikeConcert(concertId: "` + fmt.Sprint(concerts[0]) + `") { ` + concert + ` } }`
		}},
		{name: "recommended tickets", op: func() string { return `{ recommendedTickets(limit: 3) { ` + review + ` } }` }},
		{name: "create a book", op: func() string {
			return `mutation { createClacoBook(input: { title: "올해", color: "#DD6339" }) { id } }`
		},
			then: func(data map[string]any) { book = data["createClacoBook"].(map[string]any)["id"].(string) }},
		{name: "create a ticket", op: func() string {
			return `mutation($input: TicketReviewInput!) { createTicketReview(input: $input) { ` + review + ` } }`
		}, vars: func() map[string]any {
			in := api.TicketInput(concerts[1])
			in["bookId"] = book
			return map[string]any{"input": in}
		}, then: func(data map[string]any) { ticket = data["createTicketReview"].(map[string]any)["id"].(string) }},
		{name: "update a ticket", op: func() string {
			return `mutation { updateTicketReview(id: "` + ticket + `", input: { content: "다시 봐도 좋다" }) { ` + review + ` } }`
		}},
		{name: "a ticket", op: func() string { return `{ ticketReview(id: "` + ticket + `") { ` + review + ` } }` }},
		{name: "review node", op: func() string { return `{ node(id: "` + ticket + `") { ... on TicketReview { ` + review + ` } } }` }},
		{name: "a book's tickets", op: func() string {
			return `{ node(id: "` + book + `") { ... on ClacoBook { tickets(first: 20) { edges { node { ` + review + ` } } } } } }`
		}},
	}
	for _, step := range steps {
		var vars map[string]any
		if step.vars != nil {
			vars = step.vars()
		}
		answered := make(chan *apitest.Response, 1)
		go func() { answered <- device.Query(step.op(), vars) }()
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
