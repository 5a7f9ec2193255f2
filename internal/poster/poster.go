package poster

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/claco/claco/internal/hostallow"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// Pattern is the route the server registers the Handler under.
const Pattern = "GET /posters/{id}"

// Path is where the poster of a concert is served.
func Path(concertID int) string { return "/posters/" + strconv.Itoa(concertID) }

// Defaults for Options left zero.
const (
	DefaultMaxBytes = 10 << 20
	DefaultTimeout  = 10 * time.Second
)

// maxRedirects is how many redirects within the allow-list a fetch follows.
const maxRedirects = 3

// ErrNoPoster is what a Lookup returns (possibly wrapped) for an unknown
// concert or one without a poster; the handler answers 404.
var ErrNoPoster = errors.New("poster: no such concert or no poster")

// Lookup returns the poster URL stored for a concert, or ErrNoPoster. An
// empty URL counts as no poster.
type Lookup func(ctx context.Context, concertID int) (posterURL string, err error)

// Options configure a Handler.
type Options struct {
	// AllowedHosts are the hosts posters may be fetched from: a bare name
	// ("www.kopis.or.kr") matches that host on any port, "host:port"
	// ("127.0.0.1:8080") only that port. Required.
	AllowedHosts []string
	Lookup       Lookup // required
	Cache        Cache  // required
	// Client fetches posters; nil means a client over http.DefaultTransport.
	// Its CheckRedirect and Jar are replaced (redirects are checked against
	// AllowedHosts; no cookies are kept).
	Client   *http.Client
	MaxBytes int64         // largest poster accepted; 0 means DefaultMaxBytes
	Timeout  time.Duration // whole fetch, redirects and body included; 0 means DefaultTimeout
	Logger   *slog.Logger  // nil discards
}

// Handler serves GET /posters/{id}.
type Handler struct {
	allow    *hostallow.List
	lookup   Lookup
	cache    Cache
	client   *http.Client
	maxBytes int64
	timeout  time.Duration
	log      *slog.Logger

	mu      sync.Mutex
	flights map[string]*flight
}

// New checks the options and returns a Handler.
func New(o Options) (*Handler, error) {
	allow, err := hostallow.New(o.AllowedHosts)
	if err != nil {
		return nil, err
	}
	if o.Lookup == nil || o.Cache == nil {
		return nil, errors.New("poster: Lookup and Cache are required")
	}
	if o.MaxBytes < 0 || o.Timeout < 0 {
		return nil, errors.New("poster: negative MaxBytes or Timeout")
	}
	h := &Handler{
		allow:    allow,
		lookup:   o.Lookup,
		cache:    o.Cache,
		maxBytes: orDefault(o.MaxBytes, DefaultMaxBytes),
		timeout:  orDefault(o.Timeout, DefaultTimeout),
		log:      o.Logger,
		flights:  map[string]*flight{},
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	client := &http.Client{}
	if o.Client != nil {
		c := *o.Client
		client = &c
	}
	client.Jar = nil
	client.CheckRedirect = h.checkRedirect
	h.client = client
	return h, nil
}

func orDefault[T int64 | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

var (
	errTooManyRedirects = errors.New("too many redirects")
	errNotImage         = errors.New("not a JPEG, PNG, GIF or WebP image")
	errTooLarge         = errors.New("poster too large")
)

// imageTypes are the accepted types, as http.DetectContentType names them.
var imageTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/gif": true, "image/webp": true}

func (h *Handler) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return errTooManyRedirects
	}
	if err := h.allow.Check(req.URL); err != nil {
		return fmt.Errorf("redirect: %w", err)
	}
	return nil
}

// poster is an image ready to serve.
type poster struct {
	data  []byte
	ctype string
	etag  string
}

