package ocr

import (
	"context"
	"errors"
	"fmt"
	"github.com/claco/claco/internal/hostallow"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"time"
)

// Defaults for Options left zero.
const (
	DefaultTesseract = "tesseract"
	DefaultLanguages = "kor+eng"
	DefaultMaxBytes  = 10 << 20         // largest image fetched
	DefaultTimeout   = 15 * time.Second // one fetch, redirects and body included
	DefaultMaxPixels = 40_000_000       // largest image (width × height) handed to tesseract
	// DefaultOCRTimeout bounds one tesseract run; a tall programme page
	// takes a few seconds.
	DefaultOCRTimeout = 60 * time.Second
	DefaultMaxImages  = 5       // images read per Text call
	DefaultMaxText    = 8 << 10 // bytes of text returned by Text
)

// maxImageText bounds the text kept (and cached) for one image.
const maxImageText = 64 << 10

// ErrRefused is wrapped by every error for an image that was not fetched or
// not handed to tesseract because it breaks the rules: a URL that is not
// http(s), carries user info or names a host off the allow-list, a redirect
// off the list, a body that does not sniff as JPEG, PNG, GIF or WebP, or an
// image over MaxBytes or MaxPixels.
var ErrRefused = errors.New("ocr: image refused")

// Options configure a Reader.
type Options struct {
	// AllowedHosts are the hosts intro images may be fetched from, like the
	// poster allow-list: a bare name ("www.kopis.or.kr") matches that host
	// on any port, "host:port" ("127.0.0.1:8080") only that port. Required.
	AllowedHosts []string
	// Cache keeps the text read from each image, by image URL. Required;
	// see NewDirCache.
	Cache Cache
	// HTTPClient fetches images; nil means a client over
	// http.DefaultTransport. Its CheckRedirect and Jar are replaced
	// (redirects are checked against AllowedHosts; no cookies are kept).
	HTTPClient *http.Client
	MaxBytes   int64         // largest image accepted; 0 means DefaultMaxBytes
	Timeout    time.Duration // one fetch; 0 means DefaultTimeout
	// Tesseract is the tesseract command (a path, or a name looked up in
	// PATH); "" means DefaultTesseract.
	Tesseract string
	// Languages is tesseract's -l argument, such as "kor+eng"; "" means
	// DefaultLanguages.
	Languages  string
	MaxPixels  int64         // largest width × height accepted; 0 means DefaultMaxPixels
	OCRTimeout time.Duration // one tesseract run; 0 means DefaultOCRTimeout
	MaxImages  int           // images read per Text call; 0 means DefaultMaxImages
	MaxText    int           // bytes of text Text returns; 0 means DefaultMaxText
	Logger     *slog.Logger  // nil discards
}

// Stats count what a Reader has done since New.
type Stats struct {
	CacheHits int64 // images whose text came from the cache
	OCRRuns   int64 // tesseract runs started
	Refused   int64 // images refused (ErrRefused): no OCR ran for them
	Failed    int64 // fetches or OCR runs that failed otherwise (not cached)
}

// Reader reads the text of intro images. It is safe for concurrent use.
type Reader struct {
	allow      *hostallow.List
	cache      Cache
	client     *http.Client
	maxBytes   int64
	timeout    time.Duration
	tesseract  string
	languages  string
	maxPixels  int64
	ocrTimeout time.Duration
	maxImages  int
	maxText    int
	log        *slog.Logger

	cacheHits, ocrRuns, refused, failed atomic.Int64
}

// languagesRE is what tesseract's -l accepts: names joined by '+'.
var languagesRE = regexp.MustCompile(`^[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*$`)

