package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apitest"
)

func TestDefaultOrderIsStartDateThenID(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "c", Start: apitest.Day(3)})
	api.Concert(apitest.ConcertSpec{Title: "a", Start: apitest.Day(1)})
	api.Concert(apitest.ConcertSpec{Title: "b2", Start: apitest.Day(2)})
	api.Concert(apitest.ConcertSpec{Title: "b1", Start: apitest.Day(2)})
	got := browsePage(t, api, nil).titles()
	if want := []string{"a", "b2", "b1", "c"}; !slices.Equal(got, want) {
		t.Fatalf("default order %q, want %q", got, want)
	}
}

func TestOrderByEveryField(t *testing.T) {
	api := apitest.New(t)
	early := api.Concert(apitest.ConcertSpec{Title: "나", Start: apitest.Day(1), End: apitest.Day(30)})
	mid := api.Concert(apitest.ConcertSpec{Title: "가", Start: apitest.Day(2), End: apitest.Day(3)})
	late := api.Concert(apitest.ConcertSpec{Title: "다", Start: apitest.Day(5), End: apitest.Day(6)})
	fans := []string{"하나", "둘", "셋"}
	for i, name := range fans {
		m := api.Member(name)
		api.Like(m, mid)
		if i > 0 {
			api.Like(m, late)
			api.Review(m, early, 4, "좋아요")
		}
	}
	// A withdrawn like must not count.
	gone := api.Like(api.Member("탈퇴"), early)
	api.DB.ConcertLike.DeleteOne(gone).ExecX(context.Background())

	cases := []struct {
		field, direction string
		want             []string
	}{
		{"START_DATE", "ASC", []string{"나", "가", "다"}},
		{"START_DATE", "DESC", []string{"다", "가", "나"}},
		{"END_DATE", "ASC", []string{"가", "다", "나"}},
		{"TITLE", "ASC", []string{"가", "나", "다"}},
		{"TITLE", "DESC", []string{"다", "나", "가"}},
		{"LIKE_COUNT", "DESC", []string{"가", "다", "나"}},
		{"LIKE_COUNT", "ASC", []string{"나", "다", "가"}},
		{"REVIEW_COUNT", "DESC", []string{"나", "다", "가"}},
	}
	for _, c := range cases {
		order := map[string]any{"field": c.field, "direction": c.direction}
		got := browsePage(t, api, map[string]any{"orderBy": order}).titles()
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %s: %q, want %q", c.field, c.direction, got, c.want)
		}
	}
}

// walk pages through the whole catalogue forward with first/after and
// backward with last/before, and returns both lists of titles.
func walk(t *testing.T, api *apitest.API, order map[string]any, size int) (forward, backward []string) {
	t.Helper()
	vars := map[string]any{"first": size, "orderBy": order}
	for {
		page := browsePage(t, api, vars)
		forward = append(forward, page.titles()...)
		if !page.Concerts.PageInfo.HasNextPage {
			break
		}
		vars["after"] = *page.Concerts.PageInfo.EndCursor
	}
	vars = map[string]any{"last": size, "orderBy": order}
	for {
		page := browsePage(t, api, vars)
		backward = append(page.titles(), backward...)
		if !page.Concerts.PageInfo.HasPreviousPage {
			break
		}
		vars["before"] = *page.Concerts.PageInfo.StartCursor
	}
	return forward, backward
}

func TestPagingVisitsEveryConcertOnceInEveryOrder(t *testing.T) {
	api := apitest.New(t)
	fans := []*ent.Member{api.Member("m1"), api.Member("m2"), api.Member("m3")}
	var all []string
	for i := range 23 {
		// Many ties in every order, so the id tie-breaker is exercised.
		c := api.Concert(apitest.ConcertSpec{Start: apitest.Day(i % 4), End: apitest.Day(10 + i%3)})
		all = append(all, c.Title)
		for _, m := range fans[:i%4] {
			api.Like(m, c)
		}
	}
	slices.Sort(all)
	for _, field := range []string{"START_DATE", "END_DATE", "TITLE", "LIKE_COUNT", "REVIEW_COUNT"} {
		for _, dir := range []string{"ASC", "DESC"} {
			order := map[string]any{"field": field, "direction": dir}
			whole := browsePage(t, api, map[string]any{"first": 100, "orderBy": order}).titles()
			forward, backward := walk(t, api, order, 5)
			if !slices.Equal(forward, whole) || !slices.Equal(backward, whole) {
				t.Fatalf("%s %s: pages forward %q, backward %q, in one page %q", field, dir, forward, backward, whole)
			}
			sorted := slices.Clone(whole)
			slices.Sort(sorted)
			if !slices.Equal(sorted, all) {
				t.Fatalf("%s %s: pages do not hold every concert once: %q", field, dir, whole)
			}
		}
	}
}

func TestPageArguments(t *testing.T) {
	api := apitest.New(t)
	for range 25 {
		api.Concert(apitest.ConcertSpec{})
	}
	page := browsePage(t, api, nil)
	if len(page.Concerts.Edges) != 20 || !page.Concerts.PageInfo.HasNextPage || page.Concerts.TotalCount != 25 {
		t.Fatalf("default page: %d edges, hasNextPage %v, total %d", len(page.Concerts.Edges), page.Concerts.PageInfo.HasNextPage, page.Concerts.TotalCount)
	}
	if n := len(browsePage(t, api, map[string]any{"first": 100}).Concerts.Edges); n != 25 {
		t.Fatalf("first: 100 gave %d", n)
	}
	api.Query(browse, map[string]any{"first": 101}).MustFail(t, "BAD_USER_INPUT", "first")
	api.Query(browse, map[string]any{"last": 101}).MustFail(t, "BAD_USER_INPUT", "last")
	api.Query(browse, map[string]any{"first": -1}).MustFail(t, "BAD_USER_INPUT", "first")
	api.Query(browse, map[string]any{"after": "garbage!"}).MustFail(t, "BAD_USER_INPUT", "after")

	// A cursor made for one order does not fit another.
	byTitle := browsePage(t, api, map[string]any{"first": 2, "orderBy": map[string]any{"field": "TITLE", "direction": "ASC"}})
	api.Query(browse, map[string]any{"after": *byTitle.Concerts.PageInfo.EndCursor}).MustFail(t, "BAD_USER_INPUT", "after")
}
