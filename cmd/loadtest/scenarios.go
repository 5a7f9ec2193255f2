package main

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"unicode"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/claco/claco/internal/reference"
)

// scenario is one of the front end's main operations, replayed as signed-in
// members with variables that change from request to request.
type scenario struct {
	name        string
	description string
	operation   string // GraphQL operation name (the server's metrics label)
	query       string
	// next picks the caller and the variables of the next request.
	next func(r *rand.Rand, f *fixtures) (token string, vars map[string]any)
}

// concertCard is what a list of concerts shows per concert.
const concertCard = `totalCount
    edges { node { id title startDate venue minPrice keywords { score keyword { name } } likeCount likedByMe } }
    pageInfo { endCursor hasNextPage }`

var scenarios = []scenario{
	{
		name:        "browse",
		description: "home catalogue: the first 20 concerts with keywords and likes",
		operation:   "Browse",
		query:       `query Browse { concerts(first: 20) { ` + concertCard + ` } }`,
		next: func(r *rand.Rand, f *fixtures) (string, map[string]any) {
			return f.member(r).token, nil
		},
	},
	{
		name:        "filtered",
		description: "catalogue filtered by genre, region, price and keywords (varying)",
		operation:   "Filtered",
		query:       `query Filtered($filter: ConcertFilter!) { concerts(first: 20, filter: $filter) { ` + concertCard + ` } }`,
		next: func(r *rand.Rand, f *fixtures) (string, map[string]any) {
			return f.member(r).token, map[string]any{"filter": randomFilter(r)}
		},
	},
	{
		name:        "detail",
		description: "a concert with its 5 latest reviews (author nickname) and 3 similar concerts",
		operation:   "Detail",
		query: `query Detail($id: ID!) { concert(id: $id) {
    id title startDate endDate venue area genre state minPrice maxPrice posterUrl cast
    keywords { score keyword { name } } likeCount likedByMe reviewCount averageRating
    reviews(first: 5) { totalCount edges { node { id rating content watchDate author { nickname } tags { name } } } }
    similar(limit: 3) { id title startDate venue }
  } }`,
		next: func(r *rand.Rand, f *fixtures) (string, map[string]any) {
			ids := f.liveConcerts
			if len(f.reviewedConcerts) > 0 && (len(ids) == 0 || r.IntN(2) == 0) {
				ids = f.reviewedConcerts
			}
			return f.member(r).token, map[string]any{"id": ids[r.IntN(len(ids))]}
		},
	},
	{
		name:        "recommended",
		description: "home: recommendedConcerts(limit: 5)",
		operation:   "Recommended",
		query: `query Recommended { recommendedConcerts(limit: 5) {
    score reasons { name } concert { id title startDate venue minPrice likeCount likedByMe }
  } }`,
		next: func(r *rand.Rand, f *fixtures) (string, map[string]any) { return f.member(r).token, nil },
	},
	{
		name:        "like-based",
		description: "home: likeBasedRecommendations(limit: 2)",
		operation:   "LikeBased",
		query: `query LikeBased { likeBasedRecommendations(limit: 2) {
    likedHistory basedOn { id title } keywords { name } concerts { id title startDate venue likeCount }
  } }`,
		next: func(r *rand.Rand, f *fixtures) (string, map[string]any) { return f.member(r).token, nil },
	},
	{
		name:        "tickets",
		description: "home: recommendedTickets(limit: 3) with author and concert",
		operation:   "RecommendedTickets",
		query: `query RecommendedTickets { recommendedTickets(limit: 3) {
    id rating content watchDate author { nickname } concert { id title } tags { name }
  } }`,
		next: func(r *rand.Rand, f *fixtures) (string, map[string]any) { return f.member(r).token, nil },
	},
	{
		name:        "book",
		description: "a member's Claco book with its 20 tickets (as its owner)",
		operation:   "Book",
		query: `query Book($id: ID!) { node(id: $id) { id ... on ClacoBook {
    title color ticketCount
    tickets(first: 20) { totalCount edges { node {
      id watchDate watchRound seat rating content castings
      concert { id title venue posterUrl } tags { name } placeReviews { name }
    } } }
  } } }`,
		next: func(r *rand.Rand, f *fixtures) (string, map[string]any) {
			b := f.books[r.IntN(len(f.books))]
			return b.owner.token, map[string]any{"id": b.id}
		},
	},
	{
		name:        "suggest",
		description: "searchSuggestions(limit: 10) for Korean prefixes of titles",
		operation:   "Suggest",
		query:       `query Suggest($q: String!) { searchSuggestions(query: $q, limit: 10) { id title startDate venue } }`,
		next: func(r *rand.Rand, f *fixtures) (string, map[string]any) {
			return f.member(r).token, map[string]any{"q": prefixOf(r, f.titles[r.IntN(len(f.titles))])}
		},
	},
}

