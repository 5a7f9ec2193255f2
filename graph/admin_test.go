package graph_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/importruns"
)

// Every admin operation answers UNAUTHENTICATED to anonymous callers,
// FORBIDDEN to SOCIAL and MEMBER, and works for ADMIN; so do admin-only
// types through node.
func TestAdminAuthorizationMatrix(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	c := api.Concert(apitest.ConcertSpec{})
	author := api.Member("작성자")
	review := api.Review(author, c, 4, "후기")
	run, err := importruns.Start(context.Background(), api.DB.Client, "kopis --dir testdata", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := run.Finish(importruns.Counts{New: 1}, nil); err != nil {
		t.Fatal(err)
	}
	roles := []string{"", "SOCIAL", "MEMBER", "ADMIN"}
	devices := map[string]*apitest.Device{}
	for _, role := range roles {
		devices[role] = caller(t, api, role)
	}
	admin := devices["ADMIN"]
	var made struct {
		CreateCollection struct {
			ID int `json:"id,string"`
		}
	}
	admin.Query(`mutation($c: ID!) { createCollection(input: {title: "고른 공연", concertIds: [$c]}) { id } }`,
		map[string]any{"c": c.ID}).MustData(t, &made)
	var log struct {
		AdminActions struct {
			Edges []struct {
				Node struct {
					ID int `json:"id,string"`
				}
			}
		}
	}
	admin.Query(`{ adminActions { edges { node { id } } } }`, nil).MustData(t, &log)
	if len(log.AdminActions.Edges) != 1 {
		t.Fatalf("audit entries after one admin mutation: %d, want 1", len(log.AdminActions.Edges))
	}
	actionID := log.AdminActions.Edges[0].Node.ID

	guarded := [4]string{"UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "ok"}
	keywords := `[{key: "grand", score: 0.8}, {key: "modern", score: 0.5}, {key: "lyrical", score: 0.4}, {key: "tragic", score: 0.3}, {key: "novel", score: 0.2}]`
	ops := []struct {
		name, query string
		want        [4]string
	}{
		{"members", `{ members { totalCount edges { node { email likeCount bookCount ticketCount } } } }`, guarded},
		{"importRuns", `{ importRuns { edges { node { source status new } } } }`, guarded},
		{"adminActions", `{ adminActions { edges { node { action admin { id } } } } }`, guarded},
		{"collections (public)", `{ collections { edges { node { title concerts { id } } } } }`, [4]string{"ok", "ok", "ok", "ok"}},
		{"setConcertKeywords", fmt.Sprintf(`mutation { setConcertKeywords(concertId: %d, keywords: %s) { id } }`, c.ID, keywords), guarded},
		{"clearConcertKeywords", fmt.Sprintf(`mutation { clearConcertKeywords(concertId: %d) { id } }`, c.ID), guarded},
		{"createCollection", fmt.Sprintf(`mutation { createCollection(input: {title: "t", concertIds: [%d]}) { id } }`, c.ID), guarded},
		{"updateCollection", fmt.Sprintf(`mutation { updateCollection(id: %d, input: {title: "t2", concertIds: []}) { id } }`, made.CreateCollection.ID), guarded},
		{"hideTicketReview", fmt.Sprintf(`mutation { hideTicketReview(id: %d, reason: "광고") { hidden } }`, review.ID), guarded},
		{"unhideTicketReview", fmt.Sprintf(`mutation { unhideTicketReview(id: %d) { hidden } }`, review.ID), guarded},
		{"deleteCollection", fmt.Sprintf(`mutation { deleteCollection(id: %d) }`, made.CreateCollection.ID), guarded},
	}
	for _, op := range ops {
		for i, role := range roles {
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

	// Admin-only types through node: null for everyone but admins.
	for _, id := range []int{actionID, run.ID()} {
		for _, role := range roles {
			var got struct {
				Node *struct {
					ID int `json:"id,string"`
				}
			}
			devices[role].Query(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}).MustData(t, &got)
			if (got.Node != nil) != (role == "ADMIN") {
				t.Errorf("node(%d) as %q: %v", id, role, got.Node)
			}
		}
	}
	// A member's e-mail: themself and admins only.
	q := `query($id: ID!) { node(id: $id) { ... on Member { email } } }`
	if res := devices["MEMBER"].Query(q, map[string]any{"id": author.ID}); len(res.Errors) == 0 || res.Errors[0].Code() != "FORBIDDEN" {
		t.Errorf("a member reads another's e-mail: %v", res.Errors)
	}
	var seen struct{ Node struct{ Email string } }
	admin.Query(q, map[string]any{"id": author.ID}).MustData(t, &seen)
	if seen.Node.Email != author.Email {
		t.Errorf("admin sees e-mail %q, want %q", seen.Node.Email, author.Email)
	}
}

// Every admin mutation leaves exactly one audit entry, written with its
// change; a mutation refused by validation leaves none.
func TestEveryAdminMutationIsAuditedOnce(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	admin := caller(t, api, "ADMIN")
	c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.7}})
	review := api.Review(api.Member("작성자"), c, 4, "후기")
	count := func() int { return api.DB.AdminAction.Query().CountX(context.Background()) }

	refused := []string{
		fmt.Sprintf(`mutation { setConcertKeywords(concertId: %d, keywords: [{key: "grand", score: 0.8}]) { id } }`, c.ID),
		fmt.Sprintf(`mutation { setConcertKeywords(concertId: %d, keywords: [{key: "grand", score: 0.8}, {key: "delicate", score: 0.5}, {key: "classical", score: 0.4}, {key: "lyrical", score: 0.3}, {key: "tragic", score: 0.2}]) { id } }`, c.ID),
		fmt.Sprintf(`mutation { setConcertKeywords(concertId: %d, keywords: [{key: "grand", score: 0.05}, {key: "modern", score: 0.5}, {key: "lyrical", score: 0.4}, {key: "tragic", score: 0.3}, {key: "novel", score: 0.2}]) { id } }`, c.ID),
		`mutation { createCollection(input: {title: "  ", concertIds: []}) { id } }`,
		fmt.Sprintf(`mutation { createCollection(input: {title: "t", concertIds: [%d, %d]}) { id } }`, c.ID, c.ID),
		`mutation { createCollection(input: {title: "t", concertIds: [987654]}) { id } }`,
		fmt.Sprintf(`mutation { hideTicketReview(id: %d, reason: " ") { id } }`, review.ID),
		`mutation { deleteCollection(id: 987654) }`,
	}
	for _, q := range refused {
		if res := admin.Query(q, nil); len(res.Errors) == 0 {
			t.Errorf("accepted: %s", q)
		}
	}
	if n := count(); n != 0 {
		t.Fatalf("refused mutations left %d audit entries", n)
	}

	var made struct {
		CreateCollection struct {
			ID int `json:"id,string"`
		}
	}
	admin.Query(fmt.Sprintf(`mutation { createCollection(input: {title: "고른 공연", concertIds: [%d]}) { id } }`, c.ID), nil).MustData(t, &made)
	done := []string{
		fmt.Sprintf(`mutation { setConcertKeywords(concertId: %d, keywords: [{key: "grand", score: 0.8}, {key: "modern", score: 0.5}, {key: "lyrical", score: 0.4}, {key: "tragic", score: 0.3}, {key: "novel", score: 0.2}]) { id } }`, c.ID),
		fmt.Sprintf(`mutation { clearConcertKeywords(concertId: %d) { id } }`, c.ID),
		fmt.Sprintf(`mutation { updateCollection(id: %d, input: {title: "바꾼 제목", concertIds: []}) { id } }`, made.CreateCollection.ID),
		fmt.Sprintf(`mutation { hideTicketReview(id: %d, reason: "광고") { id } }`, review.ID),
		fmt.Sprintf(`mutation { unhideTicketReview(id: %d) { id } }`, review.ID),
		fmt.Sprintf(`mutation { deleteCollection(id: %d) }`, made.CreateCollection.ID),
	}
	for i, q := range done {
		admin.Query(q, nil).MustData(t, new(any))
		if n := count(); n != i+2 {
			t.Fatalf("after %s: %d audit entries, want %d", q, n, i+2)
		}
	}
	var log struct {
		AdminActions struct {
			Edges []struct {
				Node struct {
					Action   string
					TargetID *string
					Detail   *string
					Admin    struct {
						ID int `json:"id,string"`
					}
				}
			}
		}
	}
	admin.Query(`{ adminActions(first: 10) { edges { node { action targetId detail admin { id } } } } }`, nil).MustData(t, &log)
	want := []string{"deleteCollection", "unhideTicketReview", "hideTicketReview", "updateCollection", "clearConcertKeywords", "setConcertKeywords", "createCollection"}
	if len(log.AdminActions.Edges) != len(want) {
		t.Fatalf("log has %d entries, want %d", len(log.AdminActions.Edges), len(want))
	}
	for i, e := range log.AdminActions.Edges {
		if e.Node.Action != want[i] || e.Node.TargetID == nil || e.Node.Admin.ID == 0 {
			t.Errorf("entry %d: %+v, want action %s with a target and an admin", i, e.Node, want[i])
		}
	}
	if d := log.AdminActions.Edges[2].Node.Detail; d == nil || *d != "광고" {
		t.Errorf("hide entry's detail: %v, want the reason", d)
	}
}

