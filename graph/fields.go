package graph

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/curation"
	"github.com/claco/claco/internal/loader"
)

// keyword returns a keyword from the reference data held in memory.
func (r *Resolver) keyword(id int) (*ent.Keyword, error) {
	k, ok := r.Reference.KeywordByID(id)
	if !ok {
		return nil, fmt.Errorf("keyword %d is not in the reference data", id)
	}
	return k, nil
}

// wantsTotalCount reports whether the connection being resolved was asked
// for its totalCount, which costs a query of its own.
func wantsTotalCount(ctx context.Context) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "totalCount" {
			return true
		}
	}
	return false
}

// announceConcertPage tells the loaders which concerts' fields are coming,
// so that each field costs one query for the whole page.
func announceConcertPage(ctx context.Context, conn *ent.ConcertConnection) {
	nodes := make([]*ent.Concert, len(conn.Edges))
	for i, e := range conn.Edges {
		nodes[i] = e.Node
	}
	loader.For(ctx).AnnounceConcerts(nodes)
}

// announceConcert tells the loaders that a single concert's fields are
// coming. Concert's fields are resolved one after another
// (internal/graphgen), so an unannounced concert would wait for a batch
// window per loaded field; announced, each field's load fetches at once.
func announceConcert(ctx context.Context, c *ent.Concert, err error) (*ent.Concert, error) {
	if c != nil && err == nil {
		loader.For(ctx).AnnounceConcerts([]*ent.Concert{c})
	}
	return c, err
}

// announceReview is announceConcert for a single ticket review, whose
// fields are resolved one after another too.
func announceReview(ctx context.Context, v *ent.TicketReview, err error) (*ent.TicketReview, error) {
	if v != nil && err == nil {
		loader.For(ctx).AnnounceReviews([]*ent.TicketReview{v})
	}
	return v, err
}

// viewer is the member the request acts for, 0 when anonymous.
func viewer(ctx context.Context) int {
	p, _ := auth.PrincipalFrom(ctx)
	return p.MemberID
}

// written ends a mutation that succeeded (err == nil): what it changed is
// read fresh from here on, as the loaders forget what they cached before.
// It returns err.
func written(ctx context.Context, err error) error {
	if err == nil {
		loader.For(ctx).Forget(viewer(ctx))
	}
	return err
}

// curated ends an admin's change that recommendations read (keywords, a
// hidden review): when it succeeded, the recommendation index is rebuilt
// before the answer, so the change counts from the next request on.
func (r *Resolver) curated(ctx context.Context, err error) error {
	if err != nil {
		return err
	}
	if err := r.Recs.Refresh(ctx); err != nil {
		// The change is committed; the index catches up at its next poll.
		slog.WarnContext(ctx, "recommendation index not refreshed after an admin change", "err", err)
	}
	return written(ctx, nil)
}

func collectionInput(in CollectionInput) curation.CollectionInput {
	return curation.CollectionInput{Title: in.Title, Description: in.Description, ConcertIDs: in.ConcertIds}
}

// changeLike likes or unlikes a live concert and returns it, with its like
// fields read after the change.
func (r *Resolver) changeLike(ctx context.Context, concertID int, change func() error) (*ent.Concert, error) {
	c, err := r.Catalogue.Concert(ctx, concertID)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, &apperr.Error{Code: apperr.NotFound, Field: "concertId", Message: "there is no such concert"}
	}
	return announceConcert(ctx, c, written(ctx, change()))
}

// publicURL is a stored file's URL as clients get it.
func (r *Resolver) publicURL(path *string) *string {
	if path == nil {
		return nil
	}
	u := r.URLs.Public(*path)
	return &u
}

// errGone reports a non-null edge whose row is no longer live. Deletes cascade
// in the services, so it means the data is inconsistent; it is an internal error.
func errGone(edge string) error {
	return fmt.Errorf("%s of a live review is deleted", edge)
}

// self refuses a member's private field to anyone but the member.
func self(ctx context.Context, m *ent.Member) error {
	p, err := auth.Require(ctx)
	if err != nil {
		return err
	}
	if p.MemberID != m.ID {
		return apperr.New(apperr.Forbidden, "only the member themself sees this")
	}
	return nil
}

// selfOrAdmin refuses a member's field to anyone but the member and admins.
func selfOrAdmin(ctx context.Context, m *ent.Member) error {
	p, err := auth.Require(ctx)
	if err != nil {
		return err
	}
	if p.MemberID != m.ID && !p.Has(member.RoleADMIN) {
		return apperr.New(apperr.Forbidden, "only the member themself and admins see this")
	}
	return nil
}

// admin is the admin a request acts for; @hasRole(role: ADMIN) let it through.
func admin(ctx context.Context) int { return viewer(ctx) }

// keywordsAt returns the keywords at vector positions.
func (r *Resolver) keywordsAt(positions []int) []*ent.Keyword {
	out := make([]*ent.Keyword, 0, len(positions))
	for _, p := range positions {
		if p >= 0 && p < len(r.Reference.Keywords) {
			out = append(out, r.Reference.Keywords[p])
		}
	}
	return out
}

// orDefault is an optional argument's value.
func orDefault(v *int, def int) int {
	if v == nil {
		return def
	}
	return *v
}
