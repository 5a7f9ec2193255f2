package importer

import (
	"context"
	"fmt"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/internal/keywordscore"
)

// An admin may correct the scorer: a concert's keyword rows are then
// curated, and imports and Rescore leave them as they are (see sameScores)
// until ClearCurated gives the concert the scorer's keywords again. Every
// write of keyword rows, the scorer's and the admins', is in this package.

// CuratedScore is one keyword an admin set on a concert.
type CuratedScore struct {
	KeywordID int
	Score     float64
}

// SetCurated replaces the concert's keyword rows with an admin's, in tx.
// The caller validates the scores (one keyword per pair, 0.1–1.0).
func SetCurated(ctx context.Context, tx *ent.Client, concertID int, scores []CuratedScore) error {
	if _, err := tx.ConcertKeyword.Delete().Where(concertkeyword.ConcertID(concertID)).Exec(ctx); err != nil {
		return fmt.Errorf("replace keyword scores: %w", err)
	}
	rows := make([]*ent.ConcertKeywordCreate, len(scores))
	for i, s := range scores {
		rows[i] = tx.ConcertKeyword.Create().SetConcertID(concertID).SetKeywordID(s.KeywordID).
			SetScore(s.Score).SetEvidence([]string{}).SetCurated(true)
	}
	if err := tx.ConcertKeyword.CreateBulk(rows...).Exec(ctx); err != nil {
		return fmt.Errorf("write curated keyword scores: %w", err)
	}
	return nil
}

// ClearCurated gives the concert the scorer's keywords again, scored from
// its stored text, in tx. The scorer reads the stored text alone here:
// enrichment (OCR, an LLM) is the importer command's, and its next run
// or `importer rescore` refines the rows as usual.
func (im *Importer) ClearCurated(ctx context.Context, tx *ent.Client, concertID int) error {
	if err := im.loadKeywords(ctx); err != nil {
		return err
	}
	c, err := tx.Concert.Get(ctx, concertID)
	if err != nil {
		return fmt.Errorf("clear curated keywords: %w", err)
	}
	return im.writeScores(ctx, tx, concertID, keywordscore.Explain(scorerInput(c, "")))
}

// curated reports whether an admin set the keyword rows.
func curated(rows []*ent.ConcertKeyword) bool {
	for _, r := range rows {
		if r.Curated {
			return true
		}
	}
	return false
}
