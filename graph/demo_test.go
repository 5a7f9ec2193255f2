package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/importer"
)

// TestImportedConcertShowsEveryKOPISField reads a demo concert back through
// the API, field by field, against the KOPIS fixture it came from.
func TestImportedConcertShowsEveryKOPISField(t *testing.T) {
	api := apitest.New(t)
	ctx := context.Background()
	if _, err := importer.LoadDemo(ctx, api.DB.Client, apitest.Now); err != nil {
		t.Fatal(err)
	}
	dance := api.DB.Concert.Query().Where(concert.KopisID("PF070002")).OnlyX(ctx)
	free := api.DB.Concert.Query().Where(concert.KopisID("PF070000")).OnlyX(ctx)

	type concertFields struct {
		KopisID, Title, StartDate, EndDate, Venue, Area, Genre, GenreName, State string
		OpenRun, IsFree                                                          bool
		PosterUrl                                                                *string
		IntroImageUrls, Cast                                                     []string
		Runtime, ScheduleGuidance, PriceGuidance                                 *string
		RuntimeMinutes, MinPrice, MaxPrice                                       *int
		Prices                                                                   []struct {
			Seat  string
			Price int
		}
		BookingLinks []struct{ Name, URL string }
		Keywords     []struct{ Keyword struct{ Key string } }
	}
	q := `query($id: ID!) { concert(id: $id) { kopisId title startDate endDate venue area genre genreName state openRun isFree
		posterUrl introImageUrls cast runtime runtimeMinutes scheduleGuidance priceGuidance minPrice maxPrice
		prices { seat price } bookingLinks { name url } keywords { keyword { key } } } }`

	var res struct{ Concert concertFields }
	api.Query(q, map[string]any{"id": dance.ID}).MustData(t, &res)
	c := res.Concert
	if c.KopisID != "PF070002" || c.StartDate != "2026-11-08" || c.EndDate != "2026-11-10" || c.State != "ENDED" ||
		c.Genre != "DANCE" || c.GenreName != "무용(서양/한국무용)" || c.Area != "전북특별자치도" || c.Venue != "전북특별자치도립국악원 (공연장)" {
		t.Fatalf("dance concert: %+v", c)
	}
	if *c.RuntimeMinutes != 100 || *c.Runtime != "100분" || *c.ScheduleGuidance != "일요일(15:00)" || c.IsFree || *c.MinPrice != 130000 || *c.MaxPrice != 250000 {
		t.Fatalf("dance concert details: %+v", c)
	}
	if len(c.Prices) != 3 || c.Prices[0].Seat != "R석" || c.Prices[0].Price != 250000 {
		t.Fatalf("prices: %+v", c.Prices)
	}
	if len(c.BookingLinks) != 1 || c.BookingLinks[0].Name != "멜론티켓" {
		t.Fatalf("booking links: %+v", c.BookingLinks)
	}
	if len(c.IntroImageUrls) != 3 || c.PosterUrl == nil || !slices.Equal(c.Cast, []string{"오시우", "한소율", "이도윤", "김서연"}) {
		t.Fatalf("images and cast: %+v", c)
	}
	if len(c.Keywords) == 0 || c.Keywords[0].Keyword.Key != "delicate" {
		t.Fatalf("the program's mood is not the top keyword: %+v", c.Keywords)
	}

	api.Query(q, map[string]any{"id": free.ID}).MustData(t, &res)
	if c := res.Concert; !c.IsFree || *c.MinPrice != 0 || *c.MaxPrice != 0 || len(c.Prices) != 0 || c.Keywords[0].Keyword.Key != "modern" {
		t.Fatalf("free concert: %+v", c)
	}
}

// An imported concert's keywords say which words of its text gave them;
// genre defaults have no words.
func TestImportedKeywordsCarryTheirEvidence(t *testing.T) {
	api := apitest.New(t)
	ctx := context.Background()
	if _, err := importer.LoadDemo(ctx, api.DB.Client, apitest.Now); err != nil {
		t.Fatal(err)
	}
	var page struct {
		Concerts struct {
			Edges []struct {
				Node struct {
					Title    string
					Keywords []struct {
						Score    float64
						Evidence []string
						Keyword  struct{ Key string }
					}
				}
			}
		}
	}
	api.Query(`{ concerts(first: 100, filter: {includeEnded: true}) { edges { node { title keywords { score evidence keyword { key } } } } } }`, nil).MustData(t, &page)
	explained := 0
	for _, e := range page.Concerts.Edges {
		for _, k := range e.Node.Keywords {
			if k.Evidence == nil {
				t.Fatalf("%s: %s has null evidence", e.Node.Title, k.Keyword.Key)
			}
			if len(k.Evidence) > 0 {
				explained++
			}
		}
	}
	if explained < len(page.Concerts.Edges) {
		t.Fatalf("only %d keywords of %d concerts name their evidence", explained, len(page.Concerts.Edges))
	}
}
