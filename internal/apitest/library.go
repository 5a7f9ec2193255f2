package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/placecategory"
	"github.com/claco/claco/ent/tagcategory"
	"github.com/claco/claco/internal/server"
)

// PNG is a small file the upload store accepts as a PNG image.
var PNG = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)

// File is one file of a multipart request, bound to a variable path such
// as "variables.input.images.0".
type File struct {
	Path    string
	Name    string
	Content []byte
}

// Image is a PNG file bound to the variable path.
func Image(path string) File { return File{Path: path, Name: "photo.png", Content: PNG} }

// UploadFiles posts a GraphQL multipart request with several files, one
// form part each (map {"0": [path0], "1": [path1], …}). The variables must
// hold null where each file goes, e.g. "images": []any{nil, nil}.
func (d *Device) UploadFiles(query string, vars map[string]any, files ...File) *Response {
	d.t.Helper()
	res, err := d.TryUploadFiles(query, vars, files...)
	if err != nil {
		d.t.Fatal(err)
	}
	return res
}

// TryUploadFiles is UploadFiles that reports a broken response as an error
// instead of failing the test, for use from goroutines.
func (d *Device) TryUploadFiles(query string, vars map[string]any, files ...File) (*Response, error) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	_ = w.WriteField("operations", string(ops))
	m := map[string][]string{}
	for i, f := range files {
		m[fmt.Sprint(i)] = []string{f.Path}
	}
	mapJSON, _ := json.Marshal(m)
	_ = w.WriteField("map", string(mapJSON))
	for i, f := range files {
		part, err := w.CreateFormFile(fmt.Sprint(i), f.Name)
		if err != nil {
			return nil, err
		}
		_, _ = part.Write(f.Content)
	}
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, Origin+"/query", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return tryDecode(d.send(req))
}

// TryQuery is Query that reports a broken response as an error instead of
// failing the test, for use from goroutines.
func (d *Device) TryQuery(query string, vars map[string]any) (*Response, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	req := httptest.NewRequest(http.MethodPost, Origin+"/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return tryDecode(d.send(req))
}

func tryDecode(res *http.Response) (*Response, error) {
	data, _ := io.ReadAll(res.Body)
	out := &Response{Status: res.StatusCode, Header: res.Header}
	if err := json.Unmarshal(data, out); err != nil {
		return nil, fmt.Errorf("response is not GraphQL JSON (status %d): %v\n%s", res.StatusCode, err, data)
	}
	return out, nil
}

// SignUp signs a new member in through the dev login and onboards them; it
// returns their device (holding a MEMBER token) and their row.
func (a *API) SignUp(email, nickname string) (*Device, *ent.Member) {
	a.t.Helper()
	d := a.NewDevice(nickname)
	login := d.DevLogin(email, "")
	d.Onboard(nickname)
	var id int
	if _, err := fmt.Sscan(login.Member.ID, &id); err != nil {
		a.t.Fatalf("member id %q: %v", login.Member.ID, err)
	}
	return d, a.DB.Member.GetX(context.Background(), id)
}

// TagIDs returns the ids of every tag category, in their order.
func (a *API) TagIDs() []int {
	a.t.Helper()
	return a.DB.TagCategory.Query().Order(tagcategory.ByPosition(), tagcategory.ByID()).IDsX(context.Background())
}

// PlaceIDs returns the venue impressions grouped by pair, in pair order:
// PlaceIDs()[i] holds the ids of pair i.
func (a *API) PlaceIDs() [][]int {
	a.t.Helper()
	rows := a.DB.PlaceCategory.Query().Order(placecategory.ByPosition(), placecategory.ByID()).AllX(context.Background())
	var pairs []string
	byPair := map[string][]int{}
	for _, p := range rows {
		if _, ok := byPair[p.Pair]; !ok {
			pairs = append(pairs, p.Pair)
		}
		byPair[p.Pair] = append(byPair[p.Pair], p.ID)
	}
	out := make([][]int, len(pairs))
	for i, p := range pairs {
		out[i] = byPair[p]
	}
	return out
}

// TicketInput is a valid TicketReviewInput for the concert (no book, no
// images); change it to make it invalid.
func (a *API) TicketInput(concertID int) map[string]any {
	a.t.Helper()
	places := []int{}
	for _, pair := range a.PlaceIDs() {
		places = append(places, pair[0])
	}
	return map[string]any{
		"concertId":        concertID,
		"watchDate":        "2026-11-20",
		"watchRound":       "19:30",
		"seat":             "R석 1열 1번",
		"rating":           4.5,
		"castings":         []string{"조성진"},
		"content":          "좋았다",
		"tagIds":           a.TagIDs()[:5],
		"placeCategoryIds": places,
	}
}

// Ticket writes a ticket review of c by m into the book, bypassing the API
// (to fill a book quickly).
func (a *API) Ticket(m *ent.Member, c *ent.Concert, book *ent.ClacoBook, rating float64, content string) *ent.TicketReview {
	a.t.Helper()
	ctx := context.Background()
	return a.DB.TicketReview.Create().
		SetMemberID(m.ID).
		SetConcertID(c.ID).
		SetBookID(book.ID).
		SetWatchDate(c.StartDate).
		SetWatchRound("19:30").
		SetRating(rating).
		SetContent(content).
		SaveX(ctx)
}

// Book creates a book of m, bypassing the API.
func (a *API) Book(m *ent.Member, title string) *ent.ClacoBook {
	a.t.Helper()
	return a.DB.ClacoBook.Create().SetMemberID(m.ID).SetTitle(title).SetColor("#DD6339").SaveX(context.Background())
}

// StoredFiles returns the names of the files in the upload directory, sorted;
// hidden entries (temporary files, the poster cache) are left out.
func (a *API) StoredFiles() []string {
	a.t.Helper()
	entries, err := os.ReadDir(a.Config.UploadDir)
	if err != nil {
		a.t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	slices.Sort(out)
	return out
}

// Clock is a settable clock for the server under test, safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock standing at Now.
func NewClock() *Clock { return &Clock{now: Now} }

// Now tells the time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// WithClock makes the server tell the time by c.
func WithClock(c *Clock) Option {
	return func(d *server.Deps) { d.Now = c.Now }
}
