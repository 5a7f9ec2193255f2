package graph_test

import (
	"context"
	"testing"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/importer"
)

// BenchmarkBrowse measures the home screen's query over the demo catalogue:
// a page of 20 concerts with keywords, counts and the latest reviews.
//
//	go test ./graph -run '^$' -bench Browse -benchmem
func BenchmarkBrowse(b *testing.B) {
	api := apitest.New(b)
	if _, err := importer.LoadDemo(context.Background(), api.DB.Client, apitest.Now); err != nil {
		b.Fatal(err)
	}
	vars := map[string]any{"first": 20}
	b.ReportAllocs()
	var statements int64
	for b.Loop() {
		statements += api.Statements(func() {
			if res := api.Query(browseEverything, vars); len(res.Errors) > 0 {
				b.Fatal(res.Errors)
			}
		})
	}
	b.ReportMetric(float64(statements)/float64(b.N), "sql/op")
}

// BenchmarkBrowsePage measures the load harness's browse page (cmd/loadtest)
// in process, as a signed-in member: 20 concert cards with keywords and
// likes. Its CPU and allocation per operation are steadier than the
// harness's requests per second on a shared machine.
//
//	go test ./graph -run '^$' -bench BrowsePage -benchmem -count 5
func BenchmarkBrowsePage(b *testing.B) {
	api := apitest.New(b, apitest.WithDevLogin())
	if _, err := importer.LoadDemo(context.Background(), api.DB.Client, apitest.Now); err != nil {
		b.Fatal(err)
	}
	member, _ := api.SignUp("bench@example.com", "벤치")
	const page = `query Browse { concerts(first: 20) { totalCount
    edges { node { id title startDate venue minPrice keywords { score keyword { name } } likeCount likedByMe } }
    pageInfo { endCursor hasNextPage } } }`
	b.ReportAllocs()
	for b.Loop() {
		if res := member.Query(page, nil); len(res.Errors) > 0 {
			b.Fatal(res.Errors)
		}
	}
}

// BenchmarkBookPage measures the load harness's book scenario in process:
// a member's Claco book with its 20 tickets, their concerts, tags and venue
// impressions, read by its owner.
//
//	go test ./graph -run '^$' -bench BookPage -benchmem -count 5
func BenchmarkBookPage(b *testing.B) {
	api := apitest.New(b, apitest.WithDevLogin())
	owner, _ := api.SignUp("owner@example.com", "주인")
	var book struct{ CreateClacoBook struct{ ID string } }
	owner.Query(`mutation { createClacoBook(input: { title: "올해", color: "#DD6339" }) { id } }`, nil).MustData(b, &book)
	for range 20 {
		in := api.TicketInput(api.Concert(apitest.ConcertSpec{}).ID)
		in["bookId"] = book.CreateClacoBook.ID
		owner.Query(`mutation($input: TicketReviewInput!) { createTicketReview(input: $input) { id } }`, map[string]any{"input": in}).MustData(b, &struct{}{})
	}
	const page = `query Book($id: ID!) { node(id: $id) { id ... on ClacoBook {
    title color ticketCount
    tickets(first: 20) { totalCount edges { node {
      id watchDate watchRound seat rating content castings
      concert { id title venue posterUrl } tags { name } placeReviews { name }
    } } } } } }`
	vars := map[string]any{"id": book.CreateClacoBook.ID}
	b.ReportAllocs()
	for b.Loop() {
		if res := owner.Query(page, vars); len(res.Errors) > 0 {
			b.Fatal(res.Errors)
		}
	}
}
