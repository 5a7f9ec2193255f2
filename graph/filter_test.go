package graph_test

import (
	"testing"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/apitest"
)

func TestFilterQueryMatchesTitleCastOrVenueIgnoringCase(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "Mahler Symphony No.2"})
	api.Concert(apitest.ConcertSpec{Title: "가곡의 밤", Cast: "조수미, MAHLER Ensemble"})
	api.Concert(apitest.ConcertSpec{Title: "피아노 리사이틀", Venue: "Mahler Hall"})
	api.Concert(apitest.ConcertSpec{Title: "100% 바흐"})
	api.Concert(apitest.ConcertSpec{Title: "1000 바흐"})

	assertTitles(t, filtered(t, api, map[string]any{"query": "mahler"}),
		"Mahler Symphony No.2", "가곡의 밤", "피아노 리사이틀")
	assertTitles(t, filtered(t, api, map[string]any{"query": "  MAHLER hall "}), "피아노 리사이틀")
	// LIKE wildcards in the text are taken literally.
	assertTitles(t, filtered(t, api, map[string]any{"query": "100%"}), "100% 바흐")
	assertTitles(t, filtered(t, api, map[string]any{"query": "_"}))
}

func TestFilterGenres(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "교향곡", Genre: concert.GenreCLASSICAL})
	api.Concert(apitest.ConcertSpec{Title: "발레", Genre: concert.GenreDANCE})
	assertTitles(t, filtered(t, api, map[string]any{"genres": []string{"DANCE"}}), "발레")
	assertTitles(t, filtered(t, api, map[string]any{"genres": []string{"DANCE", "CLASSICAL"}}), "교향곡", "발레")
	api.Query(browse, map[string]any{"filter": map[string]any{"genres": []string{"MUSICAL"}}}).MustFail(t, "BAD_USER_INPUT", "filter.genres")
}

func TestFilterRegionsExpandToAllTheirAreas(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "춘천", Area: "강원도"})
	api.Concert(apitest.ConcertSpec{Title: "강릉", Area: "강원특별자치도"})
	api.Concert(apitest.ConcertSpec{Title: "서울", Area: "서울특별시"})
	api.Concert(apitest.ConcertSpec{Title: "대전", Area: "대전광역시"})

	assertTitles(t, filtered(t, api, map[string]any{"regions": []string{"강원"}}), "강릉", "춘천")
	assertTitles(t, filtered(t, api, map[string]any{"regions": []string{"강원", "충청"}}), "강릉", "대전", "춘천")
	assertTitles(t, filtered(t, api, map[string]any{"areas": []string{"강원도"}}), "춘천")
	// Regions and areas combine with AND like every other field.
	assertTitles(t, filtered(t, api, map[string]any{"regions": []string{"강원"}, "areas": []string{"서울특별시"}}))
	api.Query(browse, map[string]any{"filter": map[string]any{"regions": []string{"평양"}}}).MustFail(t, "BAD_USER_INPUT", "filter.regions")
}

func TestFilterDateWindowKeepsOverlappingRuns(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "before", Start: apitest.Day(1), End: apitest.Day(9)})
	api.Concert(apitest.ConcertSpec{Title: "ends on first day", Start: apitest.Day(1), End: apitest.Day(10)})
	api.Concert(apitest.ConcertSpec{Title: "inside", Start: apitest.Day(12), End: apitest.Day(13)})
	api.Concert(apitest.ConcertSpec{Title: "spans", Start: apitest.Day(5), End: apitest.Day(30)})
	api.Concert(apitest.ConcertSpec{Title: "starts on last day", Start: apitest.Day(20), End: apitest.Day(25)})
	api.Concert(apitest.ConcertSpec{Title: "after", Start: apitest.Day(21), End: apitest.Day(22)})

	window := map[string]any{"from": apitest.Day(10).Format("2006-01-02"), "to": apitest.Day(20).Format("2006-01-02")}
	assertTitles(t, filtered(t, api, window), "ends on first day", "inside", "spans", "starts on last day")
	assertTitles(t, filtered(t, api, map[string]any{"from": apitest.Day(21).Format("2006-01-02")}), "after", "spans", "starts on last day")

	api.Query(browse, map[string]any{"filter": map[string]any{"from": "2027-02-10", "to": "2027-02-01"}}).MustFail(t, "BAD_USER_INPUT", "filter.to")
	api.Query(browse, map[string]any{"filter": map[string]any{"from": "2027/02/10"}}).MustFail(t, "BAD_USER_INPUT", "filter.from")
}

