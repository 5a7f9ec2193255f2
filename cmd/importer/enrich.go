package main

import (
	"context"
	"errors"
	"log/slog"
	"net/url"

	"github.com/claco/claco/internal/enrich/llm"
	"github.com/claco/claco/internal/enrich/ocr"
	"github.com/claco/claco/internal/importer"
)

// defaultCacheDir keeps what enrichment learned (image text, LLM answers)
// between runs, so that a re-run of unchanged concerts repeats no OCR and
// asks the LLM nothing. CLACO_IMPORT_CACHE moves it.
const defaultCacheDir = "import-cache"

// newEnrichment reads intro images with --ocr (tesseract with Korean data
// must be installed, and the KOPIS hosts reachable), and asks the LLM of
// CLACO_LLM_URL/KEY/MODEL when one is set. Without either, the scorer's
// keywords stand and summaries are composed.
func newEnrichment(ctx context.Context, getenv func(string) string, withOCR bool, log *slog.Logger) (*importer.Enrichment, error) {
	dir := getenv("CLACO_IMPORT_CACHE")
	if dir == "" {
		dir = defaultCacheDir
	}
	cache, err := ocr.NewDirCache(dir)
	if err != nil {
		return nil, err
	}
	e := &importer.Enrichment{Cache: cache, Log: log}
	if e.LLM, err = llm.New(llm.ConfigFromEnv(getenv)); err != nil {
		return nil, err
	}
	if withOCR {
		if !ocr.Available(ctx, "tesseract") {
			return nil, errors.New("--ocr needs tesseract with Korean data (apt-get install tesseract-ocr tesseract-ocr-kor)")
		}
		hosts := []string{"www.kopis.or.kr", "kopis.or.kr"}
		if u, err := url.Parse(getenv("CLACO_KOPIS_URL")); err == nil && u.Host != "" {
			hosts = append(hosts, u.Host)
		}
		if e.OCR, err = ocr.New(ocr.Options{AllowedHosts: hosts, Cache: cache, Logger: log}); err != nil {
			return nil, err
		}
	}
	return e, nil
}
