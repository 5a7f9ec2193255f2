package likes_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/likes"
	"github.com/claco/claco/internal/testdb"
)

// Two server instances share a database. Each keeps like counts and its
// members' likes for a moment: its own likes show at once, the other
// instance's once the moment has passed on its clock.
func TestLikesKeptForAMomentShowEveryLikeInTime(t *testing.T) {
	url := testdb.URL(t)
	dbA, dbB := testdb.OpenAt(t, url), testdb.OpenAt(t, url)
	ctx := context.Background()
	clock := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	a, b := likes.New(dbA.Client, now), likes.New(dbB.Client, now)

	c := dbA.Client.Concert.Create().SetKopisID("PF1").SetTitle("공연").SetStartDate(clock).SetEndDate(clock).
		SetGenre(concert.GenreCLASSICAL).SaveX(ctx)
	member := func(email string) *ent.Member {
		return dbA.Client.Member.Create().SetEmail(email).SetNickname(email[:3]).SaveX(ctx)
	}
	ann, bob := member("ann@example.com"), member("bob@example.com")

	check := func(when string, s *likes.Service, wantCount int, wantAnnLikes bool) {
		t.Helper()
		counts, err := s.Counts(ctx, []int{c.ID})
		if err != nil {
			t.Fatal(err)
		}
		liked, err := s.LikedBy(ctx, ann.ID, []int{c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if counts[c.ID] != wantCount || liked[c.ID] != wantAnnLikes {
			t.Fatalf("%s: count %d, ann likes it %v; want %d, %v", when, counts[c.ID], liked[c.ID], wantCount, wantAnnLikes)
		}
	}
	check("before any like", a, 0, false)
	check("before any like, on B", b, 0, false)

	if err := a.Like(ctx, ann.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	check("A's own like, on A", a, 1, true)
	check("A's like, on B, at once", b, 0, false) // B kept what it read
	clock = clock.Add(2 * time.Second)
	check("A's like, on B, 2 s later", b, 1, true)

	if err := b.Like(ctx, bob.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.Unlike(ctx, ann.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	check("B's like and unlike, on B", b, 1, false)
	clock = clock.Add(2 * time.Second)
	check("B's like and unlike, on A, 2 s later", a, 1, false)
}

// A member with more likes than are kept is answered by a query of the
// page's concerts, and still correctly.
func TestLikedByAMemberWithVeryManyLikes(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	s := likes.New(db.Client, func() time.Time { return day })
	fan := db.Client.Member.Create().SetEmail("fan@example.com").SetNickname("팬").SaveX(ctx)
	const n = likes.MaxLikesKept + 5
	creates := make([]*ent.ConcertCreate, n+1)
	for i := range creates {
		creates[i] = db.Client.Concert.Create().SetKopisID(fmt.Sprintf("PF%d", i)).SetTitle("공연").
			SetStartDate(day).SetEndDate(day).SetGenre(concert.GenreCLASSICAL)
	}
	var concerts []*ent.Concert
	for chunk := range slices.Chunk(creates, 200) { // within the drivers' limits on variables
		concerts = append(concerts, db.Client.Concert.CreateBulk(chunk...).SaveX(ctx)...)
	}
	liked := make([]*ent.ConcertLikeCreate, n)
	for i := range liked {
		liked[i] = db.Client.ConcertLike.Create().SetMemberID(fan.ID).SetConcertID(concerts[i].ID).SetLikedAt(int64(i))
	}
	for chunk := range slices.Chunk(liked, 200) {
		db.Client.ConcertLike.CreateBulk(chunk...).ExecX(ctx)
	}
	first, last, notLiked := concerts[0].ID, concerts[n-1].ID, concerts[n].ID
	got, err := s.LikedBy(ctx, fan.ID, []int{first, last, notLiked})
	if err != nil {
		t.Fatal(err)
	}
	if !got[first] || !got[last] || got[notLiked] {
		t.Fatalf("liked: %v (want the first and last concerts, not the other)", got)
	}
	all, err := s.Of(ctx, fan.ID)
	if err != nil || len(all) != n {
		t.Fatalf("all likes: %d (%v), want %d", len(all), err, n)
	}
}
