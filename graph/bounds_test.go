package graph_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/config"
)

// Crafted requests that once made the server work for seconds and gigabytes
// are refused before execution: with a contract code, with no SQL and little
// memory. How fast is measured by BenchmarkCraftedRequests, not here: a
// wall-clock bound would depend on the machine's load.
func TestCraftedRequestsAreRefusedBeforeAnyWork(t *testing.T) {
	api := apitest.New(t)
	c := api.Concert(apitest.ConcertSpec{})
	ids := make([]int, 100)
	for i := range ids {
		ids[i] = c.ID
	}
	repeat := func(n int, f func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(f(i))
			b.WriteByte(' ')
		}
		return b.String()
	}
	deep := strings.Repeat(`reviews { edges { node { concert { `, 12) + "id" + strings.Repeat(" } } } }", 12)
	keywords4000 := make([]string, 4000)
	for i := range keywords4000 {
		keywords4000[i] = "grand"
	}
	probes := []struct {
		name  string
		req   apitest.Request
		codes []string
	}{
		{"4,000-keyword filter", apitest.Request{
			Query:     `query($k: [String!]) { concerts(filter: {keywords: $k, keywordMatch: ALL}) { totalCount } }`,
			Variables: map[string]any{"k": keywords4000},
		}, []string{"BAD_USER_INPUT"}},
		{"4,000-keyword filter inline", apitest.Request{
			Query: `{ concerts(filter: {keywordMatch: ALL, keywords: [` + strings.Repeat(`"grand",`, 4000) + `]}) { totalCount } }`,
		}, []string{"BAD_USER_INPUT", "COMPLEXITY_LIMIT_EXCEEDED"}},
		{"1,000 nodes aliases", apitest.Request{
			Query:     `query($ids: [ID!]!) { ` + repeat(1000, func(i int) string { return fmt.Sprintf("n%d: nodes(ids: $ids) { id }", i) }) + `}`,
			Variables: map[string]any{"ids": ids},
		}, []string{"COMPLEXITY_LIMIT_EXCEEDED"}},
		{"10,000 keywords aliases", apitest.Request{
			Query: `{ ` + repeat(10_000, func(i int) string { return fmt.Sprintf("k%d: keywords { id }", i) }) + `}`,
		}, []string{"COMPLEXITY_LIMIT_EXCEEDED"}},
		{"1,000 fragments", apitest.Request{
			Query: `fragment F on Query { keywords { id } } { ` + repeat(1000, func(int) string { return "...F" }) + `}`,
		}, []string{"COMPLEXITY_LIMIT_EXCEEDED"}},
		{"depth 50", apitest.Request{
			Query: `query($id: ID!) { concert(id: $id) { ` + deep + ` } }`, Variables: map[string]any{"id": c.ID},
		}, []string{"COMPLEXITY_LIMIT_EXCEEDED"}},
	}
	for _, p := range probes {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		var res *apitest.Response
		statements := api.Statements(func() { res = api.Do(p.req) })
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if len(res.Errors) != 1 || !contains(p.codes, res.Errors[0].Code()) {
			t.Errorf("%s: want one of %v, got %+v", p.name, p.codes, res.Errors)
			continue
		}
		allocated := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %s in %v, %d statements, %d KiB allocated", p.name, res.Errors[0].Code(), took, statements, allocated>>10)
		if statements != 0 {
			t.Errorf("%s: %d SQL statements before refusing", p.name, statements)
		}
		if allocated > 64<<20 {
			t.Errorf("%s: allocated %d MiB to refuse", p.name, allocated>>20)
		}
	}
}

// BenchmarkCraftedRequests measures how long refusing each probe takes:
// go test ./graph -run '^$' -bench Crafted
func BenchmarkCraftedRequests(b *testing.B) {
	api := apitest.New(b)
	probes := map[string]string{
		"10,000 keywords aliases": `{ ` + strings.Repeat("k: keywords { id } ", 1) + strings.Repeat(" x: keywords { id }", 9_999) + `}`,
		"1,000 fragments":         `fragment F on Query { keywords { id } } { ` + strings.Repeat("...F ", 1000) + `}`,
		"depth 50":                `{ concerts { edges { node { ` + strings.Repeat(`reviews { edges { node { concert { `, 12) + "id" + strings.Repeat(" } } } }", 12) + ` } } } }`,
	}
	for name, q := range probes {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if res := api.Query(q, nil); len(res.Errors) == 0 {
					b.Fatal("not refused")
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Duplicate filter values are dropped; what is left is bounded.
func TestFilterListsAreDedupedAndBounded(t *testing.T) {
	api := apitest.New(t)
	api.Concert(apitest.ConcertSpec{Title: "웅장", Keywords: map[string]float64{"grand": 0.8}})
	keys := make([]string, 90)
	for i := range keys {
		keys[i] = []string{"grand", "modern", "grand"}[i%3]
	}
	var page concertsPage
	api.Query(`query($k: [String!]) { concerts(filter: {keywords: $k}) { totalCount edges { node { title } } } }`,
		map[string]any{"k": keys}).MustData(t, &page)
	if page.Concerts.TotalCount != 1 {
		t.Fatalf("deduped keyword filter: %+v", page)
	}
	areas := make([]string, 60)
	for i := range areas {
		areas[i] = fmt.Sprintf("지역%d", i)
	}
	api.Query(`query($a: [String!]) { concerts(filter: {areas: $a}) { totalCount } }`, map[string]any{"a": areas}).
		MustFail(t, "BAD_USER_INPUT", "filter.areas")
}

// Production does not guess field names for strangers.
func TestNoFieldSuggestionsInProduction(t *testing.T) {
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Env = config.Production }))
	res := api.Query(`{ me { emial } }`, nil)
	if len(res.Errors) == 0 || strings.Contains(res.Errors[0].Message, "Did you mean") {
		t.Fatalf("production answer: %+v", res.Errors)
	}
	dev := apitest.New(t)
	if res := dev.Query(`{ me { emial } }`, nil); len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, "Did you mean") {
		t.Fatalf("dev answer (suggestions help developers): %+v", res.Errors)
	}
}
