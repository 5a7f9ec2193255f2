package graph

import (
	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/library"
	"github.com/claco/claco/internal/pager"
)

// setComplexity makes connections cost their children times their page size,
// so that nesting pages in pages (concerts → reviews → concert → reviews)
// adds up to what it really costs and meets the complexity limit early.
func setComplexity(c *ComplexityRoot) {
	c.Query.Concerts = func(child int, first *int, _ *pager.Cursor, last *int, _ *pager.Cursor, _ *catalogue.Filter, _ *catalogue.Order) int {
		return child * pageSize(first, last)
	}
	c.Concert.Reviews = func(child int, first *int, _ *pager.Cursor, last *int, _ *pager.Cursor, _ *library.ReviewOrder) int {
		return child * pageSize(first, last)
	}
	c.Member.LikedConcerts = func(child int, first *int, _ *pager.Cursor, last *int, _ *pager.Cursor, _ *catalogue.Filter) int {
		return child * pageSize(first, last)
	}
	c.ClacoBook.Tickets = func(child int, first *int, _ *pager.Cursor, last *int, _ *pager.Cursor) int {
		return child * pageSize(first, last)
	}
	// Lists without a size argument cost their children times what they
	// hold at most, so that aliasing them many times adds up.
	c.Query.Keywords = times(10)
	c.Query.TagCategories = times(10)
	c.Query.PlaceCategories = times(10)
	c.Query.Regions = times(10)
	c.Concert.Keywords = times(10)
	c.Preference.Keywords = times(5)
	c.Member.ClacoBooks = times(5)
	c.TicketReview.Tags = times(5)
	c.TicketReview.PlaceReviews = times(5)
	c.Query.Nodes = func(child int, ids []int) int { return child * max(len(ids), 1) }
	c.Query.SearchSuggestions = func(child int, _ string, limit *int) int { return child * listSize(limit, 10) }
	c.Concert.Similar = func(child int, limit *int) int { return child * listSize(limit, 3) }
	c.Query.RecommendedConcerts = func(child int, limit *int) int { return child * listSize(limit, 5) }
	c.Query.LikeBasedRecommendations = func(child int, limit *int) int { return child * listSize(limit, 2) }
	c.Query.RecommendedTickets = func(child int, limit *int) int { return child * listSize(limit, 3) }
}

// listSize is what a list field with a limit argument may return.
func listSize(limit *int, def int) int {
	if limit == nil {
		return def
	}
	return max(*limit, 1)
}

func pageSize(first, last *int) int {
	switch {
	case first != nil:
		return max(*first, 1)
	case last != nil:
		return max(*last, 1)
	}
	return pager.DefaultSize
}

// times is the cost of a list of at most n children.
func times(n int) func(int) int { return func(child int) int { return child * n } }
