package graph_test

import (
	"slices"
	"testing"

	"github.com/claco/claco/internal/apitest"
)

func suggestions(t *testing.T, api *apitest.API, query string, limit int) []string {
	t.Helper()
	var res struct{ SearchSuggestions []struct{ Title string } }
	api.Query(`query($q: String!, $n: Int) { searchSuggestions(query: $q, limit: $n) { title } }`,
		map[string]any{"q": query, "n": limit}).MustData(t, &res)
	var titles []string
	for _, c := range res.SearchSuggestions {
		titles = append(titles, c.Title)
	}
	return titles
}

func TestSearchSuggestionsBestMatchFirst(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "피아노 독주회", Venue: "쇼팽홀", Start: apitest.Day(1)})
	api.Concert(apitest.ConcertSpec{Title: "봄의 소리", Cast: "쇼팽 앙상블", Start: apitest.Day(2)})
	api.Concert(apitest.ConcertSpec{Title: "낭만의 밤: 쇼팽", Start: apitest.Day(3)})
	api.Concert(apitest.ConcertSpec{Title: "쇼팽 협주곡", Start: apitest.Day(9)})
	api.Concert(apitest.ConcertSpec{Title: "쇼팽 발라드", Start: apitest.Day(4)})
	api.Concert(apitest.ConcertSpec{Title: "쇼팽 지난 공연", Start: apitest.Day(-9), End: apitest.Day(-1)})

	got := suggestions(t, api, "쇼팽", 10)
	want := []string{"쇼팽 발라드", "쇼팽 협주곡", "낭만의 밤: 쇼팽", "봄의 소리", "피아노 독주회"}
	if !slices.Equal(got, want) {
		t.Fatalf("suggestions %q, want %q", got, want)
	}
	if got := suggestions(t, api, "쇼팽", 2); !slices.Equal(got, want[:2]) {
		t.Fatalf("limit 2: %q", got)
	}
	if got := suggestions(t, api, "없는 말", 10); len(got) != 0 {
		t.Fatalf("no match gave %q", got)
	}
	api.Query(`{ searchSuggestions(query: "쇼팽", limit: 21) { title } }`, nil).MustFail(t, "BAD_USER_INPUT", "limit")
	api.Query(`{ searchSuggestions(query: "쇼팽", limit: 0) { title } }`, nil).MustFail(t, "BAD_USER_INPUT", "limit")
}
