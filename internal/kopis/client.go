package kopis

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultBaseURL is the public KOPIS open API.
const DefaultBaseURL = "http://www.kopis.or.kr/openApi/restful"

// PageSize is the number of rows asked for per list page, KOPIS's maximum.
const PageSize = 100

// maxPages stops a list that never reaches its empty page (a server that
// ignores cpage would otherwise be paged forever).
const maxPages = 1000

// maxBody bounds a response: a full list page is about 100 KB.
const maxBody = 16 << 20

// Client calls the KOPIS open API. Its zero value is not usable; use NewClient.
// Once configured, it is safe for concurrent use.
type Client struct {
	// BaseURL is the API root, e.g. DefaultBaseURL or a test server.
	BaseURL string
	// Key is the service key. It is sent as a query parameter and never
	// written to an error or a log line.
	Key string
	// HTTP does the requests; its Timeout bounds each attempt.
	HTTP *http.Client
	// Retries is how many times a request is repeated after a network error
	// or a 5xx answer. Other failures are not retried: they would fail again.
	Retries int
	// Backoff is the pause before the first retry; it grows linearly.
	Backoff time.Duration
	// Logger receives retries (warn) and requests (debug).
	Logger *slog.Logger
	// Limiter, when set, spaces every attempt (retries included): KOPIS asks
	// its users not to hammer it. Nil means no limit. It may be shared by
	// clients and used concurrently.
	Limiter *Limiter
}

// NewClient returns a client for baseURL (DefaultBaseURL when empty) with a
// 30-second timeout per request, two retries and no rate limit (set Limiter).
func NewClient(baseURL, key string) *Client {
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	return &Client{
		BaseURL: strings.TrimRight(baseURL, "/"),
		Key:     key,
		HTTP:    &http.Client{Timeout: 30 * time.Second},
		Retries: 2,
		Backoff: 500 * time.Millisecond,
		Logger:  slog.Default(),
	}
}

// List returns every performance of a genre code (CCCA, BBBC) whose period
// meets from..to, both days included. Periods longer than MaxWindowDays are
// queried window by window; a performance seen in several windows is returned
// once, where it was first seen.
func (c *Client) List(ctx context.Context, genreCode string, from, to time.Time) ([]ListItem, error) {
	var out []ListItem
	seen := map[string]bool{}
	for _, w := range Windows(from, to) {
		items, err := c.listWindow(ctx, genreCode, w)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if !seen[it.ID] {
				seen[it.ID] = true
				out = append(out, it)
			}
		}
	}
	return out, nil
}

// listWindow pages through one window until KOPIS answers an empty page.
func (c *Client) listWindow(ctx context.Context, genreCode string, w Window) ([]ListItem, error) {
	var out []ListItem
	for page := 1; page <= maxPages; page++ {
		items, err := c.ListPage(ctx, genreCode, w, page)
		if err != nil {
			return nil, err
		}
		if len(items) == 0 {
			return out, nil
		}
		out = append(out, items...)
	}
	return nil, fmt.Errorf("kopis: list %s %s..%s: no empty page after %d pages", genreCode, FormatDate(w.From), FormatDate(w.To), maxPages)
}

// ListPage returns page (from 1) of the performances of a genre code in one
// window of at most MaxWindowDays days. A page past the end is empty.
func (c *Client) ListPage(ctx context.Context, genreCode string, w Window, page int) ([]ListItem, error) {
	q := url.Values{}
	q.Set("stdate", FormatDate(w.From))
	q.Set("eddate", FormatDate(w.To))
	q.Set("cpage", strconv.Itoa(page))
	q.Set("rows", strconv.Itoa(PageSize))
	q.Set("shcate", genreCode)
	body, err := c.get(ctx, "/pblprfr", q)
	if err != nil {
		return nil, err
	}
	items, err := ParseList(body)
	if err != nil {
		return nil, fmt.Errorf("list %s page %d: %w", genreCode, page, err)
	}
	return items, nil
}

// Detail returns the detail of one performance (mt20id).
func (c *Client) Detail(ctx context.Context, id string) (*Detail, error) {
	body, err := c.get(ctx, "/pblprfr/"+url.PathEscape(id), url.Values{})
	if err != nil {
		return nil, err
	}
	d, err := ParseDetail(body)
	if err != nil {
		return nil, fmt.Errorf("detail %s: %w", id, err)
	}
	return d, nil
}

// get fetches path?query with the service key, retrying network errors and
// 5xx answers, and returns the body of a 200 answer.
func (c *Client) get(ctx context.Context, path string, query url.Values) ([]byte, error) {
	query.Set("service", c.Key)
	full := c.BaseURL + path + "?" + query.Encode()
	shown := c.redact(full)
	log := c.logger()
	for attempt := 0; ; attempt++ {
		if err := c.Limiter.Wait(ctx); err != nil {
			return nil, fmt.Errorf("GET %s: %w", shown, err)
		}
		log.DebugContext(ctx, "kopis request", "url", shown, "attempt", attempt+1)
		body, retry, err := c.once(ctx, full, shown)
		if err == nil {
			return body, nil
		}
		if !retry || attempt >= c.Retries || ctx.Err() != nil {
			return nil, err
		}
		pause := c.Backoff * time.Duration(attempt+1)
		log.WarnContext(ctx, "kopis request failed, retrying", "url", shown, "error", err.Error(), "pause", pause)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("GET %s: %w", shown, ctx.Err())
		case <-time.After(pause):
		}
	}
}

// once makes one attempt. retry says whether another attempt may succeed.
func (c *Client) once(ctx context.Context, full, shown string) (body []byte, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, full, nil)
	if err != nil {
		return nil, false, fmt.Errorf("GET %s: %w", shown, c.scrub(err))
	}
	req.Header.Set("Accept", "application/xml")
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, true, fmt.Errorf("GET %s: %w", shown, c.scrub(err))
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, true, fmt.Errorf("GET %s: read body: %w", shown, c.scrub(err))
	}
	if resp.StatusCode != http.StatusOK {
		return nil, resp.StatusCode >= 500, fmt.Errorf("GET %s: KOPIS answered %s", shown, resp.Status)
	}
	return body, false, nil
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

func (c *Client) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}

// redactedKey replaces the service key wherever a URL is shown.
const redactedKey = "xxxxx"

// redact returns the URL with the service key hidden.
func (c *Client) redact(full string) string {
	u, err := url.Parse(full)
	if err != nil {
		return c.BaseURL
	}
	q := u.Query()
	if q.Has("service") {
		q.Set("service", redactedKey)
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// scrub strips the request URL, which holds the key, from a transport error.
// net/http wraps every failure in a *url.Error that prints the full URL; the
// callers show the redacted URL themselves.
func (c *Client) scrub(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if c.Key != "" && strings.Contains(err.Error(), c.Key) {
		// A transport that repeats the URL in its own message: keep only what
		// errors.Is needs to see (deadline, cancellation) and drop the text.
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			return context.DeadlineExceeded
		case errors.Is(err, context.Canceled):
			return context.Canceled
		}
		return errors.New("request failed")
	}
	return err
}
