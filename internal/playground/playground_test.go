package playground_test

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/playground"
)

func get(h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var (
	scriptTag = regexp.MustCompile(`<script\b[^>]*>`)
	assetRef  = regexp.MustCompile(`(?:src|href)="([^"]*)"`)
	nonceAttr = regexp.MustCompile(`nonce="([^"]+)"`)
)

// The page loads every script from a file of this server, under a policy
// that refuses inline scripts and other origins, and sends operations to the
// endpoint.
func TestPageLoadsOnlyItsOwnAssets(t *testing.T) {
	h := playground.New("Claco", "/query")
	rec := get(h, playground.Path)
	if rec.Code != http.StatusOK {
		t.Fatalf("page: %d", rec.Code)
	}
	hdr := rec.Header()
	if got := hdr.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("page content type %q", got)
	}
	if got := hdr.Get("Cache-Control"); got != "no-store" {
		t.Errorf("page Cache-Control %q", got)
	}
	body := rec.Body.String()
	csp := hdr.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe") {
		t.Errorf("policy allows unsafe sources: %q", csp)
	}
	m := nonceAttr.FindStringSubmatch(body)
	if m == nil || !strings.Contains(csp, "'nonce-"+m[1]+"'") {
		t.Errorf("the page's nonce is not the policy's: %q, %q", m, csp)
	}
	if again := get(h, playground.Path); again.Header().Get("Content-Security-Policy") == csp {
		t.Error("two pages got the same nonce")
	}
	if !strings.Contains(body, `data-endpoint="/query"`) {
		t.Error("the page does not name the endpoint")
	}
	scripts := scriptTag.FindAllString(body, -1)
	if len(scripts) != 4 {
		t.Errorf("want 4 scripts (React, ReactDOM, GraphiQL, start), got %q", scripts)
	}
	for _, s := range scripts {
		if !strings.Contains(s, ` src="`+playground.AssetPrefix) {
			t.Errorf("script not from the assets: %s", s)
		}
	}
	refs := assetRef.FindAllStringSubmatch(body, -1)
	if len(refs) < 6 {
		t.Fatalf("want at least 6 asset references, got %q", refs)
	}
	for _, ref := range refs {
		u := strings.ReplaceAll(ref[1], "&amp;", "&")
		if u == "data:," { // the empty favicon
			continue
		}
		if !strings.HasPrefix(u, playground.AssetPrefix) {
			t.Errorf("the page loads %q from elsewhere", u)
			continue
		}
		rec := get(h, u)
		if rec.Code != http.StatusOK || rec.Body.Len() == 0 {
			t.Errorf("%s: %d, %d bytes", u, rec.Code, rec.Body.Len())
		}
		want := "text/javascript; charset=utf-8"
		if strings.Contains(u, ".css?") {
			want = "text/css; charset=utf-8"
		}
		if got := rec.Header().Get("Content-Type"); got != want {
			t.Errorf("%s: content type %q, want %q", u, got, want)
		}
		if got := rec.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", u, got)
		}
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", u, got)
		}
		if rec := get(h, u, "If-None-Match", rec.Header().Get("ETag")); rec.Code != http.StatusNotModified {
			t.Errorf("%s with its ETag: %d, want 304", u, rec.Code)
		}
	}
}

func TestAssetsServeOnlyWhatIsEmbedded(t *testing.T) {
	h := playground.New("Claco", "/query")
	url, ok := playground.AssetURL("vendor/graphiql.min.js")
	if !ok {
		t.Fatal("GraphiQL is not embedded")
	}
	// Without its version the URL may name other content tomorrow.
	if rec := get(h, strings.SplitN(url, "?", 2)[0]); rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("unversioned asset: %d, Cache-Control %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	for _, path := range []string{
		playground.AssetPrefix + "vendor/VERSIONS",
		playground.AssetPrefix + "vendor/LICENSE.react",
		playground.AssetPrefix + "nope.js",
		playground.AssetPrefix + "../page.html",
		playground.AssetPrefix,
		playground.Path + "/other",
	} {
		if rec := get(h, path); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
	req := httptest.NewRequest(http.MethodPost, playground.Path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", rec.Code)
	}
}

// The server routes the page and its assets to the playground, counted
// under one label, only when introspection is on.
func TestServerServesThePlayground(t *testing.T) {
	asset, _ := playground.AssetURL("vendor/react.production.min.js")
	api := apitest.New(t)
	for _, path := range []string{playground.Path, asset} {
		if rec := api.Get(path); rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, rec.Code)
		}
	}
	rec := httptest.NewRecorder()
	api.Server.AdminHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if want := `claco_http_requests_total{code="200",handler="playground",method="get"} 2`; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("/metrics lacks %s", want)
	}

	off := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Introspection = false }))
	for _, path := range []string{playground.Path, asset} {
		if rec := off.Get(path); rec.Code != http.StatusNotFound {
			t.Errorf("%s without introspection: %d, want 404", path, rec.Code)
		}
	}
}

// VERSIONS says what refresh.sh fetched; it must match the script's pins, or
// the script was changed and not run.
func TestVersionsMatchTheRefreshScript(t *testing.T) {
	script, err := os.ReadFile("refresh.sh")
	if err != nil {
		t.Fatal(err)
	}
	pin := regexp.MustCompile(`(?m)^\s*"([a-z-]+ \S+ sha512-\S+)"$`)
	var pins []string
	for _, m := range pin.FindAllStringSubmatch(string(script), -1) {
		pins = append(pins, m[1])
	}
	f, err := os.Open("assets/vendor/VERSIONS")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recorded []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			recorded = append(recorded, line)
		}
	}
	if len(pins) != 3 || strings.Join(pins, "\n") != strings.Join(recorded, "\n") {
		t.Fatalf("refresh.sh pins\n%s\nbut assets/vendor/VERSIONS records\n%s\nrun internal/playground/refresh.sh",
			strings.Join(pins, "\n"), strings.Join(recorded, "\n"))
	}
}
