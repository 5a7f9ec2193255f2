package catalogue

import (
	"fmt"
	"io"
	"strconv"

	"entgo.io/contrib/entgql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/library"
	"github.com/claco/claco/internal/likes"
	"github.com/claco/claco/internal/pager"
)

// OrderField is what the catalogue can be sorted by.
type OrderField string

// The sort fields.
const (
	ByStartDate   OrderField = "START_DATE"
	ByEndDate     OrderField = "END_DATE"
	ByTitle       OrderField = "TITLE"
	ByLikeCount   OrderField = "LIKE_COUNT"
	ByReviewCount OrderField = "REVIEW_COUNT"
)

// Order sorts concerts; ties are broken by id in the same direction.
type Order struct {
	Field     OrderField
	Direction entgql.OrderDirection
}

// DefaultOrder is the catalogue's order when none is given.
var DefaultOrder = Order{Field: ByStartDate, Direction: entgql.OrderDirectionAsc}

// key is the pager key of an order.
func (o Order) key() (pager.Key, func(*ent.Concert) any, error) {
	desc := o.Direction == entgql.OrderDirectionDesc
	switch o.Field {
	case ByStartDate:
		return pager.Key{Expr: pager.Column(concert.FieldStartDate), Kind: pager.TimeValue, Desc: desc, IDDesc: desc},
			func(c *ent.Concert) any { return c.StartDate }, nil
	case ByEndDate:
		return pager.Key{Expr: pager.Column(concert.FieldEndDate), Kind: pager.TimeValue, Desc: desc, IDDesc: desc},
			func(c *ent.Concert) any { return c.EndDate }, nil
	case ByTitle:
		return pager.Key{Expr: pager.Column(concert.FieldTitle), Kind: pager.StringValue, Desc: desc, IDDesc: desc},
			func(c *ent.Concert) any { return c.Title }, nil
	case ByLikeCount:
		return pager.Key{Expr: likes.CountOf, Kind: pager.IntValue, Desc: desc, IDDesc: desc},
			selectedSortValue, nil
	case ByReviewCount:
		return pager.Key{Expr: library.ReviewCountOf, Kind: pager.IntValue, Desc: desc, IDDesc: desc},
			selectedSortValue, nil
	}
	return pager.Key{}, nil, fmt.Errorf("unknown concert order %q", o.Field)
}

// sortValueColumn is the alias under which a computed sort value is selected,
// so the cursor can carry it.
const sortValueColumn = "sort_value"

// selectedSortValue reads a count selected as sortValueColumn. The drivers
// return it as int64, or as its decimal text.
func selectedSortValue(c *ent.Concert) any {
	v, err := c.Value(sortValueColumn)
	if err != nil {
		return nil
	}
	if n, ok := database.IntValue(v); ok {
		return int64(n)
	}
	return nil
}

// MarshalGQL writes the field as a GraphQL enum value.
func (f OrderField) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(f))) }

// UnmarshalGQL reads a GraphQL enum value.
func (f *OrderField) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	switch OrderField(s) {
	case ByStartDate, ByEndDate, ByTitle, ByLikeCount, ByReviewCount:
		*f = OrderField(s)
		return nil
	}
	return fmt.Errorf("%v is not a ConcertOrderField", v)
}
