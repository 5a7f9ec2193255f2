package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/config"
)

func TestHealthAndReadiness(t *testing.T) {
	api := apitest.New(t)
	if rec := api.Get("/healthz"); rec.Code != http.StatusOK {
		t.Fatalf("/healthz: %d", rec.Code)
	}
	if rec := api.Get("/readyz"); rec.Code != http.StatusOK {
		t.Fatalf("/readyz: %d", rec.Code)
	}
	if err := api.DB.Close(); err != nil {
		t.Fatal(err)
	}
	if rec := api.Get("/readyz"); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("/readyz with the database gone: %d, want 503", rec.Code)
	}
	if rec := api.Get("/healthz"); rec.Code != http.StatusOK {
		t.Fatalf("/healthz must not depend on the database: %d", rec.Code)
	}
}

func TestMetricsOnlyOnTheAdminListener(t *testing.T) {
	api := apitest.New(t)
	api.Query(`{ keywords { key } }`, nil)
	if rec := api.Get("/metrics"); rec.Code != http.StatusNotFound {
		t.Fatalf("public /metrics: %d, want 404", rec.Code)
	}
	rec := httptest.NewRecorder()
	api.Server.AdminHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		"go_goroutines",
		"process_resident_memory_bytes",
		`claco_http_requests_total{code="200",handler="graphql",method="post"} 1`,
		"claco_http_request_duration_seconds_bucket",
		"claco_sql_statements_total",
		"go_sql_open_connections",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestQueriesOverGETButNotMutations(t *testing.T) {
	api := apitest.New(t)
	get := func(query string) *apitest.Response {
		req := httptest.NewRequest(http.MethodGet, "/query?query="+url.QueryEscape(query), nil)
		return api.Serve(req)
	}
	var data struct{ Keywords []struct{ Key string } }
	get(`{ keywords { key } }`).MustData(t, &data)
	if len(data.Keywords) != 10 {
		t.Fatalf("GET query: %+v", data)
	}
	if res := get(`mutation { __typename }`); len(res.Errors) == 0 {
		t.Fatal("a mutation over GET was accepted")
	}
}

func TestIntrospectionAndPlaygroundOnlyWhenEnabled(t *testing.T) {
	introspect := `{ __schema { queryType { name } } }`
	dev := apitest.New(t)
	var schema struct {
		Schema struct{ QueryType struct{ Name string } } `json:"__schema"`
	}
	dev.Query(introspect, nil).MustData(t, &schema)
	if rec := dev.Get("/playground"); rec.Code != http.StatusOK {
		t.Fatalf("dev /playground: %d", rec.Code)
	}

	prod := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Introspection = false }))
	prod.Query(introspect, nil).MustFail(t, "BAD_USER_INPUT", "")
	if rec := prod.Get("/playground"); rec.Code != http.StatusNotFound {
		t.Fatalf("/playground without introspection: %d, want 404", rec.Code)
	}
}

// In production the schema is an admin's: introspection answers to an
// ADMIN token only, and the playground page is served for admins to paste
// their token into.
func TestProductionIntrospectionIsForAdmins(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin(), apitest.WithConfig(func(c *config.Config) {
		c.Env, c.Introspection = config.Production, true
	}))
	introspect := `{ __schema { queryType { name } } }`
	api.NewDevice("anonymous").Query(introspect, nil).MustFail(t, "UNAUTHENTICATED", "")
	member := api.NewDevice("member")
	member.DevLogin("member@example.com", "")
	member.Onboard("회원")
	member.Query(introspect, nil).MustFail(t, "FORBIDDEN", "")
	admin := api.NewDevice("admin")
	admin.DevLogin("admin@example.com", "ADMIN")
	var schema struct {
		Schema struct{ QueryType struct{ Name string } } `json:"__schema"`
	}
	admin.Query(introspect, nil).MustData(t, &schema)
	if schema.Schema.QueryType.Name != "Query" {
		t.Fatalf("admin introspection: %+v", schema)
	}
	var typename struct {
		Typename string `json:"__typename"`
	}
	member.Query(`{ __typename }`, nil).MustData(t, &typename)
	if rec := api.Get("/playground"); rec.Code != http.StatusOK {
		t.Fatalf("production /playground: %d, want 200 (the page asks for an admin token)", rec.Code)
	}
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	api := apitest.New(t)
	if err := api.DB.Close(); err != nil {
		t.Fatal(err)
	}
	res := api.Query(`{ concerts { totalCount } }`, nil)
	e := res.MustFail(t, "INTERNAL", "")
	if e.Message != "internal error" {
		t.Fatalf("internal error message leaks details: %q", e.Message)
	}
	logs := api.Logs()
	if !strings.Contains(logs, "database is closed") || !strings.Contains(logs, res.Header.Get("X-Request-Id")) {
		t.Fatalf("the fault is not logged with its request id:\n%s", logs)
	}
}

// Requests that cannot run get the codes Apollo clients know; values that do
// not fit their types are BAD_USER_INPUT on the field.
func TestBadRequestsGetTheirCodes(t *testing.T) {
	api := apitest.New(t)
	api.Query(`{ concerts { nope } }`, nil).MustFail(t, "GRAPHQL_VALIDATION_FAILED", "")
	api.Query(`{ concerts(`, nil).MustFail(t, "GRAPHQL_PARSE_FAILED", "")
	unknown := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(
		`{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"`+strings.Repeat("ab", 32)+`"}}}`))
	unknown.Header.Set("Content-Type", "application/json")
	api.Serve(unknown).MustFail(t, "PERSISTED_QUERY_NOT_FOUND", "")
	api.Query(`query($f: ConcertFilter) { concerts(filter: $f) { totalCount } }`,
		map[string]any{"f": map[string]any{"minPrice": "cheap"}}).MustFail(t, "BAD_USER_INPUT", "f.minPrice")
}

