package graph_test

// A fuzz target for GraphQL input validation through the real server: it
// sends arbitrary search text, filter values, page sizes and cursors to the
// public catalogue and checks that every answer is data or errors with a
// contract code, never INTERNAL and never a 5xx. The seed corpus is the
// documented filters and real cursors; crashers the fuzzer found are kept
// in testdata/fuzz. .ci/fuzz runs it for a bounded time.

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"entgo.io/contrib/entgql"

	"github.com/claco/claco/internal/apitest"
)

// contractCodes are the error codes API.md allows, INTERNAL aside.
var contractCodes = map[string]bool{
	"UNAUTHENTICATED": true, "FORBIDDEN": true, "NOT_FOUND": true, "BAD_USER_INPUT": true, "CONFLICT": true,
	"LIMIT_EXCEEDED": true, "RATE_LIMITED": true, "COMPLEXITY_LIMIT_EXCEEDED": true, "TIMEOUT": true,
	"GRAPHQL_PARSE_FAILED": true, "GRAPHQL_VALIDATION_FAILED": true, "PERSISTED_QUERY_NOT_FOUND": true,
}

// leakWords must never reach a client: they are Go, SQL or library text.
var leakWords = []string{"strconv", "msgpack", "interface {}", "json.", "json:", "sql", "SELECT", "ent:", "runtime",
	"goroutine", "panic", ".go:", "Atoi", "unexpected EOF", "invalid character"}

type fuzzResponse struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []apitest.Error            `json:"errors"`
}

