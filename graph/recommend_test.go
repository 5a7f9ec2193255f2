package graph_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apitest"
)

// onboarded signs a device in as a member (keywords grand, modern, lyrical,
// romantic, familiar; regions 서울, 경기) and returns the device and row.
func onboarded(t *testing.T, api *apitest.API, nickname string) (*apitest.Device, *ent.Member) {
	t.Helper()
	d := api.NewDevice(nickname)
	login := d.DevLogin(nickname+"@example.com", "")
	d.Onboard(nickname)
	return d, api.DB.Member.GetX(context.Background(), atoi(t, login.Member.ID))
}

type recommended struct {
	RecommendedConcerts []struct {
		Concert struct{ ID, Title string }
		Score   float64
		Reasons []struct{ Key string }
	}
}

func (r recommended) titles() []string {
	var out []string
	for _, c := range r.RecommendedConcerts {
		out = append(out, c.Concert.Title)
	}
	return out
}

const recommendedQuery = `query($limit: Int) { recommendedConcerts(limit: $limit) { concert { id title } score reasons { key } } }`

func TestLikesThatLeanGrandAndTragicBringSuchConcertsFirst(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := onboarded(t, api, "비극팬")
	for range 4 {
		api.Like(m, api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.9, "tragic": 0.9}}))
	}
	api.Concert(apitest.ConcertSpec{Title: "웅장한 비극", Keywords: map[string]float64{"grand": 0.8, "tragic": 0.9, "classical": 0.4}})
	api.Concert(apitest.ConcertSpec{Title: "섬세한 낭만", Keywords: map[string]float64{"delicate": 0.9, "romantic": 0.9, "lyrical": 0.5}})
	api.Concert(apitest.ConcertSpec{Title: "새로운 현대", Keywords: map[string]float64{"novel": 0.9, "modern": 0.8}})
	api.Reindex()

	var res recommended
	d.Query(recommendedQuery, map[string]any{"limit": 3}).MustData(t, &res)
	got := res.titles()
	if len(got) != 3 || got[0] != "웅장한 비극" {
		t.Fatalf("recommended %q, want 웅장한 비극 first", got)
	}
	keys := []string{}
	for _, r := range res.RecommendedConcerts[0].Reasons {
		keys = append(keys, r.Key)
	}
	if !slices.Contains(keys, "tragic") && !slices.Contains(keys, "grand") {
		t.Fatalf("reasons %q name neither grand nor tragic", keys)
	}
	if res.RecommendedConcerts[0].Score <= res.RecommendedConcerts[2].Score {
		t.Fatalf("scores do not fall: %+v", res.RecommendedConcerts)
	}
}

func TestEndedAndLikedConcertsAreNeverRecommended(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := onboarded(t, api, "거르미")
	grand := map[string]float64{"grand": 1, "modern": 1, "lyrical": 1, "romantic": 1, "familiar": 1}
	ended := api.Concert(apitest.ConcertSpec{Title: "끝난 공연", Start: apitest.Day(-30), End: apitest.Day(-1), Keywords: grand})
	liked := api.Concert(apitest.ConcertSpec{Title: "좋아한 공연", Keywords: grand})
	api.Like(m, liked)
	api.Concert(apitest.ConcertSpec{Title: "남은 공연", Keywords: map[string]float64{"grand": 0.5}})
	api.Reindex()
	var res recommended
	d.Query(recommendedQuery, map[string]any{"limit": 20}).MustData(t, &res)
	if got := res.titles(); slices.Contains(got, ended.Title) || slices.Contains(got, liked.Title) || !slices.Contains(got, "남은 공연") {
		t.Fatalf("recommended %q", got)
	}
	// A like made now counts at once, without a rebuild.
	var after recommended
	d.Query(`mutation($id: ID!) { likeConcert(concertId: $id) { id } }`, map[string]any{"id": atoiOf(res.RecommendedConcerts[0].Concert.ID)}).MustData(t, &struct{}{})
	d.Query(recommendedQuery, map[string]any{"limit": 20}).MustData(t, &after)
	if slices.Contains(after.titles(), res.RecommendedConcerts[0].Concert.Title) {
		t.Fatalf("a concert liked just now is still recommended: %q", after.titles())
	}
}

