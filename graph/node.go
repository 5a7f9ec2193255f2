package graph

import (
	"context"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/adminaction"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/collection"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/ent/importrun"
	"github.com/claco/claco/ent/keyword"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/placecategory"
	"github.com/claco/claco/ent/tagcategory"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/loader"
)

// nodes resolves global ids through the packages that own their types, with
// the same batch loaders and visibility rules as the direct fields: a book
// is its owner's only, a review is public. Unknown, deleted and invisible
// ids are null. Each type costs one statement however many ids ask for it.
func (r *Resolver) nodes(ctx context.Context, ids []int) ([]ent.Noder, error) {
	l := loader.For(ctx)
	out := make([]ent.Noder, len(ids))
	byTable := map[string][]int{}
	for i, id := range ids {
		if table, ok := ent.NodeTable(id); ok {
			byTable[table] = append(byTable[table], i)
		}
	}
	for table, positions := range byTable {
		resolve, ok := r.nodeResolvers(l)[table]
		if !ok {
			continue // a type that is not a node
		}
		for _, i := range positions {
			l.AnnounceNode(table, ids[i])
		}
		for _, i := range positions {
			n, err := resolve(ctx, ids[i])
			if err != nil {
				return nil, err
			}
			out[i] = n
		}
	}
	return out, nil
}

// nodeResolvers load one node of each table; nil results stay null.
func (r *Resolver) nodeResolvers(l *loader.Loaders) map[string]func(context.Context, int) (ent.Noder, error) {
	return map[string]func(context.Context, int) (ent.Noder, error){
		concert.Table:        noder(l.Concert),
		member.Table:         noder(l.Member),
		clacobook.Table:      noder(l.Book),
		ticketreview.Table:   noder(l.Review),
		concertkeyword.Table: noder(l.KeywordScore),
		collection.Table:     noder(l.Collection),
		adminaction.Table:    adminOnly(noder(l.AdminAction)),
		importrun.Table:      adminOnly(noder(l.ImportRun)),
		keyword.Table: func(_ context.Context, id int) (ent.Noder, error) {
			k, ok := r.Reference.KeywordByID(id)
			return nodeOrNil(k, ok), nil
		},
		tagcategory.Table: func(_ context.Context, id int) (ent.Noder, error) {
			return nodeOf(r.Reference.TagCategories, id, func(t *ent.TagCategory) int { return t.ID }), nil
		},
		placecategory.Table: func(_ context.Context, id int) (ent.Noder, error) {
			return nodeOf(r.Reference.PlaceCategories, id, func(p *ent.PlaceCategory) int { return p.ID }), nil
		},
	}
}

// adminOnly resolves admins' types for admins only; others get null, as
// for an id that does not exist.
func adminOnly(resolve func(context.Context, int) (ent.Noder, error)) func(context.Context, int) (ent.Noder, error) {
	return func(ctx context.Context, id int) (ent.Noder, error) {
		if p, ok := auth.PrincipalFrom(ctx); !ok || !p.Has(member.RoleADMIN) {
			return nil, nil
		}
		return resolve(ctx, id)
	}
}

// noder adapts a loader of one type to a node resolver; a nil row is null.
func noder[T interface {
	comparable
	ent.Noder
}](load func(context.Context, int) (T, error)) func(context.Context, int) (ent.Noder, error) {
	return func(ctx context.Context, id int) (ent.Noder, error) {
		v, err := load(ctx, id)
		var zero T
		if err != nil || v == zero {
			return nil, err
		}
		return v, nil
	}
}

func nodeOrNil[T ent.Noder](v T, ok bool) ent.Noder {
	if !ok {
		return nil
	}
	return v
}

func nodeOf[T ent.Noder](rows []T, id int, idOf func(T) int) ent.Noder {
	for _, row := range rows {
		if idOf(row) == id {
			return row
		}
	}
	return nil
}