func TestDeeplyNestedPagesAreRefused(t *testing.T) {
	api := apitest.New(t)
	res := api.Query(`{ concerts(first: 100) { edges { node { reviews(first: 100) { edges { node {
		concert { reviews(first: 100) { edges { node { content } } } } } } } } } } }`, nil)
	res.MustFail(t, "COMPLEXITY_LIMIT_EXCEEDED", "")
}

func TestCORSAllowsOnlyConfiguredOrigins(t *testing.T) {
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.CORSOrigins = []string{"https://claco.example"} }))
	preflight := func(origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequestWithContext(context.Background(), http.MethodOptions, "/query", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", http.MethodPost)
		req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
		rec := httptest.NewRecorder()
		api.Server.Handler().ServeHTTP(rec, req)
		return rec
	}
	if got := preflight("https://claco.example").Header().Get("Access-Control-Allow-Origin"); got != "https://claco.example" {
		t.Fatalf("allowed origin refused: %q", got)
	}
	if got := preflight("https://evil.example").Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Fatalf("unknown origin allowed: %q", got)
	}
}

func TestOversizedQueriesAreRefused(t *testing.T) {
	api := apitest.New(t)
	huge := `{"query":"{ keywords { key } }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`
	req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(huge))
	req.Header.Set("Content-Type", "application/json")
	e := api.Serve(req).MustFail(t, "BAD_USER_INPUT", "")
	if !strings.Contains(e.Message, "too large") {
		t.Fatalf("oversized request: %q", e.Message)
	}
}

func TestAPIResponsesAreNotCachedOrSniffed(t *testing.T) {
	for _, production := range []bool{false, true} {
		api := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
			if production {
				c.Env = config.Production
			}
		}))
		res := api.Query(`{ keywords { key } }`, nil)
		if got := res.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("production=%v: Cache-Control %q", production, got)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("production=%v: X-Content-Type-Options %q", production, got)
		}
		if hsts := res.Header.Get("Strict-Transport-Security"); (hsts != "") != production {
			t.Errorf("production=%v: HSTS %q", production, hsts)
		}
		if rec := api.Get("/auth/kakao/login"); rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("production=%v: the Kakao login redirect may be cached", production)
		}
	}
}

// GraphQL over HTTP: request errors answer 200 to application/json clients
// and 400 with application/graphql-response+json to clients that ask for it.
func TestGraphQLOverHTTPStatusByAccept(t *testing.T) {
	api := apitest.New(t)
	for _, c := range []struct {
		accept, contentType string
		status              int
	}{
		{"application/json", "application/json", http.StatusOK},
		{"application/graphql-response+json", "application/graphql-response+json", http.StatusBadRequest},
	} {
		for _, body := range []string{`{"query":"{ concerts("}`, `{"query":"{ nope }"}`, `{"query":"query($n: Int!) { concerts(first: $n) { totalCount } }","variables":{"n":"x"}}`} {
			req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", c.accept)
			res := api.Serve(req)
			if res.Status != c.status || !strings.HasPrefix(res.Header.Get("Content-Type"), c.contentType) || len(res.Errors) != 1 {
				t.Errorf("Accept %s, %s: %d %q %+v", c.accept, body, res.Status, res.Header.Get("Content-Type"), res.Errors)
			}
		}
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query":"{ keywords { key } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", c.accept)
		if res := api.Serve(req); res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), c.contentType) {
			t.Errorf("Accept %s, a good query: %d %q", c.accept, res.Status, res.Header.Get("Content-Type"))
		}
	}
}

// /metrics counts, times and breaks down errors per GraphQL operation name,
// with unnamed operations under "other".
func TestMetricsPerGraphQLOperation(t *testing.T) {
	api := apitest.New(t)
	api.Query(`query Browse { concerts(first: 2) { totalCount } }`, nil)
	api.Query(`query Browse { concerts(first: 2) { totalCount } }`, nil)
	api.Query(`query Mine { me { email } nicknameAvailable(nickname: "가나다") { available } }`, nil)
	api.Query(`query BadPage { concerts(first: 1000) { totalCount } }`, nil)
	api.Query(`{ keywords { key } }`, nil)
	rec := httptest.NewRecorder()
	api.Server.AdminHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`claco_graphql_operations_total{operation="Browse",type="query"} 2`,
		`claco_graphql_operations_total{operation="Mine",type="query"} 1`,
		`claco_graphql_operations_total{operation="other",type="query"} 1`,
		`claco_graphql_operation_duration_seconds_count{operation="Browse"} 2`,
		`claco_graphql_errors_total{code="BAD_USER_INPUT",operation="BadPage"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// A GraphQL request's log line names its operation and the member, with the
// request id, status and duration.
func TestRequestLogNamesOperationAndMember(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d := api.NewDevice("phone")
	login := d.DevLogin("logged@example.com", "")
	d.Query(`query MyProfile { me { id } }`, nil)
	for _, line := range strings.Split(api.Logs(), "\n") {
		if strings.Contains(line, `"operation":"MyProfile"`) {
			for _, want := range []string{`"member_id":` + login.Member.ID, `"request_id":`, `"status":200`, `"duration_ms":`} {
				if !strings.Contains(line, want) {
					t.Fatalf("request log line lacks %s: %s", want, line)
				}
			}
			return
		}
	}
	t.Fatalf("no request log line names the operation:\n%s", api.Logs())
}
