package graph_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concertlike"
	"github.com/claco/claco/ent/ticketimage"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/softdelete"
)

// The library's mutations, as a client writes them.
const (
	createBook   = `mutation($input: ClacoBookInput!) { createClacoBook(input: $input) { id title color ticketCount } }`
	updateBook   = `mutation($id: ID!, $input: ClacoBookInput!) { updateClacoBook(id: $id, input: $input) { id title color } }`
	deleteBook   = `mutation($id: ID!) { deleteClacoBook(id: $id) }`
	createTicket = `mutation($input: TicketReviewInput!) { createTicketReview(input: $input) { id rating content imageUrls editable book { id title color } } }`
	updateTicket = `mutation($id: ID!, $input: TicketReviewUpdateInput!) { updateTicketReview(id: $id, input: $input) { id watchDate watchRound seat rating castings content } }`
	moveTicket   = `mutation($id: ID!, $bookId: ID!) { moveTicketReview(id: $id, bookId: $bookId) { id book { id } } }`
	deleteTicket = `mutation($id: ID!) { deleteTicketReview(id: $id) }`
	ticketImage  = `mutation($id: ID!, $file: Upload!) { uploadTicketImage(id: $id, file: $file) { id ticketImageUrl } }`
	likeQuery    = `mutation($id: ID!) { likeConcert(concertId: $id) { likeCount likedByMe } }`
	unlikeQuery  = `mutation($id: ID!) { unlikeConcert(concertId: $id) { likeCount likedByMe } }`
)

