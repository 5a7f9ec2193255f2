package poster_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claco/claco/internal/poster"
)

// PNG is a PNG signature padded to a given size.
func PNG(size int) []byte {
	b := make([]byte, size)
	copy(b, "\x89PNG\r\n\x1a\n")
	for i := 8; i < size; i++ {
		b[i] = byte(i)
	}
	return b
}

// upstream is a loopback stand-in for KOPIS that counts its requests.
type upstream struct {
	*httptest.Server
	hits atomic.Int64
}

func newUpstream(t *testing.T, h http.HandlerFunc) *upstream {
	t.Helper()
	u := &upstream{}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(u.Close)
	return u
}

// host is the server's host:port, its allow-list entry.
func (u *upstream) host() string { return u.Listener.Addr().String() }

func servePNG(body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body) }
}

// fixture is a Handler on a mux, as the server registers it.
type fixture struct {
	mux      *http.ServeMux
	cacheDir string
	logs     *syncBuffer
	posters  sync.Map // concert id → poster URL
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newFixture(t *testing.T, allowed []string, edit func(*poster.Options)) *fixture {
	t.Helper()
	f := &fixture{cacheDir: t.TempDir(), logs: &syncBuffer{}}
	cache, err := poster.NewDirCache(f.cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	opts := poster.Options{
		AllowedHosts: allowed,
		Lookup: func(_ context.Context, id int) (string, error) {
			u, ok := f.posters.Load(id)
			if !ok {
				return "", fmt.Errorf("concert %d: %w", id, poster.ErrNoPoster)
			}
			return u.(string), nil
		},
		Cache:  cache,
		Logger: slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if edit != nil {
		edit(&opts)
	}
	h, err := poster.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	f.mux = http.NewServeMux()
	f.mux.Handle(poster.Pattern, h)
	return f
}

func (f *fixture) get(path string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	f.mux.ServeHTTP(rec, req)
	return rec
}

func (f *fixture) cached(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(f.cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestServesAllowedPosterAndCachesIt(t *testing.T) {
	img := PNG(4096)
	up := newUpstream(t, servePNG(img))
	f := newFixture(t, []string{up.host()}, nil)
	f.posters.Store(7, up.URL+"/upload/pfmPoster/PF_1.gif?x=1")

	rec := f.get("/posters/7")
	if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), img) {
		t.Fatalf("first request: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	h := rec.Header()
	want := map[string]string{
		"Content-Type":           "image/png", // sniffed, not taken from the file name
		"Cache-Control":          "public, max-age=86400",
		"X-Content-Type-Options": "nosniff",
		"Content-Length":         strconv.Itoa(len(img)),
	}
	for k, v := range want {
		if h.Get(k) != v {
			t.Errorf("%s: %q, want %q", k, h.Get(k), v)
		}
	}
	etag := h.Get("ETag")
	if len(etag) < 3 || etag[0] != '"' || strings.HasPrefix(etag, "W/") {
		t.Fatalf("ETag %q is not a strong tag", etag)
	}

	rec = f.get("/posters/7")
	if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), img) || rec.Header().Get("ETag") != etag {
		t.Fatalf("second request: %d, ETag %q", rec.Code, rec.Header().Get("ETag"))
	}
	rec = f.get("/posters/7", "If-None-Match", etag)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Fatalf("If-None-Match: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	if rec = f.get("/posters/7", "If-None-Match", `"other"`); rec.Code != http.StatusOK {
		t.Fatalf("stale If-None-Match: %d", rec.Code)
	}
	if n := up.hits.Load(); n != 1 {
		t.Fatalf("upstream reached %d times, want 1", n)
	}
	if names := f.cached(t); len(names) != 1 || len(names[0]) != 64 {
		t.Fatalf("cache holds %q, want one hex sha256 name", names)
	}

	// A changed poster URL is fetched afresh.
	f.posters.Store(7, up.URL+"/upload/pfmPoster/PF_2.png")
	if rec = f.get("/posters/7"); rec.Code != http.StatusOK || up.hits.Load() != 2 {
		t.Fatalf("changed URL: %d, %d upstream hits", rec.Code, up.hits.Load())
	}
}

func TestCacheOutlivesTheHandler(t *testing.T) {
	img := PNG(100)
	up := newUpstream(t, servePNG(img))
	dir := t.TempDir()
	for i := range 2 {
		f := newFixture(t, []string{up.host()}, func(o *poster.Options) {
			c, err := poster.NewDirCache(dir)
			if err != nil {
				t.Fatal(err)
			}
			o.Cache = c
		})
		f.posters.Store(1, up.URL+"/p.png")
		if rec := f.get("/posters/1"); rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), img) {
			t.Fatalf("handler %d: %d", i, rec.Code)
		}
	}
	if up.hits.Load() != 1 {
		t.Fatalf("upstream reached %d times, want 1", up.hits.Load())
	}
}

func TestHeadRequest(t *testing.T) {
	up := newUpstream(t, servePNG(PNG(300)))
	f := newFixture(t, []string{up.host()}, nil)
	f.posters.Store(1, up.URL+"/p.png")
	req := httptest.NewRequest(http.MethodHead, "/posters/1", nil)
	rec := httptest.NewRecorder()
	f.mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Length") != "300" || rec.Body.Len() != 0 {
		t.Fatalf("HEAD: %d, length %q, %d body bytes", rec.Code, rec.Header().Get("Content-Length"), rec.Body.Len())
	}
}