func TestNewMemberGetsRecommendationsFromOnboardingKeywords(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	api.Concert(apitest.ConcertSpec{Title: "취향 저격", Keywords: map[string]float64{"grand": 0.9, "modern": 0.8, "lyrical": 0.7, "romantic": 0.9, "familiar": 0.8}})
	api.Concert(apitest.ConcertSpec{Title: "정반대", Keywords: map[string]float64{"delicate": 0.9, "classical": 0.8, "dynamic": 0.7, "tragic": 0.9, "novel": 0.8}})
	api.Reindex()
	d, _ := onboarded(t, api, "새내기") // onboarded after the index was built
	var res recommended
	d.Query(recommendedQuery, map[string]any{"limit": 2}).MustData(t, &res)
	if got := res.titles(); len(got) == 0 || got[0] != "취향 저격" {
		t.Fatalf("a new member's recommendations: %q", got)
	}
}

func TestLikeBasedRecommendations(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := onboarded(t, api, "좋아요기반")
	popular := api.Concert(apitest.ConcertSpec{Title: "인기 공연"})
	for _, fan := range []string{"팬하나", "팬둘"} {
		api.Like(api.Member(fan), popular)
	}
	api.Concert(apitest.ConcertSpec{Title: "끝난 인기", Start: apitest.Day(-9), End: apitest.Day(-2)})
	const q = `{ likeBasedRecommendations(limit: 2) { basedOn { title } likedHistory keywords { key } concerts { title } } }`
	type result struct {
		LikeBasedRecommendations struct {
			BasedOn      *struct{ Title string }
			LikedHistory bool
			Keywords     []struct{ Key string }
			Concerts     []struct{ Title string }
		}
	}
	var none result
	d.Query(q, nil).MustData(t, &none)
	got := none.LikeBasedRecommendations
	if got.LikedHistory || got.BasedOn != nil || len(got.Concerts) == 0 || got.Concerts[0].Title != "인기 공연" {
		t.Fatalf("without likes: %+v", got)
	}

	basis := api.Concert(apitest.ConcertSpec{Title: "기준", Keywords: map[string]float64{"grand": 0.9, "tragic": 0.7, "modern": 0.5, "lyrical": 0.2}})
	api.Concert(apitest.ConcertSpec{Title: "닮은꼴", Keywords: map[string]float64{"grand": 0.8, "tragic": 0.8, "modern": 0.4}})
	api.Concert(apitest.ConcertSpec{Title: "끝난 닮은꼴", Start: apitest.Day(-9), End: apitest.Day(-2), Keywords: map[string]float64{"grand": 0.9, "tragic": 0.7, "modern": 0.5}})
	api.Reindex()
	d.Query(`mutation($id: ID!) { likeConcert(concertId: $id) { id } }`, map[string]any{"id": basis.ID}).MustData(t, &struct{}{})
	var liked result
	d.Query(q, nil).MustData(t, &liked)
	got = liked.LikeBasedRecommendations
	keys := []string{}
	for _, k := range got.Keywords {
		keys = append(keys, k.Key)
	}
	if !got.LikedHistory || got.BasedOn == nil || got.BasedOn.Title != "기준" || !slices.Equal(keys, []string{"grand", "tragic", "modern"}) {
		t.Fatalf("with a like: %+v", got)
	}
	if len(got.Concerts) == 0 || got.Concerts[0].Title != "닮은꼴" {
		t.Fatalf("like-based concerts: %+v", got.Concerts)
	}
	for _, c := range got.Concerts {
		if c.Title == "기준" || c.Title == "끝난 닮은꼴" {
			t.Fatalf("like-based concerts include %q", c.Title)
		}
	}
	_ = m
}

func TestSimilarConcertsNeverItselfOrEnded(t *testing.T) {
	api := apitest.New(t)
	base := api.Concert(apitest.ConcertSpec{Title: "원본", Keywords: map[string]float64{"delicate": 0.9, "lyrical": 0.9}})
	api.Concert(apitest.ConcertSpec{Title: "비슷한", Keywords: map[string]float64{"delicate": 0.8, "lyrical": 0.8}})
	api.Concert(apitest.ConcertSpec{Title: "끝난 비슷한", Start: apitest.Day(-9), End: apitest.Day(-2), Keywords: map[string]float64{"delicate": 0.9, "lyrical": 0.9}})
	api.Concert(apitest.ConcertSpec{Title: "다른", Keywords: map[string]float64{"grand": 0.9, "dynamic": 0.9}})
	api.Reindex()
	var res struct {
		Concert struct{ Similar []struct{ Title string } }
	}
	api.Query(`query($id: ID!) { concert(id: $id) { similar(limit: 3) { title } } }`, map[string]any{"id": base.ID}).MustData(t, &res)
	if len(res.Concert.Similar) == 0 || res.Concert.Similar[0].Title != "비슷한" {
		t.Fatalf("similar: %+v", res.Concert.Similar)
	}
	for _, c := range res.Concert.Similar {
		if c.Title == "원본" || c.Title == "끝난 비슷한" {
			t.Fatalf("similar includes %q", c.Title)
		}
	}
	api.Query(`query($id: ID!) { concert(id: $id) { similar(limit: 21) { title } } }`, map[string]any{"id": base.ID}).MustFail(t, "BAD_USER_INPUT", "limit")
}