// post sends one GraphQL request to the handler and checks the answer's
// form: 200 (a request error may be a 4xx for a client that asks for
// application/graphql-response+json), a JSON body with data or errors, and
// each error with a contract code other than INTERNAL, a field when it is
// BAD_USER_INPUT, and no internals in its message.
func post(t *testing.T, h http.Handler, graphqlResponse bool, query string, vars map[string]any) fuzzResponse {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if graphqlResponse {
		req.Header.Set("Accept", "application/graphql-response+json")
	} else {
		req.Header.Set("Accept", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code >= 500 || (!graphqlResponse && rec.Code != http.StatusOK) || (graphqlResponse && rec.Code != http.StatusOK && rec.Code/100 != 4) {
		t.Fatalf("status %d for %s %v:\n%s", rec.Code, query, vars, rec.Body.String())
	}
	var res fuzzResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatalf("not GraphQL JSON (status %d): %v\n%s", rec.Code, err, rec.Body.String())
	}
	if res.Data == nil && len(res.Errors) == 0 {
		t.Fatalf("neither data nor errors: %s", rec.Body.String())
	}
	for _, e := range res.Errors {
		code := e.Code()
		if !contractCodes[code] {
			t.Fatalf("error code %q (%s) for %s %v", code, e.Message, query, vars)
		}
		if code == "BAD_USER_INPUT" && e.Field() == "" {
			t.Fatalf("BAD_USER_INPUT without a field (%s) for %s %v", e.Message, query, vars)
		}
		for _, leak := range leakWords {
			// A message may quote the input: only words the request did not
			// send are leaks.
			if strings.Contains(e.Message, leak) && !strings.Contains(string(body), leak) {
				t.Fatalf("error message shows internals: %q", e.Message)
			}
		}
	}
	return res
}

// hasError reports whether the answer has a BAD_USER_INPUT error on field.
func hasError(res fuzzResponse, field string) bool {
	for _, e := range res.Errors {
		if e.Code() == "BAD_USER_INPUT" && e.Field() == field {
			return true
		}
	}
	return false
}

func cursor(id int, v any) string {
	var b bytes.Buffer
	entgql.Cursor[int]{ID: id, Value: v}.MarshalGQL(&b)
	s, _ := strconv.Unquote(b.String())
	return s
}

const (
	fuzzConcerts = `query($first: Int, $last: Int, $after: Cursor, $before: Cursor, $filter: ConcertFilter, $orderBy: ConcertOrder) {
  concerts(first: $first, last: $last, after: $after, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id title minPrice maxPrice isFree state } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`
	fuzzSuggest = `query($q: String!, $limit: Int) { searchSuggestions(query: $q, limit: $limit) { id title } }`
	fuzzReviews = `query($id: ID!, $first: Int, $after: Cursor, $order: ReviewOrder) {
  concert(id: $id) { reviews(first: $first, after: $after, orderBy: $order) { edges { cursor } pageInfo { endCursor } } }
}`
)

// The fields of the filter a fuzzed input sets (bits of its set argument).
const (
	setQuery = 1 << iota
	setArea
	setRegion
	setKeyword
	setFrom
	setTo
	setMinPrice
	setMaxPrice
	setFirst
	setLast
	setAfter
	setBefore
	setOrder
	setState
	setLimit
	setGraphQLResponse
)

// FuzzCatalogueInputs sends arbitrary catalogue inputs through the real
// server (one per fuzz process, over a fresh database with a few concerts
// and a review): every answer is data or contract errors (see post), and
// the documented limits hold: search text over 100 characters, page sizes
// outside 0..100, suggestion limits outside 1..20 and negative prices are
// refused on their field, and an answer has at most the page size of edges
// and of suggestions.
func FuzzCatalogueInputs(f *testing.F) {
	api := apitest.New(f)
	c := api.Concert(apitest.ConcertSpec{Title: "Mahler Symphony No.2", Cast: "조수미, MAHLER Ensemble", MinPrice: fuzzInt(30000), MaxPrice: fuzzInt(90000)})
	api.Concert(apitest.ConcertSpec{Title: "100% 바흐", Area: "강원특별자치도", Free: true, MinPrice: fuzzInt(0), MaxPrice: fuzzInt(0), Keywords: map[string]float64{"grand": 0.8}})
	api.Concert(apitest.ConcertSpec{Title: "백조의 호수", Start: apitest.Day(-30), End: apitest.Day(-20)})
	api.Review(api.Member("퍼저"), c, 4.5, "웅장한 말러")
	h := api.Server.Handler()

	day := apitest.Day(7)
	all := uint16(math.MaxUint16) &^ setLast &^ setBefore &^ setGraphQLResponse
	f.Add("mahler", "서울특별시", "서울", "grand", "2026-11-24", "2026-12-31", int64(0), int64(100000), int64(20), "", "START_DATE", "UPCOMING", int64(10), uint16(setQuery|setFirst))
	f.Add("  MAHLER hall ", "강원도", "강원", "classical", "2027-02-10", "2027-02-01", int64(-1), int64(5), int64(101), cursor(c.ID, day), "END_DATE", "ENDED", int64(21), all)
	f.Add("100%", "", "평양", "loud", "2027/02/10", "", int64(50000), int64(10), int64(-1), "not a cursor", "TITLE", "ONGOING", int64(0), all)
	f.Add(strings.Repeat("가", 101), "", "", "", "", "", int64(0), int64(0), int64(100), cursor(c.ID, "Mahler"), "TITLE", "", int64(20), uint16(setQuery|setAfter|setOrder|setLimit))
	f.Add(" "+strings.Repeat("a", 100)+" ", "", "", "", "", "", int64(0), int64(0), int64(0), cursor(c.ID, int64(3)), "LIKE_COUNT", "", int64(1), uint16(setQuery|setAfter|setOrder|setLimit|setFirst))
	f.Add("_", "", "", "", "", "", int64(0), int64(0), int64(5), cursor(c.ID, 4.5), "REVIEW_COUNT", "", int64(1), uint16(setAfter|setOrder|setFirst|setLast))
	f.Add("바흐", "", "", "", "", "", int64(math.MaxInt64), int64(math.MinInt64), int64(math.MaxInt64), cursor(c.ID, math.NaN()), "HIGH_RATE", "", int64(math.MinInt64), uint16(setAfter|setOrder|setMinPrice|setMaxPrice|setLimit))
	f.Add("😀 \x00 %_\\", "", "", "", "0000-01-01", "9999-12-31", int64(0), int64(0), int64(3), cursor(c.ID, math.Inf(1)), "LOW_RATE", "", int64(3), all|setGraphQLResponse)
	f.Add("", "", "", "", "", "", int64(0), int64(0), int64(3), cursor(c.ID, ""), "TITLE", "", int64(3), uint16(setAfter|setOrder|setFirst))
	f.Add("", "", "", "", "", "", int64(0), int64(0), int64(3), cursor(c.ID, time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)), "START_DATE", "", int64(3), uint16(setBefore|setOrder|setLast))
	f.Add("", "", "", "", "", "", int64(0), int64(0), int64(3), cursor(c.ID, []any{1, "a"}), "RECENT", "", int64(3), uint16(setAfter|setOrder))

	f.Fuzz(func(t *testing.T, text, area, region, keyword, from, to string, minPrice, maxPrice, first int64,
		after, order, state string, limit int64, set uint16,
	) {
		has := func(bit uint16) bool { return set&bit != 0 }
		graphqlResponse := has(setGraphQLResponse)
		filter := map[string]any{}
		vars := map[string]any{"filter": filter}
		for _, o := range []struct {
			bit   uint16
			name  string
			value any
		}{
			{setQuery, "query", text}, {setArea, "areas", []string{area}}, {setRegion, "regions", []string{region}},
			{setKeyword, "keywords", []string{keyword}}, {setFrom, "from", from}, {setTo, "to", to},
			{setMinPrice, "minPrice", minPrice}, {setMaxPrice, "maxPrice", maxPrice}, {setState, "states", []string{state}},
		} {
			if has(o.bit) {
				filter[o.name] = o.value
			}
		}
		if has(setFirst) {
			vars["first"] = first
		}
		if has(setLast) {
			vars["last"] = first
		}
		if has(setAfter) {
			vars["after"] = after
		}
		if has(setBefore) {
			vars["before"] = after
		}
		if has(setOrder) {
			direction := "ASC"
			if len(order)%2 == 1 {
				direction = "DESC"
			}
			vars["orderBy"] = map[string]any{"field": order, "direction": direction}
		}

		res := post(t, h, graphqlResponse, fuzzConcerts, vars)
		if has(setQuery) && utf8.RuneCountInString(strings.TrimSpace(text)) > 100 && res.Data["concerts"] != nil && string(res.Data["concerts"]) != "null" {
			t.Fatalf("a search text of %d characters was accepted", utf8.RuneCountInString(strings.TrimSpace(text)))
		}
		pageOK := !(has(setFirst) && has(setLast))
		if has(setFirst) != has(setLast) && (first < 0 || first > 100) {
			pageOK = false
			field := "first"
			if has(setLast) {
				field = "last"
			}
			if first >= math.MinInt32 && first <= math.MaxInt32 && !hasError(res, field) && len(res.Errors) == 0 {
				t.Fatalf("%s: %d accepted", field, first)
			}
		}
		if has(setMinPrice) && minPrice < 0 && len(res.Errors) == 0 {
			t.Fatalf("minPrice %d accepted", minPrice)
		}
		if raw := res.Data["concerts"]; raw != nil && string(raw) != "null" {
			var conn struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Cursor string `json:"cursor"`
				} `json:"edges"`
			}
			if err := json.Unmarshal(raw, &conn); err != nil {
				t.Fatalf("concerts: %v", err)
			}
			size := 20
			if pageOK && (has(setFirst) || has(setLast)) {
				size = int(first)
			}
			if len(conn.Edges) > size || conn.TotalCount < len(conn.Edges) {
				t.Fatalf("%d edges of %d for a page of %d", len(conn.Edges), conn.TotalCount, size)
			}
		}

		suggestVars := map[string]any{"q": text}
		if has(setLimit) {
			suggestVars["limit"] = limit
		}
		res = post(t, h, graphqlResponse, fuzzSuggest, suggestVars)
		n := int64(10)
		if has(setLimit) {
			n = limit
		}
		if n < 1 || n > 20 {
			if res.Data["searchSuggestions"] != nil && string(res.Data["searchSuggestions"]) != "null" {
				t.Fatalf("searchSuggestions answered a limit of %d", n)
			}
		} else if raw := res.Data["searchSuggestions"]; raw != nil && string(raw) != "null" {
			var got []json.RawMessage
			if err := json.Unmarshal(raw, &got); err != nil || int64(len(got)) > n {
				t.Fatalf("%d suggestions for a limit of %d (%v)", len(got), n, err)
			}
		}
		// The same text as a literal in the document, not a variable.
		literal, _ := json.Marshal(text)
		post(t, h, graphqlResponse, `{ searchSuggestions(query: `+string(literal)+`) { id } }`, nil)

		reviewVars := map[string]any{"id": c.ID, "after": after, "order": order}
		if has(setFirst) {
			reviewVars["first"] = first
		}
		post(t, h, graphqlResponse, fuzzReviews, reviewVars)
	})
}

func fuzzInt(v int) *int { return &v }
