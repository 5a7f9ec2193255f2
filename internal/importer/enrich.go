package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"sync/atomic"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/enrich/llm"
	"github.com/claco/claco/internal/enrich/ocr"
	"github.com/claco/claco/internal/keywordscore"
)

// Enricher improves a concert's keywords and writes its summary from what
// the embedded scorer cannot read. It never fails: whatever it cannot do,
// the scorer's reading stands.
type Enricher interface {
	Enrich(ctx context.Context, c *ent.Concert, scored keywordscore.Result) (keywordscore.Result, string)
}

// enrich applies the importer's enricher, or composes the summary.
func (im *Importer) enrich(ctx context.Context, c *ent.Concert, scored keywordscore.Result) (keywordscore.Result, string) {
	if im.Enricher != nil {
		return im.Enricher.Enrich(ctx, c, scored)
	}
	return scored, llm.ComposeSummary(factsOf(c, ""), scored.Scores)
}

// Enrichment reads intro images (OCR, when tesseract with Korean is
// installed) into the scorer's input and asks an LLM (when configured) for
// the keywords and a summary; an LLM answer that fails validation, or no
// answer, leaves the scorer's keywords and the composed summary. LLM answers
// are cached by the concert's text, so a re-run of unchanged concerts asks
// nothing again.
type Enrichment struct {
	OCR   *ocr.Reader // nil: no OCR
	LLM   *llm.Client // nil: no LLM
	Cache ocr.Cache   // LLM answers by text; nil: none kept
	Log   *slog.Logger

	llmCalls, llmCached, llmRefused atomic.Int64
}

// Stats counts the LLM's answers: asked, served from the cache, refused.
func (e *Enrichment) Stats() (asked, cached, refused int64) {
	return e.llmCalls.Load(), e.llmCached.Load(), e.llmRefused.Load()
}

// Enrich implements Enricher.
func (e *Enrichment) Enrich(ctx context.Context, c *ent.Concert, scored keywordscore.Result) (keywordscore.Result, string) {
	extra := ""
	if e.OCR != nil && len(c.IntroImageUrls) > 0 {
		text, err := e.OCR.Text(ctx, c.IntroImageUrls)
		if err != nil {
			e.log().WarnContext(ctx, "reading intro images failed", "kopis_id", c.KopisID, "err", err)
		}
		if text != "" {
			extra = text
			scored = keywordscore.Explain(scorerInput(c, extra))
		}
	}
	facts := factsOf(c, extra)
	summary := llm.ComposeSummary(facts, scored.Scores)
	if e.LLM == nil {
		return scored, summary
	}
	answer, ok := e.ask(ctx, facts)
	if !ok {
		return scored, summary
	}
	return withScores(scored, answer.Scores), answer.Summary
}

// ask returns the LLM's validated answer for the facts, from the cache when
// the same text was asked before.
func (e *Enrichment) ask(ctx context.Context, facts llm.Facts) (llm.Enrichment, bool) {
	key := textKey(facts)
	if e.Cache != nil {
		if raw, ok, _ := e.Cache.Get(ctx, key); ok {
			var cached llm.Enrichment
			if json.Unmarshal([]byte(raw), &cached) == nil {
				e.llmCached.Add(1)
				return cached, true
			}
		}
	}
	e.llmCalls.Add(1)
	answer, err := e.LLM.Enrich(ctx, facts)
	if err != nil {
		e.llmRefused.Add(1)
		e.log().WarnContext(ctx, "the LLM's answer was not used; the scorer's keywords stand", "title", facts.Title, "err", err)
		return llm.Enrichment{}, false
	}
	if e.Cache != nil {
		if raw, err := json.Marshal(answer); err == nil {
			_ = e.Cache.Put(ctx, key, string(raw))
		}
	}
	return answer, true
}

// withScores takes the LLM's keyword of each pair; the scorer's evidence
// stays where both chose the same keyword.
func withScores(scored keywordscore.Result, scores keywordscore.Scores) keywordscore.Result {
	out := keywordscore.Result{Scores: scores}
	for i, v := range scores {
		if v > 0 && scored.Scores[i] > 0 {
			out.Evidence[i] = scored.Evidence[i]
		}
	}
	return out
}

// textKey names a concert's text for the LLM cache.
func textKey(f llm.Facts) string {
	raw, _ := json.Marshal(f)
	sum := sha256.Sum256(raw)
	return "llm:" + hex.EncodeToString(sum[:])
}

func (e *Enrichment) log() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.Default()
}

// scorerInput is what the embedded scorer reads of a concert.
func scorerInput(c *ent.Concert, extra string) keywordscore.Input {
	return keywordscore.Input{
		Title: c.Title, Synopsis: deref(c.Synopsis), Cast: c.CastText, Crew: c.CrewText,
		Venue: c.Venue, Extra: extra, Genre: c.Genre,
	}
}

// factsOf is what the LLM and the composed summary read of a concert.
func factsOf(c *ent.Concert, extra string) llm.Facts {
	return llm.Facts{
		Title: c.Title, Cast: c.CastText, Crew: c.CrewText, Venue: c.Venue,
		Genre: c.GenreName, Synopsis: deref(c.Synopsis), Extra: extra,
		Start: c.StartDate, End: c.EndDate,
	}
}
