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

// wholeRows returns a context with ctx's cancellation but without its GraphQL
// field context. ent's Noder narrows its SELECT to the fields a query names
// when it finds one; the resolvers here need whole rows (owner and parent ids
// decide what a caller may see), so node lookups load them whole.
// Call done when the lookup is over.
func wholeRows(ctx context.Context) (detached context.Context, done func()) {
	detached, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	return detached, func() { stop(); cancel() }
}
