package graph_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concertlike"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/ticketimage"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/softdelete"
)

const updateProfile = `mutation($input: ProfileInput!) { updateProfile(input: $input) { nickname profileImageUrl } }`

// served reports the status GET gives a stored file's URL.
func served(api *apitest.API, url string) int { return api.Get(url).Code }

func TestReviewPhotosMustBeImages(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := api.SignUp("reader@example.com", "독자")
	c := api.Concert(apitest.ConcertSpec{})
	in := with(api.TicketInput(c.ID), "bookId", api.Book(m, "책").ID)
	text := apitest.File{Path: "variables.input.images.0", Name: "photo.jpg", Content: []byte("this is not a JPEG at all, just text\n")}
	html := apitest.File{Path: "variables.input.images.1", Name: "photo.png", Content: []byte("<html><script>alert(1)</script></html>")}
	oversize := apitest.File{Path: "variables.input.images.0", Name: "big.png", Content: append(bytes.Clone(apitest.PNG), make([]byte, 10<<20)...)}

	before := libraryState(t, api)
	refused(t, "a text file named .jpg", d.UploadFiles(createTicket, map[string]any{"input": withImages(in, 1)}, text), "input.images.0", "BAD_USER_INPUT")
	// A good photo before a bad one is not kept either.
	refused(t, "a photo, then HTML", d.UploadFiles(createTicket, map[string]any{"input": withImages(in, 2)}, apitest.Image("variables.input.images.0"), html), "input.images.1", "BAD_USER_INPUT")
	refused(t, "a photo over 10 MiB", d.UploadFiles(createTicket, map[string]any{"input": withImages(in, 1)}, oversize), "input.images.0", "BAD_USER_INPUT")
	refused(t, "4 photos", d.UploadFiles(createTicket, map[string]any{"input": withImages(in, 4)},
		imageFiles("variables.input.images.0", "variables.input.images.1", "variables.input.images.2", "variables.input.images.3")...), "input.images", "LIMIT_EXCEEDED")
	// The same rules for the rendered ticket and the profile picture.
	var made struct{ CreateTicketReview idOnly }
	d.Query(createTicket, map[string]any{"input": in}).MustData(t, &made)
	before = libraryState(t, api)
	refused(t, "a rendered ticket that is text", d.UploadFiles(ticketImage, map[string]any{"id": made.CreateTicketReview.ID, "file": nil},
		apitest.File{Path: "variables.file", Name: "ticket.png", Content: text.Content}), "file", "BAD_USER_INPUT")
	refused(t, "a rendered ticket over 10 MiB", d.UploadFiles(ticketImage, map[string]any{"id": made.CreateTicketReview.ID, "file": nil},
		apitest.File{Path: "variables.file", Name: "ticket.png", Content: oversize.Content}), "file", "BAD_USER_INPUT")
	refused(t, "a profile picture that is text", d.UploadFiles(updateProfile, map[string]any{"input": map[string]any{"profileImage": nil}},
		apitest.File{Path: "variables.input.profileImage", Name: "me.jpg", Content: text.Content}), "input.profileImage", "BAD_USER_INPUT")
	unchanged(t, api, before, "refused files")
	if files := api.StoredFiles(); len(files) != 0 {
		t.Fatalf("refused uploads left files: %q", files)
	}

	// Exactly 10 MiB is fine.
	exact := apitest.File{Path: "variables.input.images.0", Name: "big.png", Content: oversize.Content[:10<<20]}
	var ok struct{ CreateTicketReview struct{ ImageUrls []string } }
	d.UploadFiles(createTicket, map[string]any{"input": withImages(in, 1)}, exact).MustData(t, &ok)
	if len(ok.CreateTicketReview.ImageUrls) != 1 || served(api, ok.CreateTicketReview.ImageUrls[0]) != http.StatusOK {
		t.Fatalf("a 10 MiB photo: %+v", ok.CreateTicketReview)
	}
	storedConsistently(t, api)
}

