package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/claco/claco/internal/keywordscore"
)

// Facts are what Claco knows of a concert; Title is all that is required.
type Facts struct {
	Title    string // prfnm
	Cast     string // prfcast
	Crew     string // prfcrew
	Venue    string // fcltynm, e.g. "예술의전당 [서울] (콘서트홀)"
	Genre    string // concert.Genre ("CLASSICAL", "DANCE") or a KOPIS genre name
	Synopsis string // sty
	Extra    string // OCR text of the intro images
	Start    time.Time
	End      time.Time
}

// Enrichment is a validated answer: exactly one keyword of each pair scored
// in 0.1..1.0 (the other 0), and a summary of 50..100 runes.
type Enrichment struct {
	Scores  keywordscore.Scores
	Summary string
}

var (
	// ErrDisabled is what a nil client's Enrich returns.
	ErrDisabled = errors.New("llm: no LLM configured")
	// ErrBadAnswer wraps every answer the endpoint gave that breaks the
	// rules (not JSON, wrong shape, keywords, scores or summary length).
	ErrBadAnswer = errors.New("llm: bad answer")
)

// maxBody bounds the response body read.
const maxBody = 64 << 10

// Enrich asks the model for f's keywords and summary. Any failure is an
// error, and the caller keeps its embedded scores: HTTP errors, a timeout
// (Config.Timeout or ctx), a body over 64 KiB, and every answer that breaks
// the rules (errors.Is(err, ErrBadAnswer)). Errors never contain the key.
func (c *Client) Enrich(ctx context.Context, f Facts) (Enrichment, error) {
	if c == nil {
		return Enrichment{}, ErrDisabled
	}
	e, err := c.enrich(ctx, f)
	if err != nil {
		return Enrichment{}, c.redact(err)
	}
	return e, nil
}

func (c *Client) enrich(ctx context.Context, f Facts) (Enrichment, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	content, err := c.complete(ctx, userMessage(f))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return Enrichment{}, fmt.Errorf("%w (time limit %s)", err, c.timeout)
		}
		return Enrichment{}, err
	}
	return parseAnswer(content)
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model          string        `json:"model"`
	Messages       []chatMessage `json:"messages"`
	ResponseFormat struct {
		Type string `json:"type"`
	} `json:"response_format"`
	Temperature float64 `json:"temperature"`
}

type chatResponse struct {
	Choices []struct {
		Message struct {
			Content *string `json:"content"`
			Refusal *string `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// complete posts one chat completion and returns the first choice's text.
func (c *Client) complete(ctx context.Context, user string) (string, error) {
	req := chatRequest{
		Model: c.model,
		Messages: []chatMessage{
			{Role: "system", Content: systemPrompt},
			{Role: "user", Content: user},
		},
		Temperature: 0,
	}
	req.ResponseFormat.Type = "json_object"
	body, err := json.Marshal(req)
	if err != nil {
		return "", fmt.Errorf("llm: encode request: %w", err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("llm: build request: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	if c.key != "" {
		hreq.Header.Set("Authorization", "Bearer "+c.key)
	}
	resp, err := c.http.Do(hreq)
	if err != nil {
		return "", fmt.Errorf("llm: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return "", fmt.Errorf("llm: read response: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("llm: HTTP %s: %s", resp.Status, snippet(data))
	}
	if len(data) > maxBody {
		return "", fmt.Errorf("%w: response over %d KiB", ErrBadAnswer, maxBody>>10)
	}
	var cr chatResponse
	if err := json.Unmarshal(data, &cr); err != nil {
		return "", fmt.Errorf("%w: response is not a chat completion: %v", ErrBadAnswer, err)
	}
	if len(cr.Choices) == 0 {
		return "", fmt.Errorf("%w: no choices", ErrBadAnswer)
	}
	ch := cr.Choices[0]
	switch {
	case ch.Message.Refusal != nil && *ch.Message.Refusal != "":
		return "", fmt.Errorf("%w: refused: %s", ErrBadAnswer, snippet([]byte(*ch.Message.Refusal)))
	case ch.FinishReason == "length":
		return "", fmt.Errorf("%w: answer cut off at the token limit", ErrBadAnswer)
	case ch.Message.Content == nil || strings.TrimSpace(*ch.Message.Content) == "":
		return "", fmt.Errorf("%w: empty content", ErrBadAnswer)
	}
	return *ch.Message.Content, nil
}

// snippet is the start of an error body, one line, for the log.
func snippet(b []byte) string {
	s := truncateWords(cleanText(string(b)), 200)
	if s == "" {
		return "(empty body)"
	}
	return s
}

// redactedError hides the API key should any text around it (an error
// body echoing the request, say) contain it.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redact returns err, or when its text holds the key, an error with the
// key replaced that still matches the sentinels callers test for (but
// unwraps to nothing else, which might hold the key too).
func (c *Client) redact(err error) error {
	if len(c.key) < 4 || !strings.Contains(err.Error(), c.key) {
		return err
	}
	var keep error
	for _, target := range []error{ErrBadAnswer, context.DeadlineExceeded, context.Canceled} {
		if errors.Is(err, target) {
			keep = target
			break
		}
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), c.key, "[redacted]"), err: keep}
}