// A hidden review leaves every public list and figure, its author still
// sees it flagged, and it comes back when unhidden.
func TestHiddenReviewLeavesPublicPaths(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	admin := caller(t, api, "ADMIN")
	c := api.Concert(apitest.ConcertSpec{Keywords: map[string]float64{"grand": 0.9}})
	authorDevice := caller(t, api, "MEMBER")
	var me struct {
		Me struct {
			ID int `json:"id,string"`
		}
	}
	authorDevice.Query(`{ me { id } }`, nil).MustData(t, &me)
	author, err := api.DB.Member.Get(context.Background(), me.Me.ID)
	if err != nil {
		t.Fatal(err)
	}
	bad := api.Review(author, c, 1, "광고 글")
	good := api.Review(api.Member("다른이"), c, 5, "좋았어요")
	// A reader whose taste is like the author's: recommendedTickets would show the author's review.
	reader, readerMember := api.SignUp("reader@example.com", "독자")
	api.Like(author, c)
	api.Like(readerMember, c)
	api.Reindex()

	type view struct {
		Concert struct {
			ReviewCount   int
			AverageRating *float64
			Reviews       struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						ID int `json:"id,string"`
					}
				}
			}
		}
	}
	concertQuery := fmt.Sprintf(`{ concert(id: %d) { reviewCount averageRating reviews { totalCount edges { node { id } } } } }`, c.ID)
	publicView := func(d *apitest.Device) view {
		var v view
		d.Query(concertQuery, nil).MustData(t, &v)
		return v
	}
	ids := func(v view) []int {
		var out []int
		for _, e := range v.Concert.Reviews.Edges {
			out = append(out, e.Node.ID)
		}
		return out
	}
	anonymous := api.NewDevice("anonymous")
	before := publicView(anonymous)
	if before.Concert.ReviewCount != 2 || len(ids(before)) != 2 {
		t.Fatalf("before hiding: %+v", before)
	}
	recommended := func() map[int]bool {
		var res struct {
			RecommendedTickets []struct {
				ID int `json:"id,string"`
			}
		}
		reader.Query(`{ recommendedTickets(limit: 10) { id } }`, nil).MustData(t, &res)
		out := map[int]bool{}
		for _, r := range res.RecommendedTickets {
			out[r.ID] = true
		}
		return out
	}
	if !recommended()[bad.ID] {
		t.Fatalf("setup: the author's review is not recommended to a like-minded reader")
	}

	var hid struct {
		HideTicketReview struct {
			Hidden       bool
			HiddenReason *string
		}
	}
	admin.Query(`mutation($id: ID!) { hideTicketReview(id: $id, reason: "광고") { hidden hiddenReason } }`, map[string]any{"id": bad.ID}).MustData(t, &hid)
	if !hid.HideTicketReview.Hidden || hid.HideTicketReview.HiddenReason == nil {
		t.Fatalf("hide answered %+v", hid.HideTicketReview)
	}

	after := publicView(anonymous)
	if after.Concert.ReviewCount != 1 || after.Concert.Reviews.TotalCount != 1 || len(ids(after)) != 1 || ids(after)[0] != good.ID {
		t.Errorf("public view after hiding: %+v", after)
	}
	if after.Concert.AverageRating == nil || *after.Concert.AverageRating != 5 {
		t.Errorf("average after hiding: %v, want 5", after.Concert.AverageRating)
	}
	for _, d := range []*apitest.Device{anonymous, reader} {
		var direct struct {
			TicketReview *struct {
				ID int `json:"id,string"`
			}
			Node *struct {
				ID int `json:"id,string"`
			}
		}
		d.Query(`query($id: ID!) { ticketReview(id: $id) { id } node(id: $id) { id } }`, map[string]any{"id": bad.ID}).MustData(t, &direct)
		if direct.TicketReview != nil || direct.Node != nil {
			t.Errorf("a hidden review is still reachable by id: %+v", direct)
		}
	}
	if recommended()[bad.ID] {
		t.Errorf("a hidden review is still recommended")
	}
	var own struct {
		TicketReview *struct {
			Hidden       bool
			HiddenReason *string
		}
	}
	authorDevice.Query(`query($id: ID!) { ticketReview(id: $id) { hidden hiddenReason } }`, map[string]any{"id": bad.ID}).MustData(t, &own)
	if own.TicketReview == nil || !own.TicketReview.Hidden || own.TicketReview.HiddenReason == nil || *own.TicketReview.HiddenReason != "광고" {
		t.Errorf("the author's view of their hidden review: %+v", own.TicketReview)
	}

	admin.Query(`mutation($id: ID!) { unhideTicketReview(id: $id) { hidden } }`, map[string]any{"id": bad.ID}).MustData(t, new(any))
	back := publicView(anonymous)
	if back.Concert.ReviewCount != 2 || len(ids(back)) != 2 {
		t.Errorf("after unhiding: %+v", back)
	}
	if !recommended()[bad.ID] {
		t.Errorf("an unhidden review is not recommended again")
	}
}

