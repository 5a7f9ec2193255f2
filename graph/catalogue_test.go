package graph_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/claco/claco/internal/apitest"
)

func ptr[T any](v T) *T { return &v }

type concertsPage struct {
	Concerts concertConnection
}

type concertConnection struct {
	TotalCount int
	Edges      []struct {
		Cursor string
		Node   concertNode
	}
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
}

type concertNode struct {
	ID, KopisID, Title, State, Area string
	StartDate, EndDate              string
	MinPrice, MaxPrice              *int
	IsFree                          bool
	LikeCount, ReviewCount          int
	AverageRating                   *float64
	Keywords                        []struct {
		Score   float64
		Keyword struct{ Key string }
	}
}

const browse = `query($first: Int, $after: Cursor, $last: Int, $before: Cursor, $filter: ConcertFilter, $orderBy: ConcertOrder) {
  concerts(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id kopisId title state area startDate endDate minPrice maxPrice isFree likeCount reviewCount averageRating keywords { score keyword { key } } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`

// browsePage runs the browse query and fails on errors.
func browsePage(t *testing.T, api *apitest.API, vars map[string]any) concertsPage {
	t.Helper()
	var page concertsPage
	api.Query(browse, vars).MustData(t, &page)
	return page
}

// titles returns the titles of the page, in order.
func (p concertsPage) titles() []string { return p.Concerts.titles() }

func (c concertConnection) titles() []string {
	titles := make([]string, len(c.Edges))
	for i, e := range c.Edges {
		titles[i] = e.Node.Title
	}
	return titles
}

// filtered returns the titles the filter keeps (sorted), checking that
// totalCount agrees and that no concert appears twice.
func filtered(t *testing.T, api *apitest.API, filter map[string]any) []string {
	t.Helper()
	page := browsePage(t, api, map[string]any{"first": 100, "filter": filter})
	titles := page.titles()
	if page.Concerts.TotalCount != len(titles) {
		t.Fatalf("totalCount %d, but %d edges", page.Concerts.TotalCount, len(titles))
	}
	slices.Sort(titles)
	if len(slices.Compact(slices.Clone(titles))) != len(titles) {
		t.Fatalf("a concert appears twice: %v", titles)
	}
	return titles
}

func assertTitles(t *testing.T, got []string, want ...string) {
	t.Helper()
	slices.Sort(want)
	if want == nil {
		want = []string{}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestConcertFieldsForAnonymousCallers(t *testing.T) {
	api := apitest.New(t)
	c := api.Concert(apitest.ConcertSpec{
		Title: "말러 교향곡 제2번", Start: apitest.Day(-1), End: apitest.Day(1), Cast: "윤지우, 임주원 등",
		MinPrice: ptr(30000), MaxPrice: ptr(120000),
		Keywords: map[string]float64{"grand": 0.9, "classical": 0.4, "novel": 0},
	})
	m := api.Member("관객")
	api.Like(m, c)
	api.Review(m, c, 4.5, "좋았어요")
	api.Review(api.Member("관객둘"), c, 3.5, "괜찮았어요")

	var res struct {
		Concert struct {
			concertNode
			Cast      []string
			LikedByMe bool
		}
	}
	api.Query(`query($id: ID!) { concert(id: $id) {
		id kopisId title state cast likedByMe minPrice maxPrice isFree likeCount reviewCount averageRating
		keywords { score keyword { key } } } }`, map[string]any{"id": c.ID}).MustData(t, &res)
	got := res.Concert
	if got.State != "ONGOING" || got.KopisID != c.KopisID || got.LikeCount != 1 || got.ReviewCount != 2 || got.LikedByMe {
		t.Fatalf("concert fields: %+v", got)
	}
	if got.AverageRating == nil || *got.AverageRating != 4 {
		t.Fatalf("averageRating %v, want 4", got.AverageRating)
	}
	if !slices.Equal(got.Cast, []string{"윤지우", "임주원"}) {
		t.Fatalf("cast %q", got.Cast)
	}
	if len(got.Keywords) != 2 || got.Keywords[0].Keyword.Key != "grand" || got.Keywords[1].Keyword.Key != "classical" {
		t.Fatalf("keywords must be the non-zero ones, highest first: %+v", got.Keywords)
	}
}

func TestConcertStateIsDerivedFromToday(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "지난", Start: apitest.Day(-10), End: apitest.Day(-1)})
	api.Concert(apitest.ConcertSpec{Title: "오늘 끝", Start: apitest.Day(-3), End: apitest.Day(0)})
	api.Concert(apitest.ConcertSpec{Title: "오늘 시작", Start: apitest.Day(0), End: apitest.Day(3)})
	api.Concert(apitest.ConcertSpec{Title: "내일", Start: apitest.Day(1), End: apitest.Day(1)})
	page := browsePage(t, api, map[string]any{"filter": map[string]any{"includeEnded": true}})
	states := map[string]string{}
	for _, e := range page.Concerts.Edges {
		states[e.Node.Title] = e.Node.State
	}
	want := map[string]string{"지난": "ENDED", "오늘 끝": "ONGOING", "오늘 시작": "ONGOING", "내일": "UPCOMING"}
	for title, state := range want {
		if states[title] != state {
			t.Errorf("%s: state %q, want %q", title, states[title], state)
		}
	}
}

func TestUnknownConcertIsNull(t *testing.T) {
	api := apitest.New(t)
	m := api.Member("관객")
	for _, id := range []any{999999, m.ID} {
		var res struct{ Concert *concertNode }
		api.Query(`query($id: ID!) { concert(id: $id) { id } }`, map[string]any{"id": id}).MustData(t, &res)
		if res.Concert != nil {
			t.Fatalf("concert(id: %v) = %+v, want null", id, res.Concert)
		}
	}
	api.Query(`{ concert(id: "not-an-id") { id } }`, nil).MustFail(t, "BAD_USER_INPUT", "id")
}

func TestReferenceData(t *testing.T) {
	api := apitest.New(t)
	var res struct {
		Keywords []struct {
			Key, Name string
			Pair      int
		}
		TagCategories []struct {
			Name    string
			Keyword struct{ Key string }
		}
		PlaceCategories []struct {
			Name, Pair string
			Positive   bool
		}
		Regions []struct {
			Label string
			Areas []string
		}
	}
	api.Query(`{ keywords { key name pair } tagCategories { name keyword { key } }
		placeCategories { name pair positive } regions { label areas } }`, nil).MustData(t, &res)
	if len(res.Keywords) != 10 || res.Keywords[0].Key != "grand" || res.Keywords[9].Key != "novel" || res.Keywords[9].Pair != 5 {
		t.Fatalf("keywords: %+v", res.Keywords)
	}
	if len(res.TagCategories) != 10 || res.TagCategories[1].Name != "섬세한" || res.TagCategories[1].Keyword.Key != "delicate" {
		t.Fatalf("tag categories: %+v", res.TagCategories)
	}
	if len(res.PlaceCategories) != 10 || res.PlaceCategories[0].Pair != "sound" || !res.PlaceCategories[0].Positive || res.PlaceCategories[1].Positive {
		t.Fatalf("place categories: %+v", res.PlaceCategories)
	}
	if len(res.Regions) != 8 || res.Regions[3].Label != "강원" || len(res.Regions[3].Areas) != 2 {
		t.Fatalf("regions: %+v", res.Regions)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