func TestAFailedTicketKeepsNoPhoto(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, m := api.SignUp("reader@example.com", "독자")
	_, other := api.SignUp("other@example.com", "다른이")
	c := api.Concert(apitest.ConcertSpec{})
	full := api.Book(m, "가득 찬 책")
	for range 20 {
		api.Ticket(m, c, full, 3, "티켓")
	}
	theirs := api.Book(other, "남의 책")
	photos := imageFiles("variables.input.images.0", "variables.input.images.1")
	in := api.TicketInput(c.ID)

	// Each fails after the photos were stored, inside the transaction.
	before := libraryState(t, api)
	refused(t, "photos into a full book", d.UploadFiles(createTicket, map[string]any{"input": withImages(with(in, "bookId", full.ID), 2)}, photos...), "input.bookId", "LIMIT_EXCEEDED")
	refused(t, "photos into the first book, full", d.UploadFiles(createTicket, map[string]any{"input": withImages(in, 2)}, photos...), "", "LIMIT_EXCEEDED")
	refused(t, "photos into another member's book", d.UploadFiles(createTicket, map[string]any{"input": withImages(with(in, "bookId", theirs.ID), 2)}, photos...), "input.bookId", "FORBIDDEN")
	refused(t, "photos into a deleted book", d.UploadFiles(createTicket, map[string]any{"input": withImages(with(in, "bookId", full.ID+1000), 2)}, photos...), "input.bookId", "NOT_FOUND")
	// And before: an unknown concert, bad tags.
	refused(t, "photos of an unknown concert", d.UploadFiles(createTicket, map[string]any{"input": withImages(with(in, "concertId", c.ID+1000), 2)}, photos...), "input.concertId", "NOT_FOUND")
	refused(t, "photos with bad tags", d.UploadFiles(createTicket, map[string]any{"input": withImages(with(in, "tagIds", []int{}), 2)}, photos...), "input.tagIds", "BAD_USER_INPUT")
	unchanged(t, api, before, "failed tickets with photos")
	if files := api.StoredFiles(); len(files) != 0 {
		t.Fatalf("failed tickets left files: %q", files)
	}
	if n := api.DB.TicketImage.Query().CountX(softdelete.IncludeDeleted(context.Background())); n != 0 {
		t.Fatalf("%d photo rows", n)
	}
}

func TestReplacedProfilePictureLeavesOneFile(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("reader@example.com", "독자")
	api.SignUp("taken@example.com", "이미있음")
	vars := map[string]any{"input": map[string]any{"profileImage": nil}}
	type profile struct {
		UpdateProfile struct {
			Nickname        string
			ProfileImageURL *string
		}
	}
	var first, second profile
	d.UploadFiles(updateProfile, vars, apitest.Image("variables.input.profileImage")).MustData(t, &first)
	d.UploadFiles(updateProfile, vars, apitest.Image("variables.input.profileImage")).MustData(t, &second)
	old, now := first.UpdateProfile.ProfileImageURL, second.UpdateProfile.ProfileImageURL
	if old == nil || now == nil || *old == *now {
		t.Fatalf("profile pictures %v then %v", old, now)
	}
	if files := api.StoredFiles(); len(files) != 1 || !strings.HasSuffix(*now, files[0]) {
		t.Fatalf("files after replacing the picture: %q (current %s)", files, *now)
	}
	if code := served(api, *old); code != http.StatusNotFound {
		t.Errorf("the old picture answers %d", code)
	}
	if code := served(api, *now); code != http.StatusOK {
		t.Errorf("the new picture answers %d", code)
	}
	// A refused change keeps the old picture and stores nothing.
	before := libraryState(t, api)
	refused(t, "a taken nickname with a picture", d.UploadFiles(updateProfile, map[string]any{"input": map[string]any{"nickname": "이미있음", "profileImage": nil}},
		apitest.Image("variables.input.profileImage")), "", "CONFLICT")
	unchanged(t, api, before, "a refused profile change")
	// A change without a picture keeps it.
	var third profile
	d.Query(updateProfile, map[string]any{"input": map[string]any{"nickname": "새이름"}}).MustData(t, &third)
	if third.UpdateProfile.ProfileImageURL == nil || *third.UpdateProfile.ProfileImageURL != *now {
		t.Fatalf("a nickname change dropped the picture: %v", third.UpdateProfile.ProfileImageURL)
	}
	storedConsistently(t, api)
}

func TestDeletingATicketRemovesItsFiles(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("reader@example.com", "독자")
	c := api.Concert(apitest.ConcertSpec{})
	in := api.TicketInput(c.ID)
	type made struct {
		CreateTicketReview struct {
			ID        string
			ImageUrls []string
		}
	}
	var gone, kept made
	d.UploadFiles(createTicket, map[string]any{"input": withImages(in, 2)}, imageFiles("variables.input.images.0", "variables.input.images.1")...).MustData(t, &gone)
	d.UploadFiles(createTicket, map[string]any{"input": withImages(in, 1)}, imageFiles("variables.input.images.0")...).MustData(t, &kept)
	var rendered struct {
		UploadTicketImage struct{ TicketImageURL *string }
	}
	d.UploadFiles(ticketImage, map[string]any{"id": gone.CreateTicketReview.ID, "file": nil}, apitest.Image("variables.file")).MustData(t, &rendered)
	urls := append(slices.Clone(gone.CreateTicketReview.ImageUrls), *rendered.UploadTicketImage.TicketImageURL)
	if len(urls) != 3 || len(api.StoredFiles()) != 4 {
		t.Fatalf("setup: urls %q, files %q", urls, api.StoredFiles())
	}
	for _, u := range urls {
		if code := served(api, u); code != http.StatusOK {
			t.Fatalf("%s answers %d before the delete", u, code)
		}
	}

	d.Query(deleteTicket, map[string]any{"id": gone.CreateTicketReview.ID}).MustData(t, &struct{}{})
	for _, u := range urls {
		if code := served(api, u); code != http.StatusNotFound {
			t.Errorf("%s answers %d after the delete", u, code)
		}
	}
	if files := api.StoredFiles(); len(files) != 1 || !strings.HasSuffix(kept.CreateTicketReview.ImageUrls[0], files[0]) {
		t.Errorf("files after the delete: %q, want only %s", files, kept.CreateTicketReview.ImageUrls[0])
	}
	ctx := context.Background()
	if n := api.DB.TicketImage.Query().Where(ticketimage.ReviewID(atoi(t, gone.CreateTicketReview.ID)), ticketimage.DeletedAtNotNil()).CountX(softdelete.IncludeDeleted(ctx)); n != 2 {
		t.Errorf("%d photo rows soft-deleted, want 2", n)
	}
	storedConsistently(t, api)
}

