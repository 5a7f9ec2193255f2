package llm

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claco/claco/internal/keywordscore"
)

const testKey = "sk-test-0123456789abcdef"

// goodSummary is 62 runes.
const goodSummary = "모차르트의 마지막 작품 레퀴엠을 서울시향의 웅장한 합창과 함께 만나요. 깊은 울림이 오래 남을 무대예요."

var testFacts = Facts{
	Title:    "서울시향 얍 판 츠베덴의 모차르트: 레퀴엠 ①",
	Cast:     "얍 판 츠베덴, 서울시립교향악단",
	Crew:     "모차르트",
	Venue:    "롯데콘서트홀 (롯데콘서트홀)",
	Genre:    "CLASSICAL",
	Synopsis: "모차르트 최후의 미완성 걸작",
	Extra:    "PROGRAM W. A. Mozart Requiem in d minor, K. 626",
	Start:    day("2025-10-23"),
	End:      day("2025-10-24"),
}

// completion is a chat completion whose first choice says content.
func completion(content string) string {
	b, _ := json.Marshal(map[string]any{
		"id":     "chatcmpl-1",
		"object": "chat.completion",
		"choices": []map[string]any{{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": content},
			"finish_reason": "stop",
		}},
		"usage": map[string]int{"total_tokens": 1},
	})
	return string(b)
}

// answer is the model's content for keywords and summary.
func answer(keywords map[string]any, summary string) string {
	b, _ := json.Marshal(map[string]any{"keywords": keywords, "summary": summary})
	return string(b)
}

var goodKeywords = map[string]any{"grand": 0.9, "classical": 0.8, "lyrical": 0.3, "tragic": 1.0, "familiar": 0.6}

// fake starts a loopback endpoint serving h under /v1 and a client for it.
func fake(t *testing.T, timeout time.Duration, h http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(Config{URL: srv.URL + "/v1", Key: testKey, Model: "gpt-test", Timeout: timeout, HTTPClient: srv.Client()})
	if err != nil || c == nil {
		t.Fatalf("New: %v, %v", c, err)
	}
	return c
}

// serve answers every request with status and body.
func serve(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func TestEnrichUsesGoodAnswer(t *testing.T) {
	var (
		mu   sync.Mutex
		req  *http.Request
		body []byte
	)
	c := fake(t, 0, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		req, body = r, must(io.ReadAll(r.Body))
		mu.Unlock()
		serve(200, completion(answer(goodKeywords, goodSummary)))(w, r)
	})
	e, err := c.Enrich(context.Background(), testFacts)
	if err != nil {
		t.Fatal(err)
	}
	var want keywordscore.Scores
	want[0], want[2], want[4], want[7], want[8] = 0.9, 0.8, 0.3, 1.0, 0.6
	if e.Scores != want {
		t.Errorf("scores %v, want %v", e.Scores, want)
	}
	if e.Summary != goodSummary {
		t.Errorf("summary %q, want %q", e.Summary, goodSummary)
	}

	mu.Lock()
	defer mu.Unlock()
	if req.Method != http.MethodPost || req.URL.Path != "/v1/chat/completions" {
		t.Errorf("request %s %s, want POST /v1/chat/completions", req.Method, req.URL.Path)
	}
	if got := req.Header.Get("Authorization"); got != "Bearer "+testKey {
		t.Errorf("Authorization %q", got)
	}
	if got := req.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type %q", got)
	}
	var sent struct {
		Model    string `json:"model"`
		Messages []struct {
			Role, Content string
		} `json:"messages"`
		ResponseFormat map[string]string `json:"response_format"`
		Temperature    *float64          `json:"temperature"`
	}
	if err := json.Unmarshal(body, &sent); err != nil {
		t.Fatalf("request body %s: %v", body, err)
	}
	if sent.Model != "gpt-test" {
		t.Errorf("model %q", sent.Model)
	}
	if sent.ResponseFormat["type"] != "json_object" {
		t.Errorf("response_format %v", sent.ResponseFormat)
	}
	if sent.Temperature == nil || *sent.Temperature != 0 {
		t.Errorf("temperature %v, want 0", sent.Temperature)
	}
	if len(sent.Messages) != 2 || sent.Messages[0].Role != "system" || sent.Messages[1].Role != "user" {
		t.Fatalf("messages %+v", sent.Messages)
	}
	for _, k := range keywordscore.Keys {
		if !strings.Contains(sent.Messages[0].Content, k) || !strings.Contains(sent.Messages[0].Content, KoreanName(k)) {
			t.Errorf("system prompt does not explain %s", k)
		}
	}
	user := sent.Messages[1].Content
	for _, fact := range []string{testFacts.Title, testFacts.Cast, testFacts.Crew, testFacts.Venue, testFacts.Genre, testFacts.Synopsis, testFacts.Extra, "2025-10-23", "2025-10-24"} {
		if !strings.Contains(user, fact) {
			t.Errorf("user message lacks %q: %s", fact, user)
		}
	}
	if strings.Contains(string(body), testKey) {
		t.Error("request body holds the key")
	}
}

