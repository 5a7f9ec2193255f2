package catalogue

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/pager"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/softdelete"
)

// Facts are what recommendations need to know of a concert.
type Facts struct {
	ID       int
	Keywords [reference.KeywordCount]float32 // scores in vector order
	Ended    bool                            // before today
	Area     string
	Genre    concert.Genre
	// MinPrice and MaxPrice are the price range in won (0 for free), nil when unknown.
	MinPrice, MaxPrice *int
}

// AllFacts returns the facts of every live concert, in two queries.
func (s *Service) AllFacts(ctx context.Context) ([]Facts, error) {
	rows, err := s.db.Concert.Query().
		Select(concert.FieldID, concert.FieldEndDate, concert.FieldArea, concert.FieldGenre,
			concert.FieldMinPrice, concert.FieldMaxPrice, concert.FieldIsFree).
		Order(concert.ByID()).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("concert facts: %w", err)
	}
	scores, err := s.db.ConcertKeyword.Query().Where(concertkeyword.ScoreGT(0)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("concert facts: %w", err)
	}
	today := s.Today()
	out := make([]Facts, len(rows))
	at := make(map[int]int, len(rows))
	for i, c := range rows {
		f := Facts{ID: c.ID, Ended: today.After(c.EndDate), Area: c.Area, Genre: c.Genre, MinPrice: c.MinPrice, MaxPrice: c.MaxPrice}
		if c.IsFree {
			zero := 0
			f.MinPrice, f.MaxPrice = &zero, &zero
		}
		out[i], at[c.ID] = f, i
	}
	for _, sc := range scores {
		i, ok := at[sc.ConcertID]
		k, known := s.ref.KeywordByID(sc.KeywordID)
		if ok && known {
			out[i].Keywords[k.Position] = float32(sc.Score)
		}
	}
	return out, nil
}

// Version is a cheap fingerprint of the catalogue and of today, as public
// reads see it (on the replica when there is one, so that what was kept
// while the replica lagged is dropped once it caught up): it changes
// when another process (the importer) writes concerts or their keyword
// scores, and at midnight, when concerts end. Polling it tells a server when
// to rebuild what it derives from the catalogue.
func (s *Service) Version(ctx context.Context) (string, error) {
	withDeleted := softdelete.IncludeDeleted(ctx)
	db := s.reader(ctx)
	var parts []string
	for _, t := range []struct {
		table string
		query func() (string, error)
	}{
		{"concerts", func() (string, error) {
			return database.Fingerprint(withDeleted, db.Concert.Query().Modify(database.CountAndLatest))
		}},
		{"scores", func() (string, error) {
			return database.Fingerprint(withDeleted, db.ConcertKeyword.Query().Modify(database.CountAndLatest))
		}},
	} {
		v, err := t.query()
		if err != nil {
			return "", fmt.Errorf("catalogue version (%s): %w", t.table, err)
		}
		parts = append(parts, v)
	}
	parts = append(parts, s.Today().Format(time.DateOnly))
	return strings.Join(parts, "|"), nil
}

// UpcomingByLikes returns up to n concerts that have not ended, most liked
// first (ties: soonest, then id), for members with no likes of their own.
func (s *Service) UpcomingByLikes(ctx context.Context, n int) ([]*ent.Concert, error) {
	conn, err := s.Browse(ctx, pagerFirst(n), nil, &Order{Field: ByLikeCount, Direction: entgql.OrderDirectionDesc}, false)
	if err != nil {
		return nil, err
	}
	out := make([]*ent.Concert, len(conn.Edges))
	for i, e := range conn.Edges {
		out[i] = e.Node
	}
	return out, nil
}

func pagerFirst(n int) pager.Args { return pager.Args{First: &n} }
