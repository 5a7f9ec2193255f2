package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claco/claco/internal/keywordscore"
)

// The answer's bounds.
const (
	MinScore        = 0.1
	MaxScore        = 1.0
	MinSummaryRunes = 50
	MaxSummaryRunes = 100
)

// parseAnswer reads the model's content, which must be exactly
//
//	{"keywords": {"<key>": <number>, ... one key of each pair}, "summary": "<text>"}
//
// with no other keys, no key twice, keys from keywordscore.Keys, scores in
// 0.1..1.0 and a summary of 50..100 runes once trimmed, on one line, with
// some Hangul in it. Every failure wraps ErrBadAnswer.
func parseAnswer(content string) (Enrichment, error) {
	e, err := decodeAnswer(content)
	if err != nil {
		return Enrichment{}, fmt.Errorf("%w: %v", ErrBadAnswer, err)
	}
	return e, nil
}

func decodeAnswer(content string) (Enrichment, error) {
	var e Enrichment
	dec := json.NewDecoder(strings.NewReader(content))
	dec.UseNumber()
	if err := expectDelim(dec, '{'); err != nil {
		return e, fmt.Errorf("content is not a JSON object: %v", err)
	}
	var haveKeywords, haveSummary bool
	for dec.More() {
		name, err := objectKey(dec)
		if err != nil {
			return e, err
		}
		switch name {
		case "keywords":
			if haveKeywords {
				return e, errors.New(`"keywords" given twice`)
			}
			haveKeywords = true
			if e.Scores, err = decodeKeywords(dec); err != nil {
				return e, err
			}
		case "summary":
			if haveSummary {
				return e, errors.New(`"summary" given twice`)
			}
			haveSummary = true
			tok, err := dec.Token()
			if err != nil {
				return e, fmt.Errorf("summary: %v", err)
			}
			s, ok := tok.(string)
			if !ok {
				return e, fmt.Errorf("summary is %v, not a string", describe(tok))
			}
			if e.Summary, err = checkSummary(s); err != nil {
				return e, err
			}
		default:
			return e, fmt.Errorf("unknown key %q", clip(name))
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return e, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return e, errors.New("data after the JSON object")
	}
	switch {
	case !haveKeywords:
		return e, errors.New(`no "keywords"`)
	case !haveSummary:
		return e, errors.New(`no "summary"`)
	}
	return e, nil
}

// decodeKeywords reads the keywords object into scores and checks there
// is exactly one key of each pair, each scored in range.
func decodeKeywords(dec *json.Decoder) (keywordscore.Scores, error) {
	var s keywordscore.Scores
	if err := expectDelim(dec, '{'); err != nil {
		return s, fmt.Errorf("keywords: %v", err)
	}
	var seen [keywordscore.Count]bool
	for dec.More() {
		name, err := objectKey(dec)
		if err != nil {
			return s, err
		}
		i := keyIndex(name)
		if i < 0 {
			return s, fmt.Errorf("unknown keyword %q", clip(name))
		}
		if seen[i] {
			return s, fmt.Errorf("keyword %q given twice", name)
		}
		if other := i ^ 1; seen[other] {
			return s, fmt.Errorf("both %q and %q of one pair", keywordscore.Keys[i&^1], keywordscore.Keys[i|1])
		}
		seen[i] = true
		tok, err := dec.Token()
		if err != nil {
			return s, fmt.Errorf("keyword %q: %v", name, err)
		}
		num, ok := tok.(json.Number)
		if !ok {
			return s, fmt.Errorf("keyword %q scored %v, not a number", name, describe(tok))
		}
		v, err := strconv.ParseFloat(string(num), 64)
		if err != nil || math.IsNaN(v) || v < MinScore || v > MaxScore {
			return s, fmt.Errorf("keyword %q scored %s, outside %.1f..%.1f", name, clip(string(num)), MinScore, MaxScore)
		}
		s[i] = v
	}
	if err := expectDelim(dec, '}'); err != nil {
		return s, fmt.Errorf("keywords: %v", err)
	}
	for p := 0; p < keywordscore.Count; p += 2 {
		if !seen[p] && !seen[p+1] {
			return s, fmt.Errorf("no keyword of the pair %s/%s", keywordscore.Keys[p], keywordscore.Keys[p+1])
		}
	}
	return s, nil
}

// checkSummary trims s and checks its length and that it is one line of
// Korean text.
func checkSummary(s string) (string, error) {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if n < MinSummaryRunes || n > MaxSummaryRunes {
		return "", fmt.Errorf("summary has %d characters, want %d..%d", n, MinSummaryRunes, MaxSummaryRunes)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == utf8.RuneError }) {
		return "", errors.New("summary holds control characters or invalid UTF-8")
	}
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) {
		return "", errors.New("summary is not Korean")
	}
	return s, nil
}

func keyIndex(name string) int {
	for i, k := range keywordscore.Keys {
		if k == name {
			return i
		}
	}
	return -1
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("found %v, want %q", describe(tok), string(want))
	}
	return nil
}

func objectKey(dec *json.Decoder) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", err
	}
	name, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("found %v, want an object key", describe(tok))
	}
	return name, nil
}

// describe names a JSON token for an error, briefly.
func describe(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case json.Delim:
		return strconv.Quote(v.String())
	case string:
		return strconv.Quote(clip(v))
	case json.Number:
		return clip(string(v))
	default:
		return fmt.Sprint(v)
	}
}

// clip bounds text from the answer that goes into an error.
func clip(s string) string { return truncateWords(cleanText(s), 40) }