func TestEnrichRejectsBadAnswers(t *testing.T) {
	short := strings.Repeat("가", 20)
	long := strings.Repeat("가", 150)
	with := func(kv map[string]any, del ...string) map[string]any {
		out := map[string]any{}
		for k, v := range goodKeywords {
			out[k] = v
		}
		for _, k := range del {
			delete(out, k)
		}
		for k, v := range kv {
			out[k] = v
		}
		return out
	}
	for name, content := range map[string]string{
		"garbage":            "I think this concert is grand and tragic!",
		"fenced":             "```json\n" + answer(goodKeywords, goodSummary) + "\n```",
		"array":              `[1, 2, 3]`,
		"empty object":       `{}`,
		"wrong keywords":     answer(map[string]any{"big": 0.9, "old": 0.8, "soft": 0.3, "sad": 1.0, "known": 0.6}, goodSummary),
		"korean keyword":     answer(with(map[string]any{"웅장한": 0.9}, "grand"), goodSummary),
		"two of a pair":      answer(with(map[string]any{"delicate": 0.4}), goodSummary),
		"two of a pair only": answer(with(map[string]any{"delicate": 0.4}, "lyrical"), goodSummary),
		"missing pair":       answer(with(nil, "familiar"), goodSummary),
		"score 1.5":          answer(with(map[string]any{"grand": 1.5}), goodSummary),
		"score 0":            answer(with(map[string]any{"grand": 0}), goodSummary),
		"score negative":     answer(with(map[string]any{"grand": -0.5}), goodSummary),
		"score string":       answer(with(map[string]any{"grand": "0.9"}), goodSummary),
		"score null":         answer(with(map[string]any{"grand": nil}), goodSummary),
		"summary 20":         answer(goodKeywords, short),
		"summary 150":        answer(goodKeywords, long),
		"summary English":    answer(goodKeywords, strings.Repeat("a grand night ", 5)),
		"summary lines":      answer(goodKeywords, strings.Replace(goodSummary, " ", "\n", 1)),
		"summary number":     `{"keywords": {"grand": 0.9, "classical": 0.8, "lyrical": 0.3, "tragic": 1.0, "familiar": 0.6}, "summary": 5}`,
		"no summary":         `{"keywords": {"grand": 0.9, "classical": 0.8, "lyrical": 0.3, "tragic": 1.0, "familiar": 0.6}}`,
		"no keywords":        `{"summary": "` + goodSummary + `"}`,
		"unknown key":        `{"keywords": {"grand": 0.9, "classical": 0.8, "lyrical": 0.3, "tragic": 1.0, "familiar": 0.6}, "summary": "` + goodSummary + `", "mood": "x"}`,
		"duplicate keyword":  `{"keywords": {"grand": 0.9, "grand": 0.5, "classical": 0.8, "lyrical": 0.3, "tragic": 1.0, "familiar": 0.6}, "summary": "` + goodSummary + `"}`,
		"duplicate summary":  `{"keywords": {"grand": 0.9, "classical": 0.8, "lyrical": 0.3, "tragic": 1.0, "familiar": 0.6}, "summary": "` + goodSummary + `", "summary": "` + goodSummary + `"}`,
		"trailing data":      answer(goodKeywords, goodSummary) + ` {"more": 1}`,
		"keywords array":     `{"keywords": ["grand", "classical", "lyrical", "tragic", "familiar"], "summary": "` + goodSummary + `"}`,
		"truncated":          answer(goodKeywords, goodSummary)[:40],
	} {
		t.Run(name, func(t *testing.T) {
			c := fake(t, 0, serve(200, completion(content)))
			e, err := c.Enrich(context.Background(), testFacts)
			if err == nil {
				t.Fatalf("accepted %s as %+v", content, e)
			}
			if !errors.Is(err, ErrBadAnswer) {
				t.Errorf("error %v does not wrap ErrBadAnswer", err)
			}
			if e != (Enrichment{}) {
				t.Errorf("returned %+v with the error", e)
			}
			t.Log(err)
		})
	}
}

func TestEnrichRejectsBadResponses(t *testing.T) {
	huge := completion(answer(goodKeywords, goodSummary)) + strings.Repeat(" ", maxBody)
	for name, h := range map[string]http.HandlerFunc{
		"HTTP 500":         serve(500, `{"error": {"message": "internal"}}`),
		"HTTP 401 echo":    serve(401, `{"error": {"message": "Incorrect API key provided: `+testKey+`"}}`),
		"HTTP 429":         serve(429, `rate limited`),
		"not JSON":         serve(200, `<html>gateway</html>`),
		"no choices":       serve(200, `{"choices": []}`),
		"null content":     serve(200, `{"choices": [{"message": {"content": null}}]}`),
		"refusal":          serve(200, `{"choices": [{"message": {"content": null, "refusal": "no"}}]}`),
		"cut off":          serve(200, `{"choices": [{"message": {"content": "{\"keywords\": {"}, "finish_reason": "length"}]}`),
		"body over 64 KiB": serve(200, huge),
		"redirect loop": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect)
		},
	} {
		t.Run(name, func(t *testing.T) {
			c := fake(t, 0, h)
			e, err := c.Enrich(context.Background(), testFacts)
			if err == nil {
				t.Fatalf("accepted %+v", e)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error holds the key: %v", err)
			}
			t.Log(err)
		})
	}
}