func TestRecommendedTickets(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := onboarded(t, api, "티켓추천")
	c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.9}})
	const q = `{ recommendedTickets { content editable book { id } author { nickname } } }`
	type result struct {
		RecommendedTickets []struct {
			Content  string
			Editable bool
			Book     *struct{ ID string }
		}
	}
	api.Review(m, c, 5, "내 후기")
	api.Reindex()
	var alone result
	d.Query(q, nil).MustData(t, &alone)
	if alone.RecommendedTickets == nil || len(alone.RecommendedTickets) != 0 {
		t.Fatalf("with nobody similar: %+v, want []", alone.RecommendedTickets)
	}

	twin, _ := onboarded(t, api, "취향쌍둥이") // same onboarding keywords
	_ = twin
	twinRow := api.DB.Member.Query().AllX(context.Background())
	var other *ent.Member
	for _, x := range twinRow {
		if x.Nickname != nil && *x.Nickname == "취향쌍둥이" {
			other = x
		}
	}
	api.Like(other, c)
	api.Like(m, c)
	api.Review(other, c, 4.5, "쌍둥이 후기")
	api.Reindex()
	var res result
	d.Query(q, nil).MustData(t, &res)
	if len(res.RecommendedTickets) != 1 || res.RecommendedTickets[0].Content != "쌍둥이 후기" {
		t.Fatalf("recommended tickets: %+v", res.RecommendedTickets)
	}
	if r := res.RecommendedTickets[0]; r.Book != nil || r.Editable {
		t.Fatalf("another member's ticket shows its book or is editable: %+v", r)
	}
}

func TestConcertImportedByAnotherProcessAppearsAfterAPoll(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := onboarded(t, api, "새공연")
	ctx := context.Background()
	recs := api.Server.Recommendations()
	if _, err := recs.Poll(ctx); err != nil { // the onboarding changed a taste
		t.Fatal(err)
	}
	if rebuilt, err := recs.Poll(ctx); err != nil || rebuilt {
		t.Fatalf("poll with nothing new: rebuilt %v, %v", rebuilt, err)
	}
	// The importer is another process: it writes rows, nothing tells this server.
	api.Concert(apitest.ConcertSpec{Title: "막 들어온 공연", Keywords: map[string]float64{"grand": 0.9, "romantic": 0.9}})
	var before recommended
	d.Query(recommendedQuery, nil).MustData(t, &before)
	if slices.Contains(before.titles(), "막 들어온 공연") {
		t.Fatal("the new concert is recommended before any poll")
	}
	if rebuilt, err := recs.Poll(ctx); err != nil || !rebuilt {
		t.Fatalf("poll after an import: rebuilt %v, %v", rebuilt, err)
	}
	var after recommended
	d.Query(recommendedQuery, nil).MustData(t, &after)
	if !slices.Contains(after.titles(), "막 들어온 공연") {
		t.Fatalf("after a poll: %q", after.titles())
	}
}

func TestRecommendationsLoadInOneBatch(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := onboarded(t, api, "일괄")
	for i := range 30 {
		c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.1 + float64(i%9)/10, "romantic": 0.5}})
		if i < 12 {
			fan := api.Member("팬" + string(rune('가'+i)))
			api.Like(fan, c)
			api.Like(m, c)
			api.Review(fan, c, 4, "후기")
		}
	}
	api.Reindex()
	const q = `query($n: Int) {
	  recommendedConcerts(limit: $n) { score reasons { key } concert { title likeCount likedByMe keywords { score } similar { title likeCount } } }
	  recommendedTickets(limit: $n) { content author { nickname } concert { title } tags { name } }
	}`
	cost := func(n int) int64 {
		return api.Statements(func() {
			var res struct {
				RecommendedConcerts []struct{ Score float64 }
				RecommendedTickets  []struct{ Content string }
			}
			d.Query(q, map[string]any{"n": n}).MustData(t, &res)
			if len(res.RecommendedConcerts) != n || len(res.RecommendedTickets) != n {
				t.Fatalf("asked %d, got %d concerts and %d tickets", n, len(res.RecommendedConcerts), len(res.RecommendedTickets))
			}
		})
	}
	cost(10) // warm what the first requests fill (the session check, likes kept for a moment)
	cost(2)
	small, large := cost(2), cost(10)
	t.Logf("recommendations with nested fields: %d statements for 2, %d for 10", small, large)
	// What was kept for the first request can spare the second a statement
	// either way; what must not happen is SQL growing with the limit.
	if large > small {
		t.Fatalf("SQL grows with the limit: %d then %d", small, large)
	}
}

