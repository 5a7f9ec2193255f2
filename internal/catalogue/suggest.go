package catalogue

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
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
	ps, err := s.predicates(&Filter{Query: &text}, "", false)
	if err != nil {
		return nil, apperr.Invalid("query", "search text is longer than %d characters", maxQueryChars)
	}
	key := fmt.Sprintf("%s|%d|%s", s.Today().Format("2006-01-02"), limit, text)
	return cached(s.model, &s.model.found, key, func() ([]*ent.Concert, error) {
		return s.reader(ctx).Concert.Query().
			Where(ps...).
			Order(bestMatchFirst(text), concert.ByStartDate(), concert.ByID()).
			Limit(limit).
			All(ctx)
	})
}

func bestMatchFirst(text string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		ranks := []*sql.Predicate{
			sql.HasPrefixFold(s.C(concert.FieldTitle), text),
			sql.ContainsFold(s.C(concert.FieldTitle), text),
			sql.ContainsFold(s.C(concert.FieldCastText), text),
		}
		// sql.ExprFunc keeps the arguments; Selector.OrderExprFunc drops them.
		s.OrderExpr(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("CASE")
			for i, p := range ranks {
				b.WriteString(" WHEN ").Join(p).WriteString(" THEN ").Arg(i)
			}
			b.WriteString(" ELSE ").Arg(len(ranks)).WriteString(" END")
		}))
	}
}