// New checks the options and returns a Reader. It runs nothing: call
// Available first to see whether tesseract can read Korean here.
func New(o Options) (*Reader, error) {
	allow, err := hostallow.New(o.AllowedHosts)
	if err != nil {
		return nil, err
	}
	if o.Cache == nil {
		return nil, errors.New("ocr: Cache is required")
	}
	if o.MaxBytes < 0 || o.Timeout < 0 || o.MaxPixels < 0 || o.OCRTimeout < 0 || o.MaxImages < 0 || o.MaxText < 0 {
		return nil, errors.New("ocr: negative limit")
	}
	r := &Reader{
		allow:      allow,
		cache:      o.Cache,
		maxBytes:   orDefault(o.MaxBytes, DefaultMaxBytes),
		timeout:    orDefault(o.Timeout, DefaultTimeout),
		tesseract:  orDefault(o.Tesseract, DefaultTesseract),
		languages:  orDefault(o.Languages, DefaultLanguages),
		maxPixels:  orDefault(o.MaxPixels, DefaultMaxPixels),
		ocrTimeout: orDefault(o.OCRTimeout, DefaultOCRTimeout),
		maxImages:  orDefault(o.MaxImages, DefaultMaxImages),
		maxText:    orDefault(o.MaxText, DefaultMaxText),
		log:        o.Logger,
	}
	if !languagesRE.MatchString(r.languages) {
		return nil, fmt.Errorf("ocr: bad Languages %q: want names joined by '+', such as %q", r.languages, DefaultLanguages)
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	client := &http.Client{}
	if o.HTTPClient != nil {
		c := *o.HTTPClient
		client = &c
	}
	client.Jar = nil
	client.CheckRedirect = r.checkRedirect
	r.client = client
	return r, nil
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Stats returns the counters so far.
func (r *Reader) Stats() Stats {
	return Stats{
		CacheHits: r.cacheHits.Load(),
		OCRRuns:   r.ocrRuns.Load(),
		Refused:   r.refused.Load(),
		Failed:    r.failed.Load(),
	}
}

// Text returns the text of a concert's intro images, one image after the
// other, separated by a blank line. It reads at most MaxImages distinct
// non-blank URLs, in order, stops once it has MaxText bytes, and cuts the
// result to MaxText bytes on a line (or at least a character) boundary.
//
// An image that cannot be read is skipped: it is logged and counted in
// Stats (Refused or Failed), and Text goes on with the next. So the error is
// non-nil only when ctx ends, and then Text still returns what it had read.
func (r *Reader) Text(ctx context.Context, imageURLs []string) (string, error) {
	var b strings.Builder
	seen := make(map[string]bool, len(imageURLs))
	for _, raw := range imageURLs {
		raw = strings.TrimSpace(raw)
		if raw == "" || seen[raw] {
			continue
		}
		if len(seen) >= r.maxImages || b.Len() >= r.maxText {
			break
		}
		seen[raw] = true
		text, err := r.ImageText(ctx, raw)
		if err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return truncate(b.String(), r.maxText), cerr
			}
			level := slog.LevelWarn
			if errors.Is(err, ErrRefused) {
				level = slog.LevelInfo
			}
			r.log.Log(ctx, level, "intro image skipped", "url", safeURL(raw), "err", err)
			continue
		}
		if text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(text)
	}
	return truncate(b.String(), r.maxText), nil
}

// ImageText returns the text of one image (at most 64 KiB): from the cache
// when it has been read before, else fetched, read by tesseract and cached. An image without
// text yields "" and a nil error (and is cached as such). A refused image
// yields an error wrapping ErrRefused; no OCR runs for it.
func (r *Reader) ImageText(ctx context.Context, imageURL string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(imageURL))
	if err == nil {
		err = r.allow.Check(u)
	}
	if err != nil {
		r.refused.Add(1)
		if u == nil { // url.Parse quotes the whole URL; keep it out of logs
			return "", fmt.Errorf("%w: unparsable URL", ErrRefused)
		}
		return "", fmt.Errorf("%w: %w", ErrRefused, err)
	}
	u.Fragment, u.RawFragment = "", ""
	key := u.String()

	text, ok, err := r.cache.Get(ctx, key)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return "", cerr
		}
		r.log.ErrorContext(ctx, "OCR cache read failed; reading the image again", "url", safeURL(key), "err", err)
	} else if ok {
		r.cacheHits.Add(1)
		return truncate(text, maxImageText), nil
	}

	img, err := r.fetch(ctx, u)
	if err != nil {
		if errors.Is(err, ErrRefused) {
			r.refused.Add(1)
		} else if ctx.Err() == nil {
			r.failed.Add(1)
		}
		return "", safeErr(err)
	}
	r.ocrRuns.Add(1)
	text, err = r.ocr(ctx, img)
	if err != nil {
		if ctx.Err() == nil {
			r.failed.Add(1)
		}
		return "", err
	}
	text = truncate(text, maxImageText)
	if err := r.cache.Put(ctx, key, text); err != nil {
		r.log.ErrorContext(ctx, "OCR cache write failed", "url", safeURL(key), "err", err)
	}
	return text, nil
}
