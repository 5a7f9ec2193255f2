package graph_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/server"
)

// TestConcertFieldsNeverWaitForABatchWindow: a concert's fields are
// resolved one after another (internal/graphgen), so every resolver that
// hands out concerts must announce them to the loaders; a concert that is
// not announced makes each loaded field wait for a batch window. Here the
// window is an hour, so an announced operation answers at once and one
// that is not never does; the test gives up on it after a minute.
func TestConcertFieldsNeverWaitForABatchWindow(t *testing.T) {
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
	const card = `id title keywords { score keyword { name } } likeCount likedByMe reviewCount averageRating state cast`
	id := fmt.Sprint(concerts[0])
	for name, op := range map[string]string{
		"browse": `{ concerts(first: 20) { edges { node { ` + card + ` } } } }`,
		"detail": `{ concert(id: "` + id + `") { ` + card + `
			reviews(first: 5) { totalCount edges { node { rating author { nickname } concert { ` + card + ` } } } }
			similar(limit: 3) { ` + card + ` } } }`,
		"node":        `{ node(id: "` + id + `") { ... on Concert { ` + card + ` } } }`,
		"suggestions": `{ searchSuggestions(query: "공연", limit: 5) { ` + card + ` } }`,
		"like":        `mutation { likeConcert(concertId: "` + id + `") { ` + card + ` } }`,
		"unlike":      `mutation { unlikeConcert(concertId: "` + id + `") { ` + card + ` } }`,
	} {
		t.Run(name, func(t *testing.T) {
			answered := make(chan *apitest.Response, 1)
			go func() { answered <- device.Query(op, nil) }()
			select {
			case res := <-answered:
				if len(res.Errors) > 0 {
					t.Fatalf("%s: %v", name, res.Errors)
				}
			case <-time.After(time.Minute):
				t.Fatalf("%s did not answer: a concert's field waited for a batch window", name)
			}
		})
	}
}
