package library

import (
	"context"

	"github.com/claco/claco/ent"
)

// Book returns the live book with the id, or nil when there is none.
// Callers check that the caller owns it.
func (s *Service) Book(ctx context.Context, id int) (*ent.ClacoBook, error) {
	b, err := s.db.ClacoBook.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return b, err
}