// libraryState writes down every row of the library and of likes, deleted
// ones too, and the stored files: what a refused mutation must not change.
func libraryState(t *testing.T, api *apitest.API) string {
	t.Helper()
	ctx := softdelete.IncludeDeleted(context.Background())
	var b strings.Builder
	for _, bk := range api.DB.ClacoBook.Query().Order(clacobook.ByID()).AllX(ctx) {
		fmt.Fprintf(&b, "book %d member=%d title=%q color=%s deleted=%v updated=%v\n",
			bk.ID, bk.MemberID, bk.Title, bk.Color, bk.DeletedAt != nil, bk.UpdatedAt.UnixNano())
	}
	tickets := api.DB.TicketReview.Query().Order(ticketreview.ByID()).
		WithTags(func(q *ent.TagCategoryQuery) { q.Select("id") }).
		WithPlaceReviews(func(q *ent.PlaceCategoryQuery) { q.Select("id") }).
		AllX(ctx)
	for _, r := range tickets {
		fmt.Fprintf(&b, "ticket %d member=%d book=%d concert=%d date=%s round=%q seat=%v rating=%g castings=%q content=%q image=%v tags=%d places=%d deleted=%v updated=%v\n",
			r.ID, r.MemberID, r.BookID, r.ConcertID, r.WatchDate.Format("2006-01-02"), r.WatchRound, deref(r.Seat), r.Rating,
			r.Castings, r.Content, deref(r.TicketImageURL), len(r.Edges.Tags), len(r.Edges.PlaceReviews), r.DeletedAt != nil, r.UpdatedAt.UnixNano())
	}
	for _, img := range api.DB.TicketImage.Query().Order(ticketimage.ByID()).AllX(ctx) {
		fmt.Fprintf(&b, "image %d review=%d url=%s deleted=%v\n", img.ID, img.ReviewID, img.URL, img.DeletedAt != nil)
	}
	for _, l := range api.DB.ConcertLike.Query().Order(concertlike.ByID()).AllX(ctx) {
		fmt.Fprintf(&b, "like %d member=%d concert=%d deleted=%v at=%d\n", l.ID, l.MemberID, l.ConcertID, l.DeletedAt != nil, l.LikedAt)
	}
	for _, m := range api.DB.Member.Query().AllX(ctx) {
		fmt.Fprintf(&b, "member %d profile=%v deleted=%v\n", m.ID, deref(m.ProfileImageURL), m.DeletedAt != nil)
	}
	fmt.Fprintf(&b, "files %q\n", api.StoredFiles())
	return b.String()
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// unchanged fails the test when the library differs from before.
func unchanged(t *testing.T, api *apitest.API, before, what string) {
	t.Helper()
	if after := libraryState(t, api); after != before {
		t.Errorf("%s changed the data:\nbefore:\n%s\nafter:\n%s", what, before, after)
	}
}

// refused checks that a response is one error with one of the codes (and the
// field, if given) and no data for the mutation.
func refused(t *testing.T, what string, res *apitest.Response, field string, codes ...string) {
	t.Helper()
	if len(res.Errors) != 1 {
		t.Errorf("%s: want one %v error, got %+v (data %s)", what, codes, res.Errors, res.Data)
		return
	}
	e := res.Errors[0]
	if !slices.Contains(codes, e.Code()) {
		t.Errorf("%s: code %s, want one of %v: %s", what, e.Code(), codes, e.Message)
	}
	if field != "" && e.Field() != field {
		t.Errorf("%s: field %q, want %q (%s)", what, e.Field(), field, e.Message)
	}
	if d := string(res.Data); d != "" && d != "null" {
		t.Errorf("%s: refused but answered data %s", what, d)
	}
}

// storedConsistently checks that every live row's file is in the upload
// directory and that every stored file belongs to a live row.
func storedConsistently(t *testing.T, api *apitest.API) {
	t.Helper()
	ctx := context.Background()
	var want []string
	add := func(url *string) {
		if url == nil {
			return
		}
		name, ok := strings.CutPrefix(*url, "/files/")
		if !ok {
			t.Errorf("a row names %q, not a stored file", *url)
			return
		}
		if _, err := os.Stat(filepath.Join(api.Config.UploadDir, name)); err != nil {
			t.Errorf("a live row names %s, which is missing: %v", *url, err)
		}
		want = append(want, name)
	}
	for _, img := range api.DB.TicketImage.Query().AllX(ctx) {
		add(&img.URL)
	}
	for _, r := range api.DB.TicketReview.Query().AllX(ctx) {
		add(r.TicketImageURL)
	}
	for _, m := range api.DB.Member.Query().AllX(ctx) {
		add(m.ProfileImageURL)
	}
	slices.Sort(want)
	for _, f := range api.StoredFiles() {
		if _, found := slices.BinarySearch(want, f); !found {
			t.Errorf("stored file %s belongs to no live row", f)
		}
	}
}

// ids decodes GraphQL ids.
type idOnly struct{ ID string }

// withImages returns a copy of a ticket input with n null image slots.
func withImages(in map[string]any, n int) map[string]any {
	out := make(map[string]any, len(in)+1)
	for k, v := range in {
		out[k] = v
	}
	out["images"] = make([]any, n)
	return out
}

// with returns a copy of an input with one field changed (nil deletes it).
func with(in map[string]any, key string, v any) map[string]any {
	out := make(map[string]any, len(in))
	for k, val := range in {
		out[k] = val
	}
	if v == nil {
		delete(out, key)
	} else {
		out[key] = v
	}
	return out
}

// liveCount counts live tickets of a book.
func ticketsIn(t *testing.T, api *apitest.API, bookID int) int {
	t.Helper()
	return api.DB.TicketReview.Query().Where(ticketreview.BookID(bookID)).CountX(context.Background())
}

func booksOf(t *testing.T, api *apitest.API, memberID int) []*ent.ClacoBook {
	t.Helper()
	return api.DB.ClacoBook.Query().Where(clacobook.MemberID(memberID)).Order(clacobook.ByID()).AllX(context.Background())
}

func imageFiles(paths ...string) []apitest.File {
	out := make([]apitest.File, len(paths))
	for i, p := range paths {
		out[i] = apitest.Image(p)
	}
	return out
}
