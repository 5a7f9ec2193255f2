// Package likes owns members' likes of concerts: liking and unliking
// (idempotent; an unlike is a soft delete and a re-like revives the same row,
// so the history stays for recommendations), how many members like a
// concert, whether the viewer does, the order of a member's likes, and the
// SQL predicates other packages filter and sort concerts by. Every read and
// write of the concert_likes table goes through here.
package likes

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertlike"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/predicate"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/pager"
	"github.com/claco/claco/internal/softdelete"
	"github.com/claco/claco/internal/upload"
)

// Service keeps likes.
type Service struct {
	db    *ent.Client
	now   func() time.Time
	cache *cache
}

// New returns the likes of db; now dates new likes.
func New(db *ent.Client, now func() time.Time) *Service {
	return &Service{db: db, now: now, cache: newCache(db, now)}
}

// Like records that the member likes the concert. Liking twice changes
// nothing; liking after an unlike revives the old like with a new date.
// Concurrent likes by one member leave exactly one live like.
func (s *Service) Like(ctx context.Context, memberID, concertID int) error {
	err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
		// Lock the member's row, as the library does: a member who withdrew
		// while the request was under way likes nothing.
		found, err := tx.Member.Query().Where(member.ID(memberID)).Select(member.FieldID).Modify(database.ForUpdate).Ints(ctx)
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return apperr.New(apperr.Unauthenticated, "the member has withdrawn")
		}
		mine := []predicate.ConcertLike{concertlike.MemberID(memberID), concertlike.ConcertID(concertID)}
		live, err := tx.ConcertLike.Query().Where(mine...).Exist(ctx)
		if err != nil || live {
			return err
		}
		now := s.now().UnixNano()
		withDeleted := softdelete.IncludeDeleted(ctx)
		old, err := tx.ConcertLike.Query().Where(mine...).Order(ent.Desc(concertlike.FieldID)).First(withDeleted)
		switch {
		case ent.IsNotFound(err):
			return tx.ConcertLike.Create().SetMemberID(memberID).SetConcertID(concertID).SetLikedAt(now).Exec(ctx)
		case err != nil:
			return err
		}
		return tx.ConcertLike.UpdateOne(old).ClearDeletedAt().SetTombstone(0).SetLikedAt(now).Exec(withDeleted)
	})
	if ent.IsConstraintError(err) {
		// A concurrent like of the same concert won the unique key: the
		// member likes it, which is what they asked.
		return nil
	}
	if err != nil {
		return fmt.Errorf("like: %w", err)
	}
	return nil
}

// Unlike withdraws the member's like of the concert, if any.
func (s *Service) Unlike(ctx context.Context, memberID, concertID int) error {
	_, err := s.db.ConcertLike.Delete().
		Where(concertlike.MemberID(memberID), concertlike.ConcertID(concertID)).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("unlike: %w", err)
	}
	return nil
}

// Counts returns how many members like each concert: kept for a moment
// (see freshFor), or in one grouped query.
func (s *Service) Counts(ctx context.Context, concertIDs []int) (map[int]int, error) {
	return s.cache.counts.LoadMany(concertIDs, func(missing []int) (map[int]int, error) {
		counted, err := s.count(ctx, missing)
		if err != nil {
			return nil, err
		}
		for _, id := range missing {
			if _, liked := counted[id]; !liked {
				counted[id] = 0 // kept too: nobody likes it
			}
		}
		return counted, nil
	})
}

func (s *Service) count(ctx context.Context, concertIDs []int) (map[int]int, error) {
	var rows []struct {
		ConcertID int `json:"concert_id"`
		Count     int `json:"count"`
	}
	err := s.db.ConcertLike.Query().
		Where(concertlike.ConcertIDIn(concertIDs...)).
		GroupBy(concertlike.FieldConcertID).
		Aggregate(ent.Count()).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("like counts: %w", err)
	}
	out := make(map[int]int, len(rows))
	for _, r := range rows {
		out[r.ConcertID] = r.Count
	}
	return out, nil
}

// LikedBy reports which of the concerts the member likes (none for an
// anonymous viewer, memberID 0): from the member's likes, kept for a moment,
// or for a member with more likes than are kept, in one query of these.
func (s *Service) LikedBy(ctx context.Context, memberID int, concertIDs []int) (map[int]bool, error) {
	out := make(map[int]bool, len(concertIDs))
	if memberID == 0 {
		return out, nil
	}
	mine, complete, err := s.ofMember(ctx, memberID, maxLikesKept)
	if err != nil {
		return nil, fmt.Errorf("liked by: %w", err)
	}
	if !complete {
		liked, err := s.db.ConcertLike.Query().
			Where(concertlike.MemberID(memberID), concertlike.ConcertIDIn(concertIDs...)).
			Select(concertlike.FieldConcertID).
			Ints(ctx)
		if err != nil {
			return nil, fmt.Errorf("liked by: %w", err)
		}
		mine = memberLikes{concerts: make(map[int]bool, len(liked))}
		for _, id := range liked {
			mine.concerts[id] = true
		}
	}
	for _, id := range concertIDs {
		if mine.concerts[id] {
			out[id] = true
		}
	}
	return out, nil
}

// memberLikes are a member's live likes, newest first, and the concerts
// they are of.
type memberLikes struct {
	list     []Like
	concerts map[int]bool
}

