package graph_test

import (
	"context"
	"testing"

	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concertlike"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/softdelete"
)

func TestWithdrawRemovesTheMemberAndTheirContent(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	c := api.Concert(apitest.ConcertSpec{})
	phone, laptop := api.NewDevice("phone"), api.NewDevice("laptop")
	login := phone.DevLogin("leaving@example.com", "")
	phone.Onboard("떠나는이")
	laptop.DevLogin("leaving@example.com", "")
	m := api.DB.Member.GetX(ctx, atoi(t, login.Member.ID))
	review := api.Review(m, c, 4, "마지막 후기")
	api.DB.TicketImage.Create().SetReviewID(review.ID).SetURL("/files/x.png").SetPosition(0).ExecX(ctx)
	api.Like(m, c)
	stays := api.Member("남는이")
	api.Review(stays, c, 2, "남는 후기")

	var out struct{ Withdraw bool }
	phone.Query(`mutation { withdraw }`, nil).MustData(t, &out)
	if !out.Withdraw {
		t.Fatal("withdraw returned false")
	}

	// Gone for everyone: their review, like and counts.
	var r reviewsResult
	api.Query(concertReviews, map[string]any{"id": c.ID}).MustData(t, &r)
	if got := r.contents(); len(got) != 1 || got[0] != "남는 후기" {
		t.Fatalf("reviews after withdrawal: %q", got)
	}
	var likes struct{ Concert struct{ LikeCount int } }
	api.Query(`query($id: ID!) { concert(id: $id) { likeCount } }`, map[string]any{"id": c.ID}).MustData(t, &likes)
	if likes.Concert.LikeCount != 0 {
		t.Fatalf("likeCount %d after withdrawal", likes.Concert.LikeCount)
	}
	// Every session ended, on every device.
	phone.Query(`{ me { id } }`, nil).MustFail(t, "UNAUTHENTICATED", "")
	laptop.Query(`{ me { id } }`, nil).MustFail(t, "UNAUTHENTICATED", "")
	if _, res := laptop.Refresh(); len(res.Errors) == 0 {
		t.Fatal("a withdrawn member's refresh token still works")
	}
	// Soft-deleted, not erased: trusted code still finds every row.
	admin := softdelete.IncludeDeleted(ctx)
	deleted := map[string]int{
		"member":  api.DB.Member.Query().Where(member.ID(m.ID), member.DeletedAtNotNil()).CountX(admin),
		"review":  api.DB.TicketReview.Query().Where(ticketreview.MemberID(m.ID), ticketreview.DeletedAtNotNil()).CountX(admin),
		"book":    api.DB.ClacoBook.Query().Where(clacobook.MemberID(m.ID), clacobook.DeletedAtNotNil()).CountX(admin),
		"like":    api.DB.ConcertLike.Query().Where(concertlike.MemberID(m.ID), concertlike.DeletedAtNotNil()).CountX(admin),
		"image":   api.DB.TicketImage.Query().CountX(admin) - api.DB.TicketImage.Query().CountX(ctx),
		"pref":    api.DB.Preference.Query().CountX(admin) - api.DB.Preference.Query().CountX(ctx),
		"member*": api.DB.Member.Query().Where(member.ID(m.ID)).CountX(ctx) + 1,
	}
	for what, n := range deleted {
		if n != 1 {
			t.Errorf("%s: %d soft-deleted rows, want 1", what, n)
		}
	}
	// The nickname is free again.
	next := api.NewDevice("next")
	next.DevLogin("newcomer@example.com", "")
	next.Onboard("떠나는이")
}
