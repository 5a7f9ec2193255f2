package importer

import (
	"context"
	"fmt"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/keywordscore"
)

// rescoreBatch is how many concerts Rescore reads at a time.
const rescoreBatch = 500

// Rescore scores every stored concert again from its stored text, without
// asking KOPIS: after the scorer's knowledge changed. A concert whose scores
// or evidence change is counted updated (its keyword rows are replaced, in a
// transaction of its own), the others unchanged. Servers see the change at
// their next poll of the catalogue version.
func (im *Importer) Rescore(ctx context.Context) (Summary, error) {
	var sum Summary
	if err := im.loadKeywords(ctx); err != nil {
		return sum, err
	}
	after := 0
	for {
		page, err := im.DB.Concert.Query().
			Where(concert.IDGT(after)).
			Order(concert.ByID()).
			Limit(rescoreBatch).
			WithKeywordScores().
			All(ctx)
		if err != nil {
			return sum, fmt.Errorf("rescore: %w", err)
		}
		for _, c := range page {
			outcome, err := im.rescore(ctx, c)
			if err != nil {
				im.log().ErrorContext(ctx, "rescore failed", "kopis_id", c.KopisID, "err", err)
			}
			sum.Add(outcome)
		}
		if len(page) < rescoreBatch {
			return sum, nil
		}
		after = page[len(page)-1].ID
	}
}

func (im *Importer) rescore(ctx context.Context, c *ent.Concert) (Outcome, error) {
	scores, _ := im.enrich(ctx, c, keywordscore.Explain(scorerInput(c, "")))
	if im.sameScores(c.Edges.KeywordScores, scores) {
		return Unchanged, nil
	}
	if im.DryRun {
		return Updated, nil
	}
	tx, err := im.DB.Tx(ctx)
	if err != nil {
		return Failed, err
	}
	if err := im.writeScores(ctx, tx.Client(), c.ID, scores); err != nil {
		_ = tx.Rollback()
		return Failed, err
	}
	if err := tx.Commit(); err != nil {
		return Failed, err
	}
	return Updated, nil
}