// Collections list their concerts in the admin's order, ended ones
// included, loaded in one batch whatever their number.
func TestCollectionsKeepTheAdminsOrder(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	admin := caller(t, api, "ADMIN")
	var concerts []*ent.Concert
	for i := 0; i < 6; i++ {
		spec := apitest.ConcertSpec{}
		if i == 2 {
			spec.Start, spec.End = apitest.Day(-30), apitest.Day(-20) // ended
		}
		concerts = append(concerts, api.Concert(spec))
	}
	order := []int{concerts[4].ID, concerts[2].ID, concerts[0].ID}
	admin.Query(`mutation($ids: [ID!]!) { createCollection(input: {title: "첫째", description: " 고른 공연 ", concertIds: $ids}) { id } }`,
		map[string]any{"ids": order}).MustData(t, new(any))
	admin.Query(`mutation($ids: [ID!]!) { createCollection(input: {title: "둘째", concertIds: $ids}) { id } }`,
		map[string]any{"ids": []int{concerts[5].ID, concerts[1].ID, concerts[3].ID}}).MustData(t, new(any))

	var got struct {
		Collections struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Title       string
					Description *string
					Concerts    []struct {
						ID int `json:"id,string"`
					}
				}
			}
		}
	}
	q := `{ collections { totalCount edges { node { title description concerts { id title likeCount } } } } }`
	anonymous := api.NewDevice("anonymous")
	statements := api.Statements(func() { anonymous.Query(q, nil).MustData(t, &got) })
	if got.Collections.TotalCount != 2 || got.Collections.Edges[0].Node.Title != "둘째" {
		t.Fatalf("collections: %+v", got)
	}
	first := got.Collections.Edges[1].Node
	if first.Description == nil || *first.Description != "고른 공연" {
		t.Errorf("description %v, want trimmed", first.Description)
	}
	for i, c := range first.Concerts {
		if c.ID != order[i] {
			t.Fatalf("concerts %v, want the admin's order %v", first.Concerts, order)
		}
	}
	// collections, their concerts, the like counts: a fixed number whatever the sizes.
	if statements > 4 {
		t.Errorf("collections with 6 concerts cost %d statements", statements)
	}
}
