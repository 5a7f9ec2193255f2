// Package playground owns the GraphQL playground: the GraphiQL page at
// /playground and everything it loads from /playground/assets/, namely pinned
// builds of GraphiQL, React and ReactDOM (assets/vendor, fetched from npm by
// refresh.sh, versions in assets/vendor/VERSIONS) and the script that starts
// GraphiQL. All of it is embedded in the binary, so the playground works
// without internet. The page runs under its own Content-Security-Policy:
// scripts and styles from this server only, requests to this server only.
package playground

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

const (
	// Path is where the page is served.
	Path = "/playground"
	// AssetPrefix is where the page's scripts and styles are served.
	AssetPrefix = Path + "/assets/"
)

// assetMaxAge is how long a browser keeps an asset whose URL names its
// version: the URL changes with the content, so it may keep it for ever.
const assetMaxAge = "public, max-age=31536000, immutable"

//go:embed page.html
var pageHTML string

// embedded holds what the page loads; licenses and VERSIONS stay out.
//
//go:embed assets/*.js assets/*.css assets/vendor/*.js assets/vendor/*.css
var embedded embed.FS

var contentTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
}

type asset struct {
	body        []byte
	contentType string
	version     string // the start of the content's SHA-256, in hex
}

// assets are the embedded files by their name under assets/, such as
// "vendor/graphiql.min.js".
var assets = loadAssets()

func loadAssets() map[string]asset {
	all := map[string]asset{}
	err := fs.WalkDir(embedded, "assets", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := embedded.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		all[strings.TrimPrefix(name, "assets/")] = asset{
			body:        body,
			contentType: contentTypes[path.Ext(name)],
			version:     hex.EncodeToString(sum[:6]),
		}
		return nil
	})
	if err != nil {
		panic("playground: read embedded assets: " + err.Error())
	}
	return all
}

// AssetURL returns the URL of an embedded asset, with its version in the
// query so that browsers may cache it for ever; ok is false for a name that
// is not embedded.
func AssetURL(name string) (url string, ok bool) {
	a, ok := assets[name]
	if !ok {
		return "", false
	}
	return AssetPrefix + name + "?v=" + a.version, true
}

var page = template.Must(template.New("page.html").Funcs(template.FuncMap{
	"asset": func(name string) (string, error) {
		url, ok := AssetURL(name)
		if !ok {
			return "", fmt.Errorf("no embedded asset %q", name)
		}
		return url, nil
	},
}).Parse(pageHTML))

// Handler serves the page at Path and its assets under AssetPrefix; route
// both to it.
type Handler struct {
	title    string
	endpoint string
}

// New returns the playground titled title, whose page sends operations to
// endpoint, a path on this server such as /query.
func New(title, endpoint string) *Handler {
	return &Handler{title: title, endpoint: endpoint}
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch {
	case r.URL.Path == Path:
		h.servePage(w)
	case strings.HasPrefix(r.URL.Path, AssetPrefix):
		serveAsset(w, r, strings.TrimPrefix(r.URL.Path, AssetPrefix))
	default:
		http.NotFound(w, r)
	}
}

// policy is the page's Content-Security-Policy. Scripts come from this
// server only, inline scripts never run; styles come from this server or
// carry the page's nonce (GraphiQL's dialogs add <style> elements); GraphiQL's
// fonts are data: URLs inside its stylesheet; the page talks to this server
// only.
func policy(nonce string) string {
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self' 'nonce-" + nonce + "'",
		"font-src data:",
		"img-src 'self' data:",
		"connect-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	}, "; ")
}

func (h *Handler) servePage(w http.ResponseWriter) {
	nonce := rand.Text()
	var buf bytes.Buffer
	err := page.Execute(&buf, struct{ Title, Endpoint, Nonce string }{h.title, h.endpoint, nonce})
	if err != nil {
		http.Error(w, "the playground page is broken: "+err.Error(), http.StatusInternalServerError)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Content-Security-Policy", policy(nonce))
	hdr.Set("Referrer-Policy", "no-referrer")
	_, _ = w.Write(buf.Bytes())
}

func serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	a, ok := assets[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", a.contentType)
	hdr.Set("ETag", `"`+a.version+`"`)
	if r.URL.Query().Get("v") == a.version {
		hdr.Set("Cache-Control", assetMaxAge)
	} else {
		hdr.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
}
