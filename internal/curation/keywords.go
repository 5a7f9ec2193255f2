package curation

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/audit"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/importer"
)

// The range of an admin's keyword score: the scorer's, whose weakest score
// (a genre default) is 0.1.
const (
	minScore = 0.1
	maxScore = 1.0
)

// KeywordScore is one keyword an admin sets on a concert.
type KeywordScore struct {
	Key   string
	Score float64
}

// SetKeywords replaces a concert's keywords with the admin's: exactly one
// keyword of each pair, scores 0.1–1.0, as the scorer gives them. The
// rows are marked curated, so imports and rescoring keep them.
func (s *Service) SetKeywords(ctx context.Context, adminID, concertID int, in []KeywordScore) (*ent.Concert, error) {
	keys := make([]string, len(in))
	for i, k := range in {
		keys[i] = strings.ToLower(strings.TrimSpace(k.Key))
	}
	keywords, err := s.ref.OnePerPair("keywords", keys)
	if err != nil {
		return nil, err
	}
	scores := make([]importer.CuratedScore, len(in))
	details := make([]string, len(in))
	for i, k := range in {
		if math.IsNaN(k.Score) || k.Score < minScore || k.Score > maxScore {
			return nil, apperr.Invalid(fmt.Sprintf("keywords.%d.score", i), "a score is %.1f to %.1f", minScore, maxScore)
		}
		scores[i] = importer.CuratedScore{KeywordID: keywords[i].ID, Score: k.Score}
		details[i] = fmt.Sprintf("%s=%.2f", keywords[i].Key, k.Score)
	}
	return s.changeKeywords(ctx, adminID, concertID, audit.Entry{Action: audit.SetConcertKeywords, Detail: strings.Join(details, " ")},
		func(tx *ent.Client) error { return importer.SetCurated(ctx, tx, concertID, scores) })
}

// ClearKeywords drops an admin's keywords of a concert: the scorer's apply
// again. A concert without curated keywords is left as it is.
func (s *Service) ClearKeywords(ctx context.Context, adminID, concertID int) (*ent.Concert, error) {
	return s.changeKeywords(ctx, adminID, concertID, audit.Entry{Action: audit.ClearConcertKeywords},
		func(tx *ent.Client) error {
			curated, err := tx.ConcertKeyword.Query().
				Where(concertkeyword.ConcertID(concertID), concertkeyword.Curated(true)).Exist(ctx)
			if err != nil || !curated {
				return err
			}
			return s.scorer().ClearCurated(ctx, tx, concertID)
		})
}

// changeKeywords runs change on a live concert's keyword rows and records
// the action, in one transaction; it returns the concert.
func (s *Service) changeKeywords(ctx context.Context, adminID, concertID int, entry audit.Entry, change func(tx *ent.Client) error) (*ent.Concert, error) {
	var out *ent.Concert
	err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
		c, err := tx.Concert.Query().Where(concert.ID(concertID)).Only(ctx)
		if ent.IsNotFound(err) {
			return &apperr.Error{Code: apperr.NotFound, Field: "concertId", Message: "there is no such concert"}
		}
		if err != nil {
			return fmt.Errorf("concert keywords: %w", err)
		}
		if err := change(tx); err != nil {
			return err
		}
		out = c
		entry.Target = concertID
		return audit.Record(ctx, tx, adminID, entry)
	})
	return out, err
}