func atoiOf(s string) string { return s }

// A member who changes their keywords gets recommendations from the new
// ones on their next request, though their taste was just read (and kept).
func TestChangedPreferencesChangeRecommendationsAtOnce(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	api.Concert(apitest.ConcertSpec{Title: "취향 저격", Keywords: map[string]float64{"grand": 0.9, "modern": 0.8, "lyrical": 0.7, "romantic": 0.9, "familiar": 0.8}})
	api.Concert(apitest.ConcertSpec{Title: "정반대", Keywords: map[string]float64{"delicate": 0.9, "classical": 0.8, "dynamic": 0.7, "tragic": 0.9, "novel": 0.8}})
	api.Reindex()
	d, _ := onboarded(t, api, "변덕")
	first := func() string {
		var res recommended
		d.Query(recommendedQuery, map[string]any{"limit": 1}).MustData(t, &res)
		if got := res.titles(); len(got) == 1 {
			return got[0]
		}
		return ""
	}
	if got := first(); got != "취향 저격" {
		t.Fatalf("from the onboarding keywords: %q", got)
	}
	d.Query(`mutation($input: PreferenceInput!) { updatePreference(input: $input) { minPrice } }`, map[string]any{"input": map[string]any{
		"keywords": []string{"delicate", "classical", "dynamic", "tragic", "novel"},
	}}).MustData(t, &struct{}{})
	if got := first(); got != "정반대" {
		t.Fatalf("after the member changed their keywords: %q", got)
	}
}

// recommendedTickets reads only the reviews it shows; a best review hidden
// by another instance since it was picked (this one keeps the picks for a
// moment) is passed over for the next like-minded member's.
func TestRecommendedTicketsReadOnlyWhatTheyShow(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.9}})
	for i := range 6 {
		_, fan := onboarded(t, api, fmt.Sprintf("팬%d", i)) // same onboarding keywords as the reader
		api.Review(fan, c, 5, fmt.Sprintf("후기 %d", i))
	}
	reader, _ := onboarded(t, api, "독자")
	api.Reindex()
	const q = `{ recommendedTickets(limit: 2) { id content } }`
	shown := func() []string {
		t.Helper()
		var res struct {
			RecommendedTickets []struct{ ID, Content string }
		}
		reader.Query(q, nil).MustData(t, &res)
		var out []string
		for _, r := range res.RecommendedTickets {
			out = append(out, r.ID)
		}
		return out
	}
	var mu sync.Mutex
	var widest int // the most reviews one statement read by id
	api.DB.ObserveStatements(func(_ context.Context, query string) {
		if _, list, ok := strings.Cut(query, "`ticket_reviews`.`id` IN ("); ok {
			list, _, _ = strings.Cut(list, ")")
			mu.Lock()
			widest = max(widest, strings.Count(list, "?"))
			mu.Unlock()
		}
	})
	defer api.DB.ObserveStatements(nil)
	first := shown()
	if len(first) != 2 {
		t.Fatalf("recommended %v, want 2 reviews", first)
	}
	if widest != 2 {
		t.Fatalf("a statement read %d reviews by id to show 2", widest)
	}
	// Another instance hides the first one: this one's picks do not know.
	if _, err := api.DB.SQL.ExecContext(context.Background(),
		`UPDATE ticket_reviews SET hidden_at = updated_at WHERE id = ?`, atoi(t, first[0])); err != nil {
		t.Fatal(err)
	}
	second := shown()
	if len(second) != 2 || slices.Contains(second, first[0]) || second[0] != first[1] {
		t.Fatalf("after %s was hidden: %v, want %s and the next member's", first[0], second, first[1])
	}
}