// ofMember returns the member's likes, kept for a moment (see freshFor) or
// read in one query; with limit > 0, at most limit of them are read, and
// complete says whether that was all.
func (s *Service) ofMember(ctx context.Context, memberID, limit int) (mine memberLikes, complete bool, err error) {
	if mine, ok := s.cache.liked.Get(memberID); ok {
		return mine, true, nil
	}
	t := s.cache.liked.Read()
	q := s.db.ConcertLike.Query().
		Where(concertlike.MemberID(memberID)).
		Order(ent.Desc(concertlike.FieldLikedAt), ent.Desc(concertlike.FieldID)).
		Select(likeColumns...)
	if limit > 0 {
		q.Limit(limit + 1)
	}
	rows, err := q.All(ctx)
	if err != nil {
		return memberLikes{}, false, err
	}
	if limit > 0 && len(rows) > limit {
		return memberLikes{}, false, nil
	}
	mine = memberLikes{list: toLikes(rows), concerts: make(map[int]bool, len(rows))}
	for _, r := range rows {
		mine.concerts[r.ConcertID] = true
	}
	if len(rows) <= maxLikesKept {
		s.cache.liked.Keep(t, memberID, mine)
	}
	return mine, true, nil
}

// Like is one live like, for building recommendations.
type Like struct {
	MemberID, ConcertID int
	At                  time.Time
}

// Of returns the member's live likes, newest first.
func (s *Service) Of(ctx context.Context, memberID int) ([]Like, error) {
	mine, _, err := s.ofMember(ctx, memberID, 0)
	if err != nil {
		return nil, fmt.Errorf("likes of a member: %w", err)
	}
	return slices.Clone(mine.list), nil
}

// All returns every live like, for building the recommendation index.
func (s *Service) All(ctx context.Context) ([]Like, error) {
	rows, err := s.db.ConcertLike.Query().Order(ent.Asc(concertlike.FieldID)).Select(likeColumns...).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("all likes: %w", err)
	}
	return toLikes(rows), nil
}

// likeColumns are what a Like holds: reading a like's timestamps as well
// cost more than the rest of its row (the SQLite driver parses each).
var likeColumns = []string{concertlike.FieldID, concertlike.FieldMemberID, concertlike.FieldConcertID, concertlike.FieldLikedAt}

func toLikes(rows []*ent.ConcertLike) []Like {
	out := make([]Like, len(rows))
	for i, r := range rows {
		out[i] = Like{MemberID: r.MemberID, ConcertID: r.ConcertID, At: time.Unix(0, r.LikedAt)}
	}
	return out
}

// RemoveMember soft-deletes every like of a withdrawing member, in the
// caller's transaction.
func (s *Service) RemoveMember(ctx context.Context, tx *ent.Client, _ *upload.Changes, memberID int) error {
	if _, err := tx.ConcertLike.Delete().Where(concertlike.MemberID(memberID)).Exec(ctx); err != nil {
		return fmt.Errorf("remove likes: %w", err)
	}
	return nil
}

// LikedByMember keeps the concerts the member likes now. The live-row rule
// is explicit: ent does not apply soft delete to edge predicates.
func LikedByMember(memberID int) predicate.Concert {
	return concert.HasLikesWith(concertlike.MemberID(memberID), softdelete.Live)
}

// RecentFirst orders a member's liked concerts by when they were liked,
// newest first.
func RecentFirst(memberID int) pager.Key {
	return pager.Key{
		Expr: func(s *sql.Selector) sql.Querier {
			like := sql.Table(concertlike.Table)
			return subquery(sql.Dialect(s.Dialect()).Select(sql.Max(like.C(concertlike.FieldLikedAt))).From(like).Where(sql.And(
				sql.ColumnsEQ(like.C(concertlike.FieldConcertID), s.C(concert.FieldID)),
				sql.EQ(like.C(concertlike.FieldMemberID), memberID),
				softdelete.LiveOf(like),
			)))
		},
		Kind:   pager.IntValue,
		Desc:   true,
		IDDesc: true,
	}
}

// CountOf is the number of live likes of the selector's concert, as an SQL
// expression to sort by.
func CountOf(s *sql.Selector) sql.Querier {
	like := sql.Table(concertlike.Table)
	return subquery(sql.Dialect(s.Dialect()).Select(sql.Count("*")).From(like).Where(sql.And(
		sql.ColumnsEQ(like.C(concertlike.FieldConcertID), s.C(concert.FieldID)),
		softdelete.LiveOf(like),
	)))
}

// subquery wraps a SELECT in parentheses for use as a value.
func subquery(sel *sql.Selector) sql.Querier {
	return sql.ExprFunc(func(b *sql.Builder) { b.Wrap(func(b *sql.Builder) { b.Join(sel) }) })
}

// Version fingerprints the likes (see database.Fingerprint).
func (s *Service) Version(ctx context.Context) (string, error) {
	return database.Fingerprint(softdelete.IncludeDeleted(ctx), s.db.ConcertLike.Query().Modify(database.CountAndLatest))
}

// CountsByMember returns how many live likes each member has, in one query
// (what an admin sees of a member).
func (s *Service) CountsByMember(ctx context.Context, memberIDs []int) (map[int]int, error) {
	var rows []struct {
		MemberID int `json:"member_id"`
		Count    int `json:"count"`
	}
	err := s.db.ConcertLike.Query().
		Where(concertlike.MemberIDIn(memberIDs...)).
		GroupBy(concertlike.FieldMemberID).
		Aggregate(ent.Count()).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("like counts by member: %w", err)
	}
	out := make(map[int]int, len(rows))
	for _, r := range rows {
		out[r.MemberID] = r.Count
	}
	return out, nil
}
