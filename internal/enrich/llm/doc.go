// Package llm owns Claco's optional LLM enrichment of a concert: asking an
// OpenAI-compatible chat endpoint for the ten keyword scores and a short,
// friendly Korean summary, and composing such a summary without one.
//
// The embedded scorer (internal/keywordscore) is always the baseline: it is
// deterministic, offline and explains itself. A language model reads the
// whole record (synopsis, OCR text of intro images) and writes better prose,
// but it may be down, slow, or answer garbage. So Enrich is strict: the
// answer must be one JSON object of exactly the documented shape, with one
// known keyword per pair scored 0.1..1.0 and a summary of 50..100 runes; any
// HTTP error, timeout, oversized or non-JSON body, or rule broken is an
// error, and the caller keeps its embedded scores and falls back to
// ComposeSummary. Nothing here panics on bad input, logs, or puts the API
// key into an error.
//
// "No LLM" is a nil *Client: New returns nil, nil when Config.URL is empty,
// so callers check for nil (a nil client's Enrich also just returns
// ErrDisabled).
//
// The importer's order is:
//
//	scores := keywordscore.Explain(in).Scores          // always
//	summary := llm.ComposeSummary(facts, scores)      // always valid
//	if client != nil {
//		if e, err := client.Enrich(ctx, facts); err == nil {
//			scores, summary = e.Scores, e.Summary
//		} else {
//			log(err)                                   // embedded result stands
//		}
//	}
//
// An Enrichment carries no evidence: keywordscore's Evidence explains the
// embedded scores only.
package llm
