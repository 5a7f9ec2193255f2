package graph

import (
	"context"

	"github.com/claco/claco/ent"
)

// visibleNode hides what node(id:) must not reveal to this caller: a Claco
// book is its owner's only. Members are safe to return: their private fields
// check the caller themselves.
func visibleNode(ctx context.Context, n ent.Noder) ent.Noder {
	if book, ok := n.(*ent.ClacoBook); ok && !isViewer(ctx, book.MemberID) {
		return nil
	}
	return n
}
