package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler/testserver"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// TestJSONPOSTAnswersAsGqlgensPOST sends the same requests to gqlgen's test
// server over gqlgen's POST transport and over jsonPOST: status, content
// type and the decoded body agree, for answers, resolver errors, requests
// that do not parse or validate, and the content types a client may ask for.
func TestJSONPOSTAnswersAsGqlgensPOST(t *testing.T) {
	requests := []struct {
		name, body, accept string
		failing            bool
	}{
		{name: "an answer", body: `{"query":"{ name }"}`},
		{name: "an answer, variables and operation name", body: `{"query":"query Q($n: Int) { name }","operationName":"Q","variables":{"n":12345678901234567}}`},
		{name: "a resolver's error", body: `{"query":"{ name }"}`, failing: true},
		{name: "a query that does not validate", body: `{"query":"{ nope }"}`},
		{name: "a query that does not parse", body: `{"query":"{ name"}`},
		{name: "a body that is not JSON", body: `{"query":`},
		{name: "asking for JSON", body: `{"query":"{ name }"}`, accept: "application/json"},
		{name: "asking for anything", body: `{"query":"{ name }"}`, accept: "text/html, */*;q=0.8"},
		{name: "asking for graphql-response+json", body: `{"query":"{ name }"}`, accept: "application/graphql-response+json"},
		{name: "asking for graphql-response+json, not validating", body: `{"query":"{ nope }"}`, accept: "application/graphql-response+json"},
	}
	for _, r := range requests {
		t.Run(r.name, func(t *testing.T) {
			answer := func(useJSONPOST bool) (int, string, any) {
				srv := testserver.New()
				if r.failing {
					srv = testserver.NewError()
				}
				if useJSONPOST {
					srv.AddTransport(jsonPOST{})
				} else {
					srv.AddTransport(transport.POST{})
				}
				req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(r.body))
				req.Header.Set("Content-Type", "application/json")
				if r.accept != "" {
					req.Header.Set("Accept", r.accept)
				}
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				var body any
				if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
					t.Fatalf("body %q: %v", rec.Body.String(), err)
				}
				return rec.Code, rec.Header().Get("Content-Type"), body
			}
			wantStatus, wantType, wantBody := answer(false)
			gotStatus, gotType, gotBody := answer(true)
			if gotStatus != wantStatus || gotType != wantType || !reflect.DeepEqual(gotBody, wantBody) {
				t.Errorf("jsonPOST: %d %s %v; gqlgen's POST: %d %s %v", gotStatus, gotType, gotBody, wantStatus, wantType, wantBody)
			}
		})
	}
}