func scenarioNamed(name string) (scenario, bool) {
	for _, s := range scenarios {
		if s.name == name {
			return s, true
		}
	}
	return scenario{}, false
}

func scenarioNames() []string {
	names := make([]string, len(scenarios))
	for i, s := range scenarios {
		names[i] = s.name
	}
	return names
}

// randomFilter narrows the catalogue on one to three of genre, regions,
// price and keywords, the way the filter sheet of the front end does.
func randomFilter(r *rand.Rand) map[string]any {
	filter := map[string]any{}
	for len(filter) == 0 {
		if r.IntN(2) == 0 {
			filter["genres"] = []string{[]string{"CLASSICAL", "DANCE"}[r.IntN(2)]}
		}
		if r.IntN(2) == 0 {
			regions := reference.Static.Regions.List
			picked := []string{regions[r.IntN(len(regions))].Label}
			if r.IntN(3) == 0 {
				if other := regions[r.IntN(len(regions))].Label; other != picked[0] {
					picked = append(picked, other)
				}
			}
			filter["regions"] = picked
		}
		if r.IntN(2) == 0 {
			bands := [][2]int{{0, 30000}, {0, 50000}, {30000, 100000}, {50000, 150000}, {100000, 300000}}
			b := bands[r.IntN(len(bands))]
			filter["minPrice"], filter["maxPrice"] = b[0], b[1]
		}
		if r.IntN(2) == 0 {
			keys := reference.Static.Keywords.List
			picked := []string{keys[r.IntN(len(keys))].Key}
			if r.IntN(3) == 0 {
				if other := keys[r.IntN(len(keys))].Key; other != picked[0] {
					picked = append(picked, other)
				}
			}
			filter["keywords"] = picked
			filter["keywordMatch"] = []string{"ANY", "ALL"}[r.IntN(2)]
		}
	}
	return filter
}

// prefixOf is what someone types into the search box looking for a title:
// the first one to four characters of the title or of one of its words.
func prefixOf(r *rand.Rand, title string) string {
	words := strings.FieldsFunc(title, func(c rune) bool {
		return unicode.IsSpace(c) || strings.ContainsRune("<>[]():,&'", c)
	})
	text := title
	if len(words) > 0 && r.IntN(5) < 2 {
		text = words[r.IntN(len(words))]
	}
	runes := []rune(strings.TrimSpace(text))
	if len(runes) == 0 {
		return title
	}
	n := min(len(runes), 1+r.IntN(4))
	if p := strings.TrimSpace(string(runes[:n])); p != "" {
		return p
	}
	return string(runes)
}

// targeter makes a vegeta targeter for the scenario against the GraphQL
// endpoint url: a fresh request each time, the same sequence for the same seed.
// It is safe for vegeta's concurrent workers.
func targeter(url string, s scenario, f *fixtures, seed uint64) vegeta.Targeter {
	var mu sync.Mutex
	h := fnv.New64a()
	_, _ = h.Write([]byte(s.name))
	r := rand.New(rand.NewPCG(seed, h.Sum64()))
	return func(t *vegeta.Target) error {
		if t == nil {
			return vegeta.ErrNilTarget
		}
		mu.Lock()
		token, vars := s.next(r, f)
		mu.Unlock()
		body, err := json.Marshal(map[string]any{"operationName": s.operation, "query": s.query, "variables": vars})
		if err != nil {
			return fmt.Errorf("%s: encode request: %w", s.name, err)
		}
		t.Method = http.MethodPost
		t.URL = url
		t.Body = body
		t.Header = http.Header{"Content-Type": {"application/json"}}
		if token != "" {
			t.Header.Set("Authorization", "Bearer "+token)
		}
		return nil
	}
}
