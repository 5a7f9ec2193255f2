package catalogue

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apperr"
)

// MaxSuggestions bounds searchSuggestions' limit.
const MaxSuggestions = 20

// Suggest returns up to limit concerts that have not ended and match text,
// best first: title starts with it, then title, cast, venue contain it; then
// the soonest.
func (s *Service) Suggest(ctx context.Context, text string, limit int) ([]*ent.Concert, error) {
	if limit < 1 || limit > MaxSuggestions {
		return nil, apperr.Invalid("limit", "limit must be between 1 and %d", MaxSuggestions)
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return []*ent.Concert{}, nil
	}
	if utf8.RuneCountInString(text) > maxQueryChars {
		return nil, apperr.Invalid("query", "search text is longer than %d characters", maxQueryChars)
	}
	key := fmt.Sprintf("%s|%d|%s", s.Today().Format(time.DateOnly), limit, text)
	return cached(s.model, &s.model.found, key, func() ([]*ent.Concert, error) {
		snap, err := s.snapshot(ctx)
		if err != nil {
			return nil, err
		}
		return s.suggestSnapshot(ctx, snap, text, limit)
	})
}
