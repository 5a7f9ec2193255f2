package graph_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/claco/claco/internal/apitest"
)

// caller signs a device in with a role ("" = anonymous, SOCIAL, MEMBER, ADMIN).
func caller(t *testing.T, api *apitest.API, role string) *apitest.Device {
	t.Helper()
	d := api.NewDevice(role)
	switch role {
	case "":
	case "SOCIAL":
		d.DevLogin("social@example.com", "")
	case "MEMBER":
		d.DevLogin("member@example.com", "")
		d.Onboard("일반회원")
	case "ADMIN":
		d.DevLogin("admin@example.com", "ADMIN")
	}
	return d
}

func TestWhoMayCallWhat(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	c := api.Concert(apitest.ConcertSpec{})
	author := api.Member("작성자")
	review := api.Review(author, c, 4, "후기")
	devices := map[string]*apitest.Device{}
	for _, role := range []string{"", "SOCIAL", "MEMBER", "ADMIN"} {
		devices[role] = caller(t, api, role)
	}

	// want: "ok" or an error code, for anonymous, SOCIAL, MEMBER, ADMIN.
	ops := []struct {
		name, query string
		want        [4]string
	}{
		{"browse", `{ concerts { totalCount } }`, [4]string{"ok", "ok", "ok", "ok"}},
		{"me", `{ me { id } }`, [4]string{"ok", "ok", "ok", "ok"}},
		{"nicknameAvailable", `{ nicknameAvailable(nickname: "아무개") { available } }`, [4]string{"ok", "ok", "ok", "ok"}},
		{"ticketReview", fmt.Sprintf(`{ ticketReview(id: %d) { content } }`, review.ID), [4]string{"ok", "ok", "ok", "ok"}},
		{"updateProfile", `mutation { updateProfile(input: {}) { id } }`, [4]string{"UNAUTHENTICATED", "FORBIDDEN", "ok", "ok"}},
		{"updatePreference", `mutation { updatePreference(input: {}) { minPrice } }`, [4]string{"UNAUTHENTICATED", "FORBIDDEN", "ok", "FORBIDDEN"}},
		{"completeOnboarding", `mutation { completeOnboarding(input: {nickname: "", gender: MALE, ageBand: 0, minPrice: 0, maxPrice: 0, regions: [], types: [], keywords: []}) { accessToken } }`,
			[4]string{"UNAUTHENTICATED", "BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT"}},
		{"refreshSession", `mutation { refreshSession { accessToken } }`, [4]string{"UNAUTHENTICATED", "ok", "ok", "ok"}},
		{"devLogin (on)", `mutation { devLogin(email: "x@example.com") { accessToken } }`, [4]string{"ok", "ok", "ok", "ok"}},
		{"logout", `mutation { logout }`, [4]string{"ok", "ok", "ok", "ok"}},
	}
	for _, op := range ops {
		for i, role := range []string{"", "SOCIAL", "MEMBER", "ADMIN"} {
			res := devices[role].Query(op.query, nil)
			got := "ok"
			if len(res.Errors) > 0 {
				got = res.Errors[0].Code()
			}
			if got != op.want[i] {
				t.Errorf("%s as %q: %s, want %s (%v)", op.name, role, got, op.want[i], res.Errors)
			}
		}
	}
}

func TestWhoMayWithdraw(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	for i, role := range []string{"", "SOCIAL", "MEMBER", "ADMIN"} {
		want := [4]string{"UNAUTHENTICATED", "FORBIDDEN", "ok", "ok"}[i]
		res := caller(t, api, role).Query(`mutation { withdraw }`, nil)
		got := "ok"
		if len(res.Errors) > 0 {
			got = res.Errors[0].Code()
		}
		if got != want {
			t.Errorf("withdraw as %q: %s, want %s", role, got, want)
		}
	}
}

