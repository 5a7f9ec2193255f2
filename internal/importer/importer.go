// Package importer owns loading KOPIS performances into Claco's concert table:
// it turns list rows and details (from saved XML files or the live API) into
// concerts, upserts them by KOPIS id a batch of concerts per transaction (a
// bad concert still fails alone), scores their keywords, and reports how many were new, updated, unchanged or failed. It
// also loads the embedded demo catalogue into an empty database.
package importer

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/keyword"
	"github.com/claco/claco/internal/keywordscore"
)

// Importer writes KOPIS records into the database.
type Importer struct {
	// DB is the ent client. A batch of records is written in one
	// transaction on it; a record that fails to be written fails alone.
	DB *ent.Client
	// Now is the clock stamped into imported_at.
	Now func() time.Time
	// Logger receives one line per failed or skipped record and a summary.
	Logger *slog.Logger
	// DryRun does all the work, then rolls every transaction back.
	DryRun bool
	// Enricher reads what the embedded scorer cannot (intro images, an
	// LLM); nil leaves the scorer's keywords and composes the summary.
	Enricher Enricher
	// Concurrency is how many KOPIS detail requests ImportAPI keeps in
	// flight (one when less than 1). The results do not depend on it.
	Concurrency int
	// BatchSize is how many records are looked up and written together
	// (DefaultBatchSize when less than 1).
	BatchSize int
	// Progress, when set, is called on the importing goroutine with the
	// number of records done (imported, skipped, failed or left out by
	// Query.Since) and the number to do, first with done 0 once the total is
	// known, then after every record.
	Progress func(done, total int)

	keywordIDs [keywordscore.Count]int // by keywordscore.Keys index, once loaded
	loaded     bool
}

// New returns an importer writing through db, stamping imports with now
// (time.Now when nil).
func New(db *ent.Client, now func() time.Time) *Importer {
	return &Importer{DB: db, Now: now}
}

// Outcome is what importing one record did.
type Outcome int

// Outcomes of one record.
const (
	Failed      Outcome = iota // nothing written
	Created                    // a concert was created
	Updated                    // a live concert was changed
	Unchanged                  // the live concert already held this content; nothing written
	KeptDeleted                // an administrator deleted the concert; it stays deleted
	Skipped                    // not classical music or dance: not Claco's; nothing written
)

var outcomeNames = [...]string{"failed", "new", "updated", "unchanged", "kept deleted", "skipped"}

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Summary counts the outcomes of an import.
type Summary struct {
	New, Updated, Unchanged, Skipped, Failed int
}

// String is the line the importer prints when it ends.
func (s Summary) String() string {
	return fmt.Sprintf("imported %d new, %d updated, %d unchanged, %d skipped, %d failed", s.New, s.Updated, s.Unchanged, s.Skipped, s.Failed)
}

// Add counts one outcome. A concert kept deleted counts as unchanged: the
// import left it as it was.
func (s *Summary) Add(o Outcome) {
	switch o {
	case Created:
		s.New++
	case Updated:
		s.Updated++
	case Unchanged, KeptDeleted:
		s.Unchanged++
	case Skipped:
		s.Skipped++
	default:
		s.Failed++
	}
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now()
	}
	return time.Now()
}

func (im *Importer) log() *slog.Logger {
	if im.Logger != nil {
		return im.Logger
	}
	return slog.Default()
}

// loadKeywords reads the keyword ids once: scores are stored against them.
func (im *Importer) loadKeywords(ctx context.Context) error {
	if im.loaded {
		return nil
	}
	rows, err := im.DB.Keyword.Query().Select(keyword.FieldID, keyword.FieldKey).All(ctx)
	if err != nil {
		return fmt.Errorf("load keywords: %w", err)
	}
	byKey := make(map[string]int, len(rows))
	for _, k := range rows {
		byKey[k.Key] = k.ID
	}
	for i, key := range keywordscore.Keys {
		id, ok := byKey[key]
		if !ok {
			return fmt.Errorf("keyword %q is not in the database: seed the reference data first", key)
		}
		im.keywordIDs[i] = id
	}
	im.loaded = true
	return nil
}