// ServeHTTP answers 200 with the image (304 on a matching If-None-Match),
// 404 for a bad id or no poster, 502 when the poster cannot be fetched.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	id, ok := parseID(r.PathValue("id"))
	if !ok {
		http.Error(w, "poster not found", http.StatusNotFound)
		return
	}
	raw, err := h.lookup(r.Context(), id)
	if raw == "" && err == nil {
		err = ErrNoPoster
	}
	switch {
	case errors.Is(err, ErrNoPoster):
		http.Error(w, "poster not found", http.StatusNotFound)
		return
	case err != nil:
		h.log.ErrorContext(r.Context(), "poster lookup failed", "concert_id", id, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	u, err := url.Parse(raw)
	if err == nil {
		err = h.allow.Check(u)
	}
	if err != nil {
		// url.Parse errors quote the whole URL; log none of it.
		h.log.WarnContext(r.Context(), "poster URL refused", "concert_id", id, "url", safeURL(u), "err", safeErr(err, u))
		badGateway(w)
		return
	}
	u.Fragment, u.RawFragment = "", ""

	key := cacheKey(id, u.String())
	p, err := h.fromCache(r.Context(), key, id)
	if p == nil && err == nil {
		p, err = h.fetchOnce(r.Context(), key, id, u)
	}
	if err != nil {
		if cerr := r.Context().Err(); cerr == nil || !errors.Is(err, cerr) { // else the client has gone
			h.log.WarnContext(r.Context(), "poster fetch refused", "concert_id", id, "url", safeURL(u), "err", safeErr(err, u))
		}
		badGateway(w)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", p.ctype)
	hd.Set("ETag", p.etag)
	hd.Set("Cache-Control", "public, max-age=86400")
	hd.Set("X-Content-Type-Options", "nosniff")
	// ServeContent answers If-None-Match (304), HEAD and ranges, and sets
	// Content-Length.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(p.data))
}

func badGateway(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, "poster unavailable", http.StatusBadGateway)
}

// parseID accepts a positive decimal int without sign or leading zeros.
func parseID(s string) (int, bool) {
	if s == "" || len(s) > 18 || s[0] == '0' {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	id, err := strconv.Atoi(s)
	return id, err == nil
}

// cacheKey is the hex SHA-256 of the concert id and the poster URL.
func cacheKey(concertID int, posterURL string) string {
	sum := sha256.Sum256([]byte(strconv.Itoa(concertID) + "\n" + posterURL))
	return hex.EncodeToString(sum[:])
}

// fromCache returns the cached poster, or nil, nil when there is none (or
// the entry is unusable and should be fetched again).
func (h *Handler) fromCache(ctx context.Context, key string, id int) (*poster, error) {
	rc, err := h.cache.Get(ctx, key)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		h.log.ErrorContext(ctx, "poster cache read failed", "concert_id", id, "key", key, "err", err)
		return nil, nil
	}
	defer rc.Close()
	p, err := h.readImage(rc)
	if err != nil {
		h.log.ErrorContext(ctx, "poster cache entry unusable; fetching again", "concert_id", id, "key", key, "err", err)
		return nil, nil
	}
	return p, nil
}

// readImage reads at most maxBytes of an accepted image type.
func (h *Handler) readImage(r io.Reader) (*poster, error) {
	data, err := io.ReadAll(io.LimitReader(r, h.maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > h.maxBytes {
		return nil, errTooLarge
	}
	ctype := http.DetectContentType(data)
	if !imageTypes[ctype] {
		return nil, fmt.Errorf("%w (sniffed %s)", errNotImage, ctype)
	}
	sum := sha256.Sum256(data)
	return &poster{data: data, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:]) + `"`}, nil
}

// flight is one fetch that concurrent requests for the same key share.
type flight struct {
	done chan struct{}
	p    *poster
	err  error
}

// fetchOnce fetches and caches the poster under key, sharing the work with
// concurrent callers. The first caller does the fetch, unaffected by its own
// client going away but bounded by the timeout; the others wait for it or
// for their own request to end.
func (h *Handler) fetchOnce(ctx context.Context, key string, id int, u *url.URL) (*poster, error) {
	h.mu.Lock()
	if f, ok := h.flights[key]; ok {
		h.mu.Unlock()
		select {
		case <-f.done:
			return f.p, f.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	h.flights[key] = f
	h.mu.Unlock()

	defer func() {
		h.mu.Lock()
		delete(h.flights, key)
		h.mu.Unlock()
		close(f.done)
	}()
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), h.timeout)
	defer cancel()
	// A flight that ended between our cache miss and now has stored its
	// poster: look again so that it is fetched only once.
	if f.p, _ = h.fromCache(fctx, key, id); f.p != nil {
		return f.p, nil
	}
	f.p, f.err = h.fetch(fctx, u)
	if f.err != nil {
		return nil, f.err
	}
	if err := h.cache.Put(fctx, key, bytes.NewReader(f.p.data)); err != nil {
		// Serve it anyway; the next request tries to store it again.
		h.log.ErrorContext(ctx, "poster cache write failed", "concert_id", id, "key", key, "err", err)
	}
	return f.p, nil
}

// fetch downloads u, checked against the allow-list at every hop.
func (h *Handler) fetch(ctx context.Context, u *url.URL) (*poster, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1")
	req.Header.Set("User-Agent", "claco-poster/1")
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if err := h.allow.Check(resp.Request.URL); err != nil { // redundant with checkRedirect; kept as a last guard
		return nil, fmt.Errorf("final URL: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("upstream status %d", resp.StatusCode)
	}
	if resp.ContentLength > h.maxBytes {
		return nil, errTooLarge
	}
	p, err := h.readImage(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read poster: %w", err)
	}
	return p, nil
}

// safeURL is u without user info, query or fragment, for logs.
func safeURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// safeErr strips the URL a *url.Error (from url.Parse or http.Client) carries
// and puts the redacted one in its place.
func safeErr(err error, u *url.URL) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u == nil {
			return ue.Op + ": " + "unparsable URL"
		}
		return ue.Op + " " + safeURL(u) + ": " + ue.Err.Error()
	}
	return err.Error()
}
