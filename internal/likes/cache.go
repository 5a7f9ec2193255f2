package likes

import (
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/hook"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/kept"
)

// Every page of concerts shows how many members like each and whether the
// viewer does; both are read far more often than likes change. They are
// kept for freshFor: a like through this process is seen at once, another
// instance's within freshFor.
const freshFor = kept.Moment

// Bounds of what is kept.
const (
	maxMembersKept  = 5_000
	maxLikesKept    = 1_000 // a member with more likes is asked the database each time
	maxConcertsKept = 100_000
)

type cache struct {
	gen    database.Generation
	counts *kept.Values[int, int]
	liked  *kept.Values[int, memberLikes] // by member
}

// newCache keeps likes read through db, until db writes likes.
func newCache(db *ent.Client, now func() time.Time) *cache {
	c := &cache{}
	c.counts = kept.New[int, int](&c.gen, freshFor, now, maxConcertsKept)
	c.liked = kept.New[int, memberLikes](&c.gen, freshFor, now, maxMembersKept)
	db.ConcertLike.Use(hook.On(c.gen.Hook(), ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne))
	return c
}