func TestFilterKeywordsAnyOrAll(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "grand", Keywords: map[string]float64{"grand": 0.8, "classical": 0.0}})
	api.Concert(apitest.ConcertSpec{Title: "grand classical", Keywords: map[string]float64{"grand": 0.5, "classical": 0.7}})
	api.Concert(apitest.ConcertSpec{Title: "classical", Keywords: map[string]float64{"classical": 0.3}})
	api.Concert(apitest.ConcertSpec{Title: "none"})

	both := []string{"grand", "classical"}
	assertTitles(t, filtered(t, api, map[string]any{"keywords": both}), "classical", "grand", "grand classical")
	assertTitles(t, filtered(t, api, map[string]any{"keywords": both, "keywordMatch": "ANY"}), "classical", "grand", "grand classical")
	assertTitles(t, filtered(t, api, map[string]any{"keywords": both, "keywordMatch": "ALL"}), "grand classical")
	// A score of zero is not a match.
	assertTitles(t, filtered(t, api, map[string]any{"keywords": []string{"classical"}, "keywordMatch": "ALL"}), "classical", "grand classical")
	api.Query(browse, map[string]any{"filter": map[string]any{"keywords": []string{"loud"}}}).MustFail(t, "BAD_USER_INPUT", "filter.keywords")
}

func TestFilterPriceRangesOverlapAndFreeIsZero(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "free", Free: true, MinPrice: ptr(0), MaxPrice: ptr(0)})
	api.Concert(apitest.ConcertSpec{Title: "cheap", MinPrice: ptr(10000), MaxPrice: ptr(20000)})
	api.Concert(apitest.ConcertSpec{Title: "wide", MinPrice: ptr(30000), MaxPrice: ptr(150000)})
	api.Concert(apitest.ConcertSpec{Title: "dear", MinPrice: ptr(200000), MaxPrice: ptr(250000)})
	api.Concert(apitest.ConcertSpec{Title: "unknown price"})

	assertTitles(t, filtered(t, api, map[string]any{"minPrice": 0, "maxPrice": 0}), "free")
	assertTitles(t, filtered(t, api, map[string]any{"maxPrice": 15000}), "cheap", "free")
	assertTitles(t, filtered(t, api, map[string]any{"minPrice": 20000, "maxPrice": 40000}), "cheap", "wide")
	assertTitles(t, filtered(t, api, map[string]any{"minPrice": 160000}), "dear")
	api.Query(browse, map[string]any{"filter": map[string]any{"minPrice": -1}}).MustFail(t, "BAD_USER_INPUT", "filter.minPrice")
	api.Query(browse, map[string]any{"filter": map[string]any{"minPrice": 50000, "maxPrice": 10000}}).MustFail(t, "BAD_USER_INPUT", "filter.maxPrice")
}

func TestFilterStatesAndEndedConcerts(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "ended", Start: apitest.Day(-9), End: apitest.Day(-2)})
	api.Concert(apitest.ConcertSpec{Title: "ongoing", Start: apitest.Day(-2), End: apitest.Day(2)})
	api.Concert(apitest.ConcertSpec{Title: "upcoming", Start: apitest.Day(2), End: apitest.Day(4)})

	assertTitles(t, filtered(t, api, nil), "ongoing", "upcoming")
	assertTitles(t, filtered(t, api, map[string]any{"includeEnded": true}), "ended", "ongoing", "upcoming")
	assertTitles(t, filtered(t, api, map[string]any{"states": []string{"UPCOMING"}}), "upcoming")
	assertTitles(t, filtered(t, api, map[string]any{"states": []string{"ONGOING", "UPCOMING"}}), "ongoing", "upcoming")
	// Asking for ended concerts by state shows them without includeEnded.
	assertTitles(t, filtered(t, api, map[string]any{"states": []string{"ENDED"}}), "ended")
}

func TestFiltersCombineWithAnd(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "서울 발레 웅장", Area: "서울특별시", Genre: concert.GenreDANCE, Keywords: map[string]float64{"grand": 0.9, "dynamic": 0.6}})
	api.Concert(apitest.ConcertSpec{Title: "부산 발레 웅장", Area: "부산광역시", Genre: concert.GenreDANCE, Keywords: map[string]float64{"grand": 0.9}})
	api.Concert(apitest.ConcertSpec{Title: "서울 교향곡 웅장", Area: "서울특별시", Keywords: map[string]float64{"grand": 0.9}})
	got := filtered(t, api, map[string]any{
		"query": "발레", "genres": []string{"DANCE"}, "regions": []string{"서울"},
		"keywords": []string{"grand", "dynamic"}, "keywordMatch": "ANY",
	})
	assertTitles(t, got, "서울 발레 웅장")
}
