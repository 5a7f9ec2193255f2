package curation

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/collection"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/audit"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/pager"
)

// The contract's bounds of a collection.
const (
	maxTitle       = 100
	maxDescription = 1000
	maxConcerts    = 50
)

// CollectionInput is what an admin writes of a collection.
type CollectionInput struct {
	Title       string
	Description *string
	ConcertIDs  []int
}

// CreateCollection makes a collection.
func (s *Service) CreateCollection(ctx context.Context, adminID int, in CollectionInput) (*ent.Collection, error) {
	var out *ent.Collection
	err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
		if err := s.checkCollection(ctx, tx, &in); err != nil {
			return err
		}
		c, err := tx.Collection.Create().SetTitle(in.Title).SetNillableDescription(in.Description).
			SetConcertIds(in.ConcertIDs).Save(ctx)
		if err != nil {
			return fmt.Errorf("create collection: %w", err)
		}
		out = c
		return audit.Record(ctx, tx, adminID, audit.Entry{Action: audit.CreateCollection, Target: c.ID, Detail: describe(in)})
	})
	return out, err
}

// UpdateCollection replaces a collection's title, description and concerts.
func (s *Service) UpdateCollection(ctx context.Context, adminID, id int, in CollectionInput) (*ent.Collection, error) {
	var out *ent.Collection
	err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
		if err := s.checkCollection(ctx, tx, &in); err != nil {
			return err
		}
		update := tx.Collection.UpdateOneID(id).SetTitle(in.Title).SetConcertIds(in.ConcertIDs)
		if in.Description != nil {
			update.SetDescription(*in.Description)
		} else {
			update.ClearDescription()
		}
		c, err := update.Save(ctx)
		if ent.IsNotFound(err) {
			return apperr.New(apperr.NotFound, "no collection with id %d", id)
		}
		if err != nil {
			return fmt.Errorf("update collection: %w", err)
		}
		out = c
		return audit.Record(ctx, tx, adminID, audit.Entry{Action: audit.UpdateCollection, Target: id, Detail: describe(in)})
	})
	return out, err
}

// DeleteCollection removes a collection (soft delete).
func (s *Service) DeleteCollection(ctx context.Context, adminID, id int) error {
	return database.InTx(ctx, s.db, func(tx *ent.Client) error {
		c, err := tx.Collection.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apperr.New(apperr.NotFound, "no collection with id %d", id)
		}
		if err != nil {
			return fmt.Errorf("delete collection: %w", err)
		}
		if err := tx.Collection.DeleteOne(c).Exec(ctx); err != nil {
			return fmt.Errorf("delete collection: %w", err)
		}
		return audit.Record(ctx, tx, adminID, audit.Entry{Action: audit.DeleteCollection, Target: id, Detail: c.Title})
	})
}

// Collections returns one page of the live collections, newest first; the
// total only when wantTotal.
func (s *Service) Collections(ctx context.Context, args pager.Args, wantTotal bool) (*ent.CollectionConnection, error) {
	rows, cursors, info, err := pager.NewestFirst(args, func(where, order func(*sql.Selector), limit int) ([]*ent.Collection, error) {
		return s.db.Collection.Query().Where(where).Order(order).Limit(limit).All(ctx)
	}, func(c *ent.Collection) int { return c.ID })
	if err != nil {
		return nil, err
	}
	conn := &ent.CollectionConnection{Edges: make([]*ent.CollectionEdge, len(rows)), PageInfo: info}
	for i, c := range rows {
		conn.Edges[i] = &ent.CollectionEdge{Node: c, Cursor: cursors[i]}
	}
	if wantTotal {
		if conn.TotalCount, err = s.db.Collection.Query().Count(ctx); err != nil {
			return nil, fmt.Errorf("collections: %w", err)
		}
	}
	return conn, nil
}

// CollectionsByID returns the live collections with the ids (node lookups).
func (s *Service) CollectionsByID(ctx context.Context, ids []int) (map[int]*ent.Collection, error) {
	rows, err := s.db.Collection.Query().Where(collection.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("collections: %w", err)
	}
	out := make(map[int]*ent.Collection, len(rows))
	for _, c := range rows {
		out[c.ID] = c
	}
	return out, nil
}

// checkCollection validates and normalises in: the title and description
// trimmed and bounded, the concerts at most 50, distinct and existing.
func (s *Service) checkCollection(ctx context.Context, tx *ent.Client, in *CollectionInput) error {
	in.Title = strings.TrimSpace(in.Title)
	switch n := utf8.RuneCountInString(in.Title); {
	case n == 0:
		return apperr.Invalid("input.title", "a collection needs a title")
	case n > maxTitle:
		return apperr.Invalid("input.title", "at most %d characters", maxTitle)
	}
	if in.Description != nil {
		d := strings.TrimSpace(*in.Description)
		if utf8.RuneCountInString(d) > maxDescription {
			return apperr.Invalid("input.description", "at most %d characters", maxDescription)
		}
		in.Description = &d
		if d == "" {
			in.Description = nil
		}
	}
	if len(in.ConcertIDs) > maxConcerts {
		return apperr.Invalid("input.concertIds", "at most %d concerts", maxConcerts)
	}
	seen := make(map[int]bool, len(in.ConcertIDs))
	for i, id := range in.ConcertIDs {
		if seen[id] {
			return apperr.Invalid(fmt.Sprintf("input.concertIds.%d", i), "concert %d is listed twice", id)
		}
		seen[id] = true
	}
	if len(in.ConcertIDs) == 0 {
		in.ConcertIDs = []int{}
		return nil
	}
	found, err := tx.Concert.Query().Where(concert.IDIn(in.ConcertIDs...)).IDs(ctx)
	if err != nil {
		return fmt.Errorf("check collection concerts: %w", err)
	}
	for i, id := range in.ConcertIDs {
		if !slices.Contains(found, id) {
			return apperr.Invalid(fmt.Sprintf("input.concertIds.%d", i), "no concert with id %d", id)
		}
	}
	return nil
}

// describe says what a collection holds, for the audit log.
func describe(in CollectionInput) string {
	ids := make([]string, len(in.ConcertIDs))
	for i, id := range in.ConcertIDs {
		ids[i] = fmt.Sprint(id)
	}
	return fmt.Sprintf("%q: %d concerts [%s]", in.Title, len(in.ConcertIDs), strings.Join(ids, " "))
}
