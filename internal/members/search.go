package members

import (
	"context"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/predicate"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/pager"
)

// maxSearch bounds an admin's member search text (characters).
const maxSearch = 100

// Search returns one page of live members, newest first, whose nickname or
// e-mail contains query (all members without one): the admins' lookup.
func (s *Service) Search(ctx context.Context, query *string, args pager.Args, wantTotal bool) (*ent.MemberConnection, error) {
	var where []predicate.Member
	if query != nil {
		q := strings.TrimSpace(*query)
		if utf8.RuneCountInString(q) > maxSearch {
			return nil, apperr.Invalid("query", "at most %d characters", maxSearch)
		}
		if q != "" {
			where = append(where, member.Or(member.NicknameContainsFold(q), member.EmailContainsFold(q)))
		}
	}
	rows, cursors, info, err := pager.NewestFirst(args, func(page, order func(*sql.Selector), limit int) ([]*ent.Member, error) {
		return s.db.Member.Query().Where(where...).Where(page).Order(order).Limit(limit).All(ctx)
	}, func(m *ent.Member) int { return m.ID })
	if err != nil {
		return nil, err
	}
	conn := &ent.MemberConnection{Edges: make([]*ent.MemberEdge, len(rows)), PageInfo: info}
	for i, m := range rows {
		conn.Edges[i] = &ent.MemberEdge{Node: m, Cursor: cursors[i]}
	}
	if wantTotal {
		if conn.TotalCount, err = s.db.Member.Query().Where(where...).Count(ctx); err != nil {
			return nil, err
		}
	}
	return conn, nil
}