func TestEnrichTimesOut(t *testing.T) {
	done := make(chan struct{})
	c := fake(t, 200*time.Millisecond, func(w http.ResponseWriter, r *http.Request) {
		<-done
	})
	t.Cleanup(func() { close(done) }) // runs before the server's Close
	_, err := c.Enrich(context.Background(), testFacts)
	if err == nil {
		t.Fatal("no error from an endpoint that never answers")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v is not a deadline", err)
	}
	t.Log(err)
}

func TestEnrichHonoursContext(t *testing.T) {
	done := make(chan struct{})
	c := fake(t, time.Minute, func(w http.ResponseWriter, r *http.Request) { <-done })
	t.Cleanup(func() { close(done) })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Enrich(ctx, testFacts); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestUserMessageIsBounded(t *testing.T) {
	f := testFacts
	f.Extra = strings.Repeat("모차르트 레퀴엠 ", 5000)
	f.Synopsis = strings.Repeat("x", 100000)
	f.Title = "제목\n\t\x00둘째 줄"
	msg := userMessage(f)
	if n := utf8.RuneCountInString(msg); n > maxTitle+maxGenre+maxVenue+maxCast+maxCrew+maxSynopsis+maxExtra+200 {
		t.Errorf("user message has %d runes", n)
	}
	var m factsMessage
	if err := json.Unmarshal([]byte(msg), &m); err != nil {
		t.Fatal(err)
	}
	if m.Title != "제목 둘째 줄" {
		t.Errorf("title %q", m.Title)
	}
	if utf8.RuneCountInString(m.Extra) > maxExtra || !strings.HasSuffix(m.Extra, ellipsis) {
		t.Errorf("extra not cut: %d runes", utf8.RuneCountInString(m.Extra))
	}
}

func TestNew(t *testing.T) {
	c, err := New(Config{})
	if c != nil || err != nil {
		t.Errorf("New without URL = %v, %v; want nil, nil", c, err)
	}
	if _, err := c.Enrich(context.Background(), testFacts); !errors.Is(err, ErrDisabled) {
		t.Errorf("nil client: %v, want ErrDisabled", err)
	}
	for _, cfg := range []Config{
		{URL: "api.openai.com/v1", Model: "m"},
		{URL: "ftp://example.com/v1", Model: "m"},
		{URL: "https://example.com/v1?x=1", Model: "m"},
		{URL: "https://example.com/v1"},
		{URL: "https://example.com/v1", Model: "m", Key: "sk\nInjected: 1"},
		{URL: "http://[::1", Model: "m"},
	} {
		if c, err := New(cfg); err == nil {
			t.Errorf("New(%+v) = %v, want an error", cfg, c)
		} else if cfg.Key != "" && strings.Contains(err.Error(), cfg.Key) {
			t.Errorf("error holds the key: %v", err)
		}
	}
	for in, want := range map[string]string{
		"https://api.openai.com/v1":                  "https://api.openai.com/v1/chat/completions",
		"https://api.openai.com/v1/":                 "https://api.openai.com/v1/chat/completions",
		"http://127.0.0.1:11434/v1/chat/completions": "http://127.0.0.1:11434/v1/chat/completions",
	} {
		c, err := New(Config{URL: in, Model: "m"})
		if err != nil || c.endpoint != want || c.timeout != DefaultTimeout {
			t.Errorf("New(%q) = %+v, %v; want endpoint %q", in, c, err, want)
		}
	}
}

func TestNoKeyNoAuthorization(t *testing.T) {
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Values("Authorization")
		serve(200, completion(answer(goodKeywords, goodSummary)))(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{URL: srv.URL, Model: "local"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Enrich(context.Background(), testFacts); err != nil {
		t.Fatal(err)
	}
	if len(auth) != 0 {
		t.Errorf("Authorization %q sent without a key", auth)
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{"CLACO_LLM_URL": " https://api.openai.com/v1 ", "CLACO_LLM_KEY": "k", "CLACO_LLM_MODEL": "gpt-4o-mini"}
	got := ConfigFromEnv(func(k string) string { return env[k] })
	if got.URL != "https://api.openai.com/v1" || got.Key != "k" || got.Model != "gpt-4o-mini" {
		t.Errorf("ConfigFromEnv = %+v", got)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