func TestRenderedTicketReplacedLeavesOneFile(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("reader@example.com", "독자")
	c := api.Concert(apitest.ConcertSpec{})
	var made struct{ CreateTicketReview idOnly }
	d.Query(createTicket, map[string]any{"input": api.TicketInput(c.ID)}).MustData(t, &made)
	vars := map[string]any{"id": made.CreateTicketReview.ID, "file": nil}
	var first, second struct {
		UploadTicketImage struct{ TicketImageURL *string }
	}
	d.UploadFiles(ticketImage, vars, apitest.Image("variables.file")).MustData(t, &first)
	d.UploadFiles(ticketImage, vars, apitest.Image("variables.file")).MustData(t, &second)
	old, now := first.UploadTicketImage.TicketImageURL, second.UploadTicketImage.TicketImageURL
	if old == nil || now == nil || *old == *now {
		t.Fatalf("rendered tickets %v then %v", old, now)
	}
	if files := api.StoredFiles(); len(files) != 1 || !strings.HasSuffix(*now, files[0]) {
		t.Fatalf("files after replacing the rendered ticket: %q", files)
	}
	if code := served(api, *old); code != http.StatusNotFound {
		t.Errorf("the old rendered ticket answers %d", code)
	}
	var q struct {
		TicketReview struct{ TicketImageURL *string }
	}
	api.Query(`query($id: ID!) { ticketReview(id: $id) { ticketImageUrl } }`, map[string]any{"id": made.CreateTicketReview.ID}).MustData(t, &q)
	if q.TicketReview.TicketImageURL == nil || *q.TicketReview.TicketImageURL != *now {
		t.Fatalf("ticketImageUrl %v, want %s", q.TicketReview.TicketImageURL, *now)
	}
	storedConsistently(t, api)
}

