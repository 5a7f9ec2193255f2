package importer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/claco/claco/internal/kopis"
)

// Query selects what ImportAPI loads.
type Query struct {
	// From and To are the days (both included) whose performances to load.
	From, To time.Time
	// Genres are KOPIS genre codes; empty means kopis.Codes (CCCA and BBBC).
	Genres []string
	// Since, when set, keeps only performances KOPIS updated at or after it,
	// judged by the list row's updatedate when it has one (saving the detail
	// request) and else by the detail's. Performances with neither date are kept.
	Since time.Time
}

// ImportAPI imports the performances of q from the KOPIS API. A list request
// that fails stops the import (the set of concerts is unknown); a detail that
// fails counts as one failed concert.
func (im *Importer) ImportAPI(ctx context.Context, api *kopis.Client, q Query) (Summary, error) {
	var sum Summary
	if err := im.loadKeywords(ctx); err != nil {
		return sum, err
	}
	if q.To.Before(q.From) {
		return sum, fmt.Errorf("period %s..%s ends before it starts", q.From.Format(time.DateOnly), q.To.Format(time.DateOnly))
	}
	genres := q.Genres
	if len(genres) == 0 {
		genres = kopis.Codes
	}
	for _, code := range genres {
		if _, ok := kopis.GenreOfCode(code); !ok {
			return sum, fmt.Errorf("genre code %q: want one of %s", code, strings.Join(kopis.Codes, ", "))
		}
	}
	seen := map[string]bool{}
	for _, code := range genres {
		items, err := api.List(ctx, code, q.From, q.To)
		if err != nil {
			return sum, err
		}
		for i := range items {
			it := &items[i]
			if seen[it.ID] || before(it.UpdateDate, q.Since) {
				continue
			}
			seen[it.ID] = true
			detail, err := api.Detail(ctx, it.ID)
			if err != nil {
				if ctx.Err() != nil {
					return sum, err
				}
				im.fail(ctx, &sum, it.ID, err)
				continue
			}
			if before(detail.UpdateDate, q.Since) {
				continue
			}
			if err := im.importOne(ctx, &sum, Record{List: it, Detail: detail, GenreCode: code}); err != nil {
				return sum, err
			}
		}
	}
	im.log().InfoContext(ctx, "kopis import done", "summary", sum.String(), "dry_run", im.DryRun)
	return sum, nil
}

// before reports whether an updatedate is known and earlier than since.
func before(updateDate string, since time.Time) bool {
	if since.IsZero() || updateDate == "" {
		return false
	}
	at, err := kopis.ParseUpdateDate(updateDate)
	return err == nil && at.Before(since)
}
