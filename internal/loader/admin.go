package loader

import (
	"context"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/library"
)

// AdminDeps are the owners of what admins read (and collections, which
// everyone reads); each is a batch function.
type AdminDeps struct {
	// MemberLikes counts each member's live likes (the likes package).
	MemberLikes func(ctx context.Context, memberIDs []int) (map[int]int, error)
	// MemberHoldings counts each member's books and tickets (the library).
	MemberHoldings func(ctx context.Context, memberIDs []int) (map[int]library.Holdings, error)
	// Collections reads collections by id (curation).
	Collections func(ctx context.Context, ids []int) (map[int]*ent.Collection, error)
	// AdminActions reads audit log entries by id (audit).
	AdminActions func(ctx context.Context, ids []int) (map[int]*ent.AdminAction, error)
	// ImportRuns reads importer runs by id (importruns).
	ImportRuns func(ctx context.Context, ids []int) (map[int]*ent.ImportRun, error)
}

// adminSet are the loaders of admins' reads and of collections.
type adminSet struct {
	memberLikes    *keyed[int, int, int]
	memberHoldings *keyed[int, int, library.Holdings]
	collection     *keyed[int, int, *ent.Collection]
	adminAction    *keyed[int, int, *ent.AdminAction]
	importRun      *keyed[int, int, *ent.ImportRun]
}

func (l *Loaders) newAdminSet(observe func(string, int)) adminSet {
	d, w := l.deps.Admin, l.deps.Wait
	return adminSet{
		memberLikes:    byID(w, observed(observe, MemberLikesLoader, d.MemberLikes)),
		memberHoldings: byID(w, observed(observe, MemberHoldingsLoader, d.MemberHoldings)),
		collection:     byID(w, observed(observe, CollectionLoader, d.Collections)),
		adminAction:    byID(w, observed(observe, AdminActionLoader, d.AdminActions)),
		importRun:      byID(w, observed(observe, ImportRunLoader, d.ImportRuns)),
	}
}

// MemberLikeCount returns how many live likes the member has.
func (l *Loaders) MemberLikeCount(ctx context.Context, memberID int) (int, error) {
	return l.loaders().admin.memberLikes.load(ctx, memberID)
}

// MemberHoldings returns how many books and tickets the member keeps.
func (l *Loaders) MemberHoldings(ctx context.Context, memberID int) (library.Holdings, error) {
	return l.loaders().admin.memberHoldings.load(ctx, memberID)
}

// Collection returns the live collection with the id, or nil.
func (l *Loaders) Collection(ctx context.Context, id int) (*ent.Collection, error) {
	return l.loaders().admin.collection.load(ctx, id)
}

// AdminAction returns the audit entry with the id, or nil.
func (l *Loaders) AdminAction(ctx context.Context, id int) (*ent.AdminAction, error) {
	return l.loaders().admin.adminAction.load(ctx, id)
}

// ImportRun returns the importer run with the id, or nil.
func (l *Loaders) ImportRun(ctx context.Context, id int) (*ent.ImportRun, error) {
	return l.loaders().admin.importRun.load(ctx, id)
}

// AnnounceMembers says that admin fields of these members are about to be
// resolved (a page of members).
func (l *Loaders) AnnounceMembers(members []*ent.Member) {
	ids := idsOf(members, func(m *ent.Member) int { return m.ID })
	s := l.loaders()
	s.admin.memberLikes.announce(ids)
	s.admin.memberHoldings.announce(ids)
}

// AnnounceCollections says that the concerts of these collections are about
// to be resolved: all of them cost one statement.
func (l *Loaders) AnnounceCollections(collections []*ent.Collection) {
	var ids []int
	for _, c := range collections {
		ids = append(ids, c.ConcertIds...)
	}
	l.loaders().concert.announce(ids)
}

// AnnounceAdminActions says that the admins of these entries are about to be resolved.
func (l *Loaders) AnnounceAdminActions(actions []*ent.AdminAction) {
	l.loaders().member.announce(idsOf(actions, func(a *ent.AdminAction) int { return a.AdminID }))
}