func TestWithdrawalRemovesTheMembersFiles(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	ctx := context.Background()
	admin := softdelete.IncludeDeleted(ctx)
	c := api.Concert(apitest.ConcertSpec{})
	in := api.TicketInput(c.ID)

	// Both members keep the same kinds of things, all through the API.
	type kept struct {
		dev   *apitest.Device
		id    int
		files []string
	}
	keep := func(email, nickname string) kept {
		d, m := api.SignUp(email, nickname)
		k := kept{dev: d, id: m.ID}
		d.Query(likeQuery, map[string]any{"id": c.ID}).MustData(t, &struct{}{})
		var book struct{ CreateClacoBook idOnly }
		d.Query(createBook, map[string]any{"input": map[string]any{}}).MustData(t, &book)
		d.Query(createBook, map[string]any{"input": map[string]any{"title": "둘째"}}).MustData(t, &struct{}{})
		var ticket struct {
			CreateTicketReview struct {
				ID        string
				ImageUrls []string
			}
		}
		d.UploadFiles(createTicket, map[string]any{"input": withImages(with(in, "bookId", book.CreateClacoBook.ID), 2)},
			imageFiles("variables.input.images.0", "variables.input.images.1")...).MustData(t, &ticket)
		k.files = append(k.files, ticket.CreateTicketReview.ImageUrls...)
		var rendered struct {
			UploadTicketImage struct{ TicketImageURL string }
		}
		d.UploadFiles(ticketImage, map[string]any{"id": ticket.CreateTicketReview.ID, "file": nil}, apitest.Image("variables.file")).MustData(t, &rendered)
		var profile struct {
			UpdateProfile struct{ ProfileImageURL string }
		}
		d.UploadFiles(updateProfile, map[string]any{"input": map[string]any{"profileImage": nil}}, apitest.Image("variables.input.profileImage")).MustData(t, &profile)
		k.files = append(k.files, rendered.UploadTicketImage.TicketImageURL, profile.UpdateProfile.ProfileImageURL)
		return k
	}
	leaver, stayer := keep("leaver@example.com", "떠나는이"), keep("stayer@example.com", "남는이")
	if n := len(api.StoredFiles()); n != 8 {
		t.Fatalf("%d files stored, want 8", n)
	}

	var out struct{ Withdraw bool }
	leaver.dev.Query(`mutation { withdraw }`, nil).MustData(t, &out)

	for _, u := range leaver.files {
		if code := served(api, u); code != http.StatusNotFound {
			t.Errorf("the withdrawn member's %s answers %d", u, code)
		}
	}
	for _, u := range stayer.files {
		if code := served(api, u); code != http.StatusOK {
			t.Errorf("the other member's %s answers %d", u, code)
		}
	}
	if n := len(api.StoredFiles()); n != 4 {
		t.Errorf("%d files after the withdrawal, want the other member's 4", n)
	}
	counts := func(memberID int) map[string][2]int {
		both := func(all, live int) [2]int { return [2]int{all - live, live} }
		tickets := api.DB.TicketReview.Query().Where(ticketreview.MemberID(memberID)).IDsX(admin)
		return map[string][2]int{
			"member": both(api.DB.Member.Query().Where(member.ID(memberID)).CountX(admin), api.DB.Member.Query().Where(member.ID(memberID)).CountX(ctx)),
			"likes":  both(api.DB.ConcertLike.Query().Where(concertlike.MemberID(memberID)).CountX(admin), api.DB.ConcertLike.Query().Where(concertlike.MemberID(memberID)).CountX(ctx)),
			"books":  both(api.DB.ClacoBook.Query().Where(clacobook.MemberID(memberID)).CountX(admin), api.DB.ClacoBook.Query().Where(clacobook.MemberID(memberID)).CountX(ctx)),
			"tickets": both(api.DB.TicketReview.Query().Where(ticketreview.MemberID(memberID)).CountX(admin),
				api.DB.TicketReview.Query().Where(ticketreview.MemberID(memberID)).CountX(ctx)),
			"photos": both(api.DB.TicketImage.Query().Where(ticketimage.ReviewIDIn(tickets...)).CountX(admin),
				api.DB.TicketImage.Query().Where(ticketimage.ReviewIDIn(tickets...)).CountX(ctx)),
		}
	}
	// [soft-deleted, live]
	wantGone := map[string][2]int{"member": {1, 0}, "likes": {1, 0}, "books": {2, 0}, "tickets": {1, 0}, "photos": {2, 0}}
	wantKept := map[string][2]int{"member": {0, 1}, "likes": {0, 1}, "books": {0, 2}, "tickets": {0, 1}, "photos": {0, 2}}
	for what, want := range wantGone {
		if got := counts(leaver.id)[what]; got != want {
			t.Errorf("withdrawn member's %s: %v [deleted, live], want %v", what, got, want)
		}
	}
	for what, want := range wantKept {
		if got := counts(stayer.id)[what]; got != want {
			t.Errorf("other member's %s: %v [deleted, live], want %v", what, got, want)
		}
	}
	var likes struct {
		Concert struct{ LikeCount, ReviewCount int }
	}
	api.Query(`query($id: ID!) { concert(id: $id) { likeCount reviewCount } }`, map[string]any{"id": c.ID}).MustData(t, &likes)
	if likes.Concert.LikeCount != 1 || likes.Concert.ReviewCount != 1 {
		t.Errorf("after the withdrawal: %+v", likes.Concert)
	}
	storedConsistently(t, api)
}

func TestARequestOverTheUploadBoundIsAnsweredWithACode(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, _ := api.SignUp("reader@example.com", "독자")
	c := api.Concert(apitest.ConcertSpec{})
	in := api.TicketInput(c.ID)
	// Four 9 MiB photos: each within 10 MiB, but one too many, and more
	// than the server reads of a request.
	photo := append(bytes.Clone(apitest.PNG), make([]byte, 9<<20)...)
	var files []apitest.File
	for _, p := range []string{"variables.input.images.0", "variables.input.images.1", "variables.input.images.2", "variables.input.images.3"} {
		files = append(files, apitest.File{Path: p, Name: "big.png", Content: photo})
	}
	before := libraryState(t, api)
	res := d.UploadFiles(createTicket, map[string]any{"input": withImages(in, 4)}, files...)
	if len(res.Errors) != 1 || res.Errors[0].Code() == "" {
		t.Errorf("4 photos of 9 MiB: errors %+v, want one with extensions.code (LIMIT_EXCEEDED)", res.Errors)
	} else {
		refused(t, "4 photos of 9 MiB", res, "", "LIMIT_EXCEEDED", "BAD_USER_INPUT")
	}
	unchanged(t, api, before, "4 photos of 9 MiB")
}
