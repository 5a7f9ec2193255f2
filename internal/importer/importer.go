// Package importer owns loading KOPIS performances into Claco's concert table:
// it turns list rows and details (from saved XML files or the live API) into
// concerts, upserts them by KOPIS id one transaction per concert, scores their
// keywords, and reports how many were new, updated, unchanged or failed. It
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
	// DB is the ent client; each record runs in its own transaction on it.
	DB *ent.Client
	// Now is the clock stamped into imported_at.
	Now func() time.Time
	// Logger receives one line per failed or skipped record and a summary.
	Logger *slog.Logger
	// DryRun does all the work, then rolls every transaction back.
	DryRun bool

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
