package server_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/claco/claco/internal/apitest"
)

// internalWords must never reach a client: they are Go, SQL or library text.
var internalWords = []string{"strconv", "msgpack", "interface {}", "json.", "json:", "sql", "ent:", "runtime", "goroutine", "panic", ".go:", "Atoi", "unexpected EOF", "invalid character"}

// A corpus of malformed requests: every answer is GraphQL JSON whose errors
// all carry a contract code and none of the internal words.
func TestMalformedRequestsGetCodedErrorsWithoutInternals(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d := api.NewDevice("phone")
	d.DevLogin("hygiene@example.com", "")
	d.Onboard("위생")
	token := d.Token
	post := func(contentType, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		api.Server.Handler().ServeHTTP(rec, req)
		return rec
	}
	gql := func(query string, vars string) string {
		return `{"query":` + quote(query) + `,"variables":` + vars + `}`
	}
	form := func(ops, mapping string, files map[string]string) (string, string) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		_ = w.WriteField("operations", ops)
		_ = w.WriteField("map", mapping)
		for name, content := range files {
			part, _ := w.CreateFormFile(name, name+".png")
			_, _ = part.Write([]byte(content))
		}
		_ = w.Close()
		return w.FormDataContentType(), b.String()
	}
	upload := `mutation($input: ProfileInput!) { updateProfile(input: $input) { id } }`
	cases := map[string]func() *httptest.ResponseRecorder{
		"bad id": func() *httptest.ResponseRecorder {
			return post("application/json", gql(`{ concert(id: "abc") { id } }`, `{}`))
		},
		"bad id variable": func() *httptest.ResponseRecorder {
			return post("application/json", gql(`query($id: ID!) { concert(id: $id) { id } }`, `{"id":"abc"}`))
		},
		"garbage cursor": func() *httptest.ResponseRecorder {
			return post("application/json", gql(`{ concerts(after: "!!!") { totalCount } }`, `{}`))
		},
		"forged cursor": func() *httptest.ResponseRecorder {
			return post("application/json", gql(`{ concerts(after: "gqFpzgAAAAE") { totalCount } }`, `{}`))
		},
		"object for string": func() *httptest.ResponseRecorder {
			return post("application/json", gql(`query($q: String!) { searchSuggestions(query: $q) { id } }`, `{"q":{"a":1}}`))
		},
		"string for int": func() *httptest.ResponseRecorder {
			return post("application/json", gql(`query($n: Int) { concerts(first: $n) { totalCount } }`, `{"n":"many"}`))
		},
		"object for upload": func() *httptest.ResponseRecorder {
			return post("application/json", gql(upload, `{"input":{"profileImage":{"a":1}}}`))
		},
		"unknown enum": func() *httptest.ResponseRecorder {
			return post("application/json", gql(`{ concerts(orderBy: {field: PRICE, direction: ASC}) { totalCount } }`, `{}`))
		},
		"bad date": func() *httptest.ResponseRecorder {
			return post("application/json", gql(`{ concerts(filter: {from: "tomorrow"}) { totalCount } }`, `{}`))
		},
		"body not json": func() *httptest.ResponseRecorder {
			return post("application/json", `{"query": "{ keywords { key } }", oops`)
		},
		"body a list":      func() *httptest.ResponseRecorder { return post("application/json", `[1,2,3]`) },
		"query not string": func() *httptest.ResponseRecorder { return post("application/json", `{"query": 42}`) },
		"variables not obj": func() *httptest.ResponseRecorder {
			return post("application/json", `{"query": "{ keywords { key } }", "variables": "x"}`)
		},
		"map names a missing variable": func() *httptest.ResponseRecorder {
			return post(form(gql(upload, `{"input":{"profileImage":null}}`), `{"0":["variables.nothing.here"]}`, map[string]string{"0": "x"}))
		},
		"map indexes a non-list": func() *httptest.ResponseRecorder {
			return post(form(gql(upload, `{"input":{"profileImage":null}}`), `{"0":["variables.input.profileImage.3"]}`, map[string]string{"0": "x"}))
		},
		"map index out of range": func() *httptest.ResponseRecorder {
			return post(form(gql(upload, `{"input":{"profileImage":[]}}`), `{"0":["variables.input.profileImage.7"]}`, map[string]string{"0": "x"}))
		},
		"map indexes an object with a number": func() *httptest.ResponseRecorder {
			return post(form(gql(upload, `{"input":{"0":null}}`), `{"0":["variables.input.0"]}`, map[string]string{"0": "x"}))
		},
		"map without prefix": func() *httptest.ResponseRecorder {
			return post(form(gql(upload, `{"input":{"profileImage":null}}`), `{"0":["input.profileImage"]}`, map[string]string{"0": "x"}))
		},
		"map not json": func() *httptest.ResponseRecorder {
			return post(form(gql(upload, `{"input":{"profileImage":null}}`), `{"0":`, map[string]string{"0": "x"}))
		},
		"map names no file": func() *httptest.ResponseRecorder {
			return post(form(gql(upload, `{"input":{"profileImage":null}}`), `{"0":["variables.input.profileImage"]}`, nil))
		},
		"file the map does not name": func() *httptest.ResponseRecorder {
			return post(form(gql(upload, `{"input":{"profileImage":null}}`), `{}`, map[string]string{"9": "x"}))
		},
		"operations not json": func() *httptest.ResponseRecorder {
			return post(form(`{"query":`, `{}`, nil))
		},
		"too many files": func() *httptest.ResponseRecorder {
			files, paths := map[string]string{}, map[string][]string{}
			vars := []any{}
			for i := range 6 {
				k := string(rune('a' + i))
				files[k], paths[k] = "x", []string{"variables.f." + string(rune('0'+i))}
				vars = append(vars, nil)
			}
			m, _ := json.Marshal(paths)
			v, _ := json.Marshal(map[string]any{"f": vars})
			return post(form(gql(`query($f: [Upload!]) { keywords { key } }`, string(v)), string(m), files))
		},
		"huge operations": func() *httptest.ResponseRecorder {
			return post(form(`{"query":"{ keywords { key } }","variables":{"pad":"`+strings.Repeat("x", 2<<20)+`"}}`, `{}`, nil))
		},
	}
	for name, send := range cases {
		rec := send()
		var res apitest.Response
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Errorf("%s: not GraphQL JSON (%d): %s", name, rec.Code, rec.Body)
			continue
		}
		if len(res.Errors) == 0 {
			t.Errorf("%s: no error: %s", name, rec.Body)
		}
		for _, e := range res.Errors {
			if e.Code() == "" {
				t.Errorf("%s: an error without a code: %+v", name, e)
			}
			for _, word := range internalWords {
				if strings.Contains(e.Message, word) {
					t.Errorf("%s: %q leaks %q", name, e.Message, word)
				}
			}
		}
	}
	if strings.Contains(api.Logs(), "panic") {
		t.Fatal("a malformed request made the server panic")
	}
	// Nobody but a signed-in member makes the server read files.
	token = ""
	var res apitest.Response
	rec := post(form(gql(upload, `{"input":{"profileImage":null}}`), `{"0":["variables.input.profileImage"]}`, map[string]string{"0": "x"}))
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || len(res.Errors) != 1 || res.Errors[0].Code() != "UNAUTHENTICATED" {
		t.Fatalf("anonymous upload: %d %s", rec.Code, rec.Body)
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