func TestAnotherMembersObjectsAreRefusedOnEveryPath(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	c := api.Concert(apitest.ConcertSpec{})
	owner := caller(t, api, "MEMBER")
	ownerRow := api.DB.Member.Query().Where().AllX(ctx)[0]
	review := api.Review(ownerRow, c, 5, "내 후기")
	book := api.DB.ClacoBook.GetX(ctx, review.BookID)
	api.Like(ownerRow, c)

	intruder := api.NewDevice("intruder")
	intruder.DevLogin("intruder@example.com", "")
	intruder.Onboard("침입자")

	// The owner sees everything.
	var mine struct {
		Node struct {
			ID    string
			Email *string
		}
	}
	owner.Query(`query($id: ID!) { node(id: $id) { id ... on Member { email } } }`, map[string]any{"id": ownerRow.ID}).MustData(t, &mine)
	if mine.Node.Email == nil {
		t.Fatal("the owner cannot read their own e-mail")
	}

	private := map[string]string{
		"e-mail by node":       `query($m: ID!) { node(id: $m) { ... on Member { email } } }`,
		"gender by node":       `query($m: ID!) { node(id: $m) { ... on Member { gender } } }`,
		"age by node":          `query($m: ID!) { node(id: $m) { ... on Member { ageBand } } }`,
		"preference by node":   `query($m: ID!) { node(id: $m) { ... on Member { preference { minPrice } } } }`,
		"books by node":        `query($m: ID!) { node(id: $m) { ... on Member { clacoBooks { id } } } }`,
		"likes by node":        `query($m: ID!) { node(id: $m) { ... on Member { likedConcerts { totalCount } } } }`,
		"e-mail via author":    `query($r: ID!) { ticketReview(id: $r) { author { email } } }`,
		"books via author":     `query($r: ID!) { ticketReview(id: $r) { author { clacoBooks { title } } } }`,
		"likes via review":     `query($c: ID!) { concert(id: $c) { reviews { edges { node { author { likedConcerts { totalCount } } } } } } }`,
		"preference via nodes": `query($m: ID!) { nodes(ids: [$m]) { ... on Member { preference { regions } } } }`,
	}
	vars := map[string]any{"m": ownerRow.ID, "r": review.ID, "c": c.ID}
	for name, q := range private {
		for _, d := range []*apitest.Device{intruder, api.NewDevice("anonymous")} {
			res := d.Query(q, vars)
			if len(res.Errors) == 0 {
				t.Errorf("%s (%s): no error, data %s", name, d.Agent, res.Data)
				continue
			}
			if code := res.Errors[0].Code(); code != "FORBIDDEN" && code != "UNAUTHENTICATED" {
				t.Errorf("%s (%s): %s", name, d.Agent, code)
			}
		}
	}

	// Books are invisible to others: node is null, and a review does not say which book.
	var node struct{ Node *struct{ ID string } }
	intruder.Query(`query($b: ID!) { node(id: $b) { id } }`, map[string]any{"b": book.ID}).MustData(t, &node)
	if node.Node != nil {
		t.Fatal("node(id:) shows another member's book")
	}
	var rev struct {
		TicketReview struct {
			Editable bool
			Book     *struct{ ID string }
		}
	}
	intruder.Query(`query($r: ID!) { ticketReview(id: $r) { editable book { id } } }`, map[string]any{"r": review.ID}).MustData(t, &rev)
	if rev.TicketReview.Book != nil || rev.TicketReview.Editable {
		t.Fatalf("another member's review shows %+v", rev.TicketReview)
	}
	owner.Query(`query($r: ID!) { ticketReview(id: $r) { editable book { id } } }`, map[string]any{"r": review.ID}).MustData(t, &rev)
	if rev.TicketReview.Book == nil || !rev.TicketReview.Editable {
		t.Fatalf("the owner's own review hides %+v", rev.TicketReview)
	}
	owner.Query(`query($b: ID!) { node(id: $b) { id } }`, map[string]any{"b": book.ID}).MustData(t, &node)
	if node.Node == nil {
		t.Fatal("the owner cannot see their book by node")
	}
}