func TestAcceptsEveryImageType(t *testing.T) {
	bodies := map[string][]byte{
		"image/jpeg": append([]byte("\xff\xd8\xff\xe0"), make([]byte, 60)...),
		"image/png":  PNG(64),
		"image/gif":  append([]byte("GIF89a"), make([]byte, 60)...),
		"image/webp": append([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "), make([]byte, 60)...),
	}
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(bodies[r.URL.Query().Get("t")])
	})
	f := newFixture(t, []string{up.host()}, nil)
	id := 0
	for ctype := range bodies {
		id++
		f.posters.Store(id, up.URL+"/p?t="+ctype)
		rec := f.get("/posters/" + strconv.Itoa(id))
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != ctype {
			t.Errorf("%s: %d %q", ctype, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}

// refused asserts a 502 with a short plain-text body and nothing cached.
func refused(t *testing.T, f *fixture, path string) {
	t.Helper()
	rec := f.get(path)
	if rec.Code != http.StatusBadGateway {
		t.Fatalf("%s: %d, want 502", path, rec.Code)
	}
	if body := rec.Body.String(); body != "poster unavailable\n" || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("%s: body %q, type %q", path, body, rec.Header().Get("Content-Type"))
	}
	if rec.Header().Get("ETag") != "" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("%s: a refusal carries caching headers %v", path, rec.Header())
	}
	if names := f.cached(t); len(names) != 0 {
		t.Fatalf("%s: refusal left %q in the cache", path, names)
	}
}

func TestRefusesHostsOutsideTheAllowList(t *testing.T) {
	allowed := newUpstream(t, servePNG(PNG(64)))
	other := newUpstream(t, servePNG(PNG(64)))
	f := newFixture(t, []string{allowed.host(), "www.kopis.or.kr"}, nil)
	otherPort := other.host()
	_, port, _ := strings.Cut(otherPort, ":")
	for i, u := range []string{
		other.URL + "/p.png",                        // same IP, another port: host:port entries match exactly
		"http://localhost:" + port + "/p.png",       // another name for an unlisted host
		"http://www.kopis.or.kr@" + otherPort + "/", // user info trick
		"http://" + allowed.host() + "@" + otherPort + "/p.png",
		"file:///etc/passwd",
		"ftp://www.kopis.or.kr/p.png",
		"//" + otherPort + "/p.png",
		"/upload/p.png",
		"http://www.kopis.or.kr.evil.example/p.png",
		"http://[::1]:" + port + "/p.png",
		"http://%zz/",
	} {
		id := i + 1
		f.posters.Store(id, u)
		refused(t, f, "/posters/"+strconv.Itoa(id))
	}
	if other.hits.Load() != 0 || allowed.hits.Load() != 0 {
		t.Fatalf("upstream hits: other %d, allowed %d; want none", other.hits.Load(), allowed.hits.Load())
	}
}

func TestRedirects(t *testing.T) {
	img := PNG(64)
	other := newUpstream(t, servePNG(img))
	var up *upstream
	up = newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case p == "/away":
			http.Redirect(w, r, other.URL+"/p.png", http.StatusFound)
		case p == "/away-by-name": // the same server under a name the list lacks
			_, port, _ := strings.Cut(up.host(), ":")
			http.Redirect(w, r, "http://localhost:"+port+"/hops/0", http.StatusFound)
		case strings.HasPrefix(p, "/hops/"): // /hops/n redirects n more times
			n, _ := strconv.Atoi(strings.TrimPrefix(p, "/hops/"))
			if n == 0 {
				_, _ = w.Write(img)
				return
			}
			http.Redirect(w, r, up.URL+"/hops/"+strconv.Itoa(n-1), http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	})
	f := newFixture(t, []string{up.host()}, nil)

	f.posters.Store(1, up.URL+"/away")
	refused(t, f, "/posters/1")
	f.posters.Store(2, up.URL+"/away-by-name")
	refused(t, f, "/posters/2")
	if other.hits.Load() != 0 || up.hits.Load() != 2 {
		t.Fatalf("the other host was contacted %d times, the allowed one %d", other.hits.Load(), up.hits.Load())
	}

	f.posters.Store(3, up.URL+"/hops/3")
	if rec := f.get("/posters/3"); rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), img) {
		t.Fatalf("3 redirects within the list: %d", rec.Code)
	}
	f.posters.Store(4, up.URL+"/hops/4")
	if rec := f.get("/posters/4"); rec.Code != http.StatusBadGateway {
		t.Fatalf("4 redirects: %d, want 502", rec.Code)
	}
}

