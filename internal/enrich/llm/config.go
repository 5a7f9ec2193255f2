package llm

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds one Enrich call when Config.Timeout is zero.
const DefaultTimeout = 20 * time.Second

// Config says where the chat endpoint is. Only URL decides whether there is
// an LLM at all.
type Config struct {
	// URL is the API base, e.g. https://api.openai.com/v1; requests go to
	// URL/chat/completions. A URL already ending in /chat/completions is
	// used as is.
	URL string
	// Key is sent as "Authorization: Bearer Key"; empty sends none (local
	// servers). It never appears in an error.
	Key string
	// Model is the model name, required when URL is set.
	Model string
	// Timeout bounds a whole Enrich call; zero or negative means
	// DefaultTimeout.
	Timeout time.Duration
	// HTTPClient sends the requests; nil means a client of this package's
	// own (not http.DefaultClient).
	HTTPClient *http.Client
}

// ConfigFromEnv reads CLACO_LLM_URL, CLACO_LLM_KEY and CLACO_LLM_MODEL
// through getenv (os.Getenv in main, a map in tests).
func ConfigFromEnv(getenv func(string) string) Config {
	return Config{
		URL:   strings.TrimSpace(getenv("CLACO_LLM_URL")),
		Key:   strings.TrimSpace(getenv("CLACO_LLM_KEY")),
		Model: strings.TrimSpace(getenv("CLACO_LLM_MODEL")),
	}
}

// Client asks one chat endpoint. It is immutable and safe for concurrent
// use. A nil *Client means "no LLM".
type Client struct {
	endpoint string
	key      string
	model    string
	timeout  time.Duration
	http     *http.Client
}

// New returns a client for cfg, or nil, nil when cfg.URL is empty: "no LLM"
// is not an error, and callers test the client for nil. A set URL that is
// not an absolute http(s) URL, a missing model or a key that cannot be a
// header value is an error.
func New(cfg Config) (*Client, error) {
	raw := strings.TrimSpace(cfg.URL)
	if raw == "" {
		return nil, nil
	}
	const want = "want an absolute http(s) base URL such as https://api.openai.com/v1"
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("llm: CLACO_LLM_URL does not parse: " + want)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("llm: CLACO_LLM_URL %q: %s", u.Redacted(), want)
	}
	model := strings.TrimSpace(cfg.Model)
	if model == "" {
		return nil, errors.New("llm: CLACO_LLM_MODEL is not set")
	}
	if strings.ContainsFunc(cfg.Key, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return nil, errors.New("llm: CLACO_LLM_KEY contains control characters")
	}
	endpoint := strings.TrimRight(u.String(), "/")
	if !strings.HasSuffix(endpoint, "/chat/completions") {
		endpoint += "/chat/completions"
	}
	c := &Client{endpoint: endpoint, key: cfg.Key, model: model, timeout: cfg.Timeout, http: cfg.HTTPClient}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.http == nil {
		c.http = &http.Client{}
	}
	return c, nil
}
