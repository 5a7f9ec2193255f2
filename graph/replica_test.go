package graph_test

import (
	"context"
	"testing"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/server"
	"github.com/claco/claco/internal/testdb"
)

// With a read replica, the catalogue's public reads go to it, while a
// mutation reads what it wrote from the primary.
func TestCataloguePublicReadsGoToTheReplica(t *testing.T) {
	replica := testdb.Open(t) // stands for a copy that lags behind the primary
	api := apitest.New(t, apitest.WithDevLogin(), func(d *server.Deps) { d.Replica = replica })
	onPrimary := api.Concert(apitest.ConcertSpec{Title: "프라이머리 공연"})
	lagging := replica.Concert.Create().SetKopisID("PFREPLICA").SetTitle("레플리카 공연").
		SetStartDate(apitest.Day(7)).SetEndDate(apitest.Day(9)).SetGenre("CLASSICAL").
		SaveX(context.Background())

	var browse struct {
		Concerts struct {
			TotalCount int
			Edges      []struct{ Node struct{ Title string } }
		}
	}
	api.NewDevice("anonymous").Query(`{ concerts { totalCount edges { node { title } } } }`, nil).MustData(t, &browse)
	if browse.Concerts.TotalCount != 1 || browse.Concerts.Edges[0].Node.Title != lagging.Title {
		t.Fatalf("public browse: %+v, want the replica's one concert", browse.Concerts)
	}

	member := api.NewDevice("member")
	member.DevLogin("replica@example.com", "")
	member.Onboard("복제")
	var liked struct {
		LikeConcert struct {
			Title     string
			LikeCount int
			LikedByMe bool
		}
	}
	member.Query(`mutation($id: ID!) { likeConcert(concertId: $id) { title likeCount likedByMe } }`,
		map[string]any{"id": onPrimary.ID}).MustData(t, &liked)
	if liked.LikeConcert.Title != onPrimary.Title || liked.LikeConcert.LikeCount != 1 || !liked.LikeConcert.LikedByMe {
		t.Fatalf("a mutation's answer: %+v, want the primary's concert as written", liked.LikeConcert)
	}
}