func TestRefusesWhatIsNotAnImage(t *testing.T) {
	bodies := []string{
		"<!DOCTYPE html><html><script>alert(1)</script></html>",
		`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		"%PDF-1.7\n",
		"",
	}
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png") // the header is not believed
		i, _ := strconv.Atoi(r.URL.Query().Get("i"))
		_, _ = io.WriteString(w, bodies[i])
	})
	f := newFixture(t, []string{up.host()}, nil)
	for i := range bodies {
		f.posters.Store(i+1, up.URL+"/p.png?i="+strconv.Itoa(i))
		refused(t, f, "/posters/"+strconv.Itoa(i+1))
	}
}

func TestRefusesUpstreamErrors(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		w.WriteHeader(code)
		_, _ = w.Write(PNG(64)) // an image body does not redeem an error status
	})
	f := newFixture(t, []string{up.host()}, nil)
	for i, code := range []int{404, 500, 503, 204, 206} {
		f.posters.Store(i+1, up.URL+"/p.png?code="+strconv.Itoa(code))
		refused(t, f, "/posters/"+strconv.Itoa(i+1))
	}

	gone := newUpstream(t, servePNG(PNG(64)))
	gone.Close() // connection refused
	f = newFixture(t, []string{gone.host()}, nil)
	f.posters.Store(1, gone.URL+"/p.png")
	refused(t, f, "/posters/1")
}

func TestRefusesOversizePosters(t *testing.T) {
	const limit = 1024
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		if r.URL.Query().Get("chunked") != "" {
			w.(http.Flusher).Flush() // no Content-Length: the limit must hold while reading
		}
		_, _ = w.Write(PNG(n))
	})
	f := newFixture(t, []string{up.host()}, func(o *poster.Options) { o.MaxBytes = limit })
	f.posters.Store(1, up.URL+"/p.png?n=1025")
	refused(t, f, "/posters/1")
	f.posters.Store(2, up.URL+"/p.png?chunked=1&n=100000")
	refused(t, f, "/posters/2")
	f.posters.Store(3, up.URL+"/p.png?chunked=1&n=1024")
	if rec := f.get("/posters/3"); rec.Code != http.StatusOK || rec.Body.Len() != limit {
		t.Fatalf("poster of exactly MaxBytes: %d, %d bytes", rec.Code, rec.Body.Len())
	}
}

func TestRefusesSlowUpstreamWithinTheTimeout(t *testing.T) {
	release := make(chan struct{})
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("body") != "" { // headers and part of the body, then stall
			w.Header().Set("Content-Length", "64")
			_, _ = w.Write(PNG(64)[:16])
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(release) }) // runs before up.Close
	f := newFixture(t, []string{up.host()}, func(o *poster.Options) { o.Timeout = 200 * time.Millisecond })
	f.posters.Store(1, up.URL+"/p.png")
	refused(t, f, "/posters/1")
	f.posters.Store(2, up.URL+"/p.png?body=1")
	refused(t, f, "/posters/2")
}

func TestNotFound(t *testing.T) {
	up := newUpstream(t, servePNG(PNG(64)))
	f := newFixture(t, []string{up.host()}, nil)
	f.posters.Store(1, up.URL+"/p.png")
	f.posters.Store(2, "") // a concert without a poster
	for _, path := range []string{
		"/posters/3", "/posters/2", "/posters/abc", "/posters/-1", "/posters/+1", "/posters/01",
		"/posters/0", "/posters/1.0", "/posters/1e3", "/posters/99999999999999999999", "/posters/%31%00",
	} {
		if rec := f.get(path); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
	if up.hits.Load() != 0 {
		t.Fatalf("upstream reached %d times", up.hits.Load())
	}
}

func TestLookupFailureIsAnInternalError(t *testing.T) {
	f := newFixture(t, []string{"www.kopis.or.kr"}, func(o *poster.Options) {
		o.Lookup = func(context.Context, int) (string, error) { return "", errors.New("db: connection reset") }
	})
	rec := f.get("/posters/1")
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "db:") {
		t.Fatalf("lookup failure: %d %q", rec.Code, rec.Body.String())
	}
}

func TestRefusalIsNotCached(t *testing.T) {
	var fixed atomic.Bool
	img := PNG(64)
	up := newUpstream(t, func(w http.ResponseWriter, _ *http.Request) {
		if fixed.Load() {
			_, _ = w.Write(img)
			return
		}
		_, _ = io.WriteString(w, "<html>maintenance</html>")
	})
	f := newFixture(t, []string{up.host()}, nil)
	f.posters.Store(1, up.URL+"/p.png")
	refused(t, f, "/posters/1")
	refused(t, f, "/posters/1")
	fixed.Store(true)
	if rec := f.get("/posters/1"); rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), img) {
		t.Fatalf("after the upstream was fixed: %d", rec.Code)
	}
	if up.hits.Load() != 3 || len(f.cached(t)) != 1 {
		t.Fatalf("%d upstream hits, cache %q", up.hits.Load(), f.cached(t))
	}
}

func TestConcurrentFirstRequestsFetchOnce(t *testing.T) {
	img := PNG(50000)
	gate := make(chan struct{})
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		select { // hold the first fetch so that the others pile up behind it
		case <-gate:
		case <-r.Context().Done():
		}
		_, _ = w.Write(img)
	})
	f := newFixture(t, []string{up.host()}, nil)
	f.posters.Store(1, up.URL+"/p.png")

	const n = 8
	codes := make([]int, n)
	bodies := make([][]byte, n)
	var started, done sync.WaitGroup
	started.Add(n)
	for i := range n {
		done.Go(func() {
			started.Done()
			rec := f.get("/posters/1")
			codes[i], bodies[i] = rec.Code, rec.Body.Bytes()
		})
	}
	started.Wait()
	close(gate)
	done.Wait()
	for i := range n {
		if codes[i] != http.StatusOK || !bytes.Equal(bodies[i], img) {
			t.Fatalf("request %d: %d, %d bytes", i, codes[i], len(bodies[i]))
		}
	}
	if up.hits.Load() != 1 {
		t.Fatalf("upstream reached %d times, want 1", up.hits.Load())
	}
}

func TestLogsHostAndPathButNoQuery(t *testing.T) {
	const secret = "serviceKey=SECRET123"
	gone := newUpstream(t, servePNG(PNG(64)))
	gone.Close()
	html := newUpstream(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "<html></html>") })
	f := newFixture(t, []string{gone.host(), html.host()}, nil)
	f.posters.Store(1, gone.URL+"/upload/p.png?"+secret)                  // connection refused: *url.Error quotes the URL
	f.posters.Store(2, html.URL+"/upload/p.png?"+secret)                  // not an image
	f.posters.Store(3, "http://elsewhere.example/upload/p.png?"+secret)   // not allowed
	f.posters.Store(4, "http://user:"+secret+"@"+html.host()+"/p.png")    // user info
	f.posters.Store(5, "http://"+html.host()+"/p.png?"+secret+"&x=%zz%z") // still parses: bad escapes in a query are kept raw
	f.posters.Store(6, "http://a b/p.png?"+secret)                        // does not parse
	for id := 1; id <= 6; id++ {
		refused(t, f, "/posters/"+strconv.Itoa(id))
	}
	logs := f.logs.String()
	if strings.Contains(logs, "SECRET") {
		t.Fatalf("logs leak the query:\n%s", logs)
	}
	for _, want := range []string{gone.host() + "/upload/p.png", html.host() + "/upload/p.png", "elsewhere.example"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
}

// failingCache stores nothing.
type failingCache struct{}

func (failingCache) Get(context.Context, string) (io.ReadCloser, error) {
	return nil, os.ErrNotExist
}
func (failingCache) Put(context.Context, string, io.Reader) error { return errors.New("disk full") }

func TestServesEvenWhenTheCacheCannotStore(t *testing.T) {
	up := newUpstream(t, servePNG(PNG(64)))
	f := newFixture(t, []string{up.host()}, func(o *poster.Options) { o.Cache = failingCache{} })
	f.posters.Store(1, up.URL+"/p.png")
	if rec := f.get("/posters/1"); rec.Code != http.StatusOK {
		t.Fatalf("%d, want 200", rec.Code)
	}
	if !strings.Contains(f.logs.String(), "disk full") {
		t.Fatalf("cache failure not logged:\n%s", f.logs.String())
	}
}

func TestRefetchesAnUnusableCacheEntry(t *testing.T) {
	img := PNG(64)
	up := newUpstream(t, servePNG(img))
	f := newFixture(t, []string{up.host()}, nil)
	u := up.URL + "/p.png"
	f.posters.Store(1, u)
	key := poster.CacheKey(1, u)
	if err := os.WriteFile(f.cacheDir+"/"+key, []byte("<html>tampered</html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	if rec := f.get("/posters/1"); rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), img) {
		t.Fatalf("%d, want the fetched image", rec.Code)
	}
	if got, _ := os.ReadFile(f.cacheDir + "/" + key); !bytes.Equal(got, img) || up.hits.Load() != 1 {
		t.Fatalf("cache entry not replaced (%d upstream hits)", up.hits.Load())
	}
}

func TestNewChecksOptions(t *testing.T) {
	cache, err := poster.NewDirCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	lookup := func(context.Context, int) (string, error) { return "", poster.ErrNoPoster }
	for name, o := range map[string]poster.Options{
		"no hosts":    {Lookup: lookup, Cache: cache},
		"URL entry":   {AllowedHosts: []string{"http://www.kopis.or.kr"}, Lookup: lookup, Cache: cache},
		"bad port":    {AllowedHosts: []string{"kopis.or.kr:99999"}, Lookup: lookup, Cache: cache},
		"empty entry": {AllowedHosts: []string{" "}, Lookup: lookup, Cache: cache},
		"no lookup":   {AllowedHosts: []string{"kopis.or.kr"}, Cache: cache},
		"no cache":    {AllowedHosts: []string{"kopis.or.kr"}, Lookup: lookup},
		"negative":    {AllowedHosts: []string{"kopis.or.kr"}, Lookup: lookup, Cache: cache, Timeout: -1},
	} {
		if _, err := poster.New(o); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := poster.New(poster.Options{AllowedHosts: []string{"www.kopis.or.kr", "kopis.or.kr"}, Lookup: lookup, Cache: cache}); err != nil {
		t.Fatal(err)
	}
	if poster.Path(42) != "/posters/42" {
		t.Fatal(poster.Path(42))
	}
}
