package graph_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/claco/claco/internal/apitest"
)

// A list's totalCount is counted once per catalogue generation: browsing
// again costs no COUNT(*), a write through this server shows at once, and a
// write by another process (the importer) at the server's next poll.
func TestTotalCountIsKeptPerCatalogueGeneration(t *testing.T) {
	api := apitest.New(t)
	for i := 0; i < 3; i++ {
		api.Concert(apitest.ConcertSpec{})
	}
	q := `{ concerts(first: 1) { totalCount } }`
	total := func() int {
		var res struct{ Concerts struct{ TotalCount int } }
		api.Query(q, nil).MustData(t, &res)
		return res.Concerts.TotalCount
	}
	if n := total(); n != 3 {
		t.Fatalf("totalCount %d, want 3", n)
	}
	var mu sync.Mutex
	counts := 0
	api.DB.ObserveStatements(func(_ context.Context, query string) {
		if strings.Contains(strings.ToUpper(query), "COUNT(") {
			mu.Lock()
			counts++
			mu.Unlock()
		}
	})
	defer api.DB.ObserveStatements(nil)
	if n := total(); n != 3 || counts != 0 {
		t.Fatalf("browsing again: totalCount %d with %d COUNT statements, want 3 with none", n, counts)
	}

	api.Concert(apitest.ConcertSpec{}) // through this server's client
	if n := total(); n != 4 {
		t.Fatalf("after a concert was added here: totalCount %d, want 4", n)
	}

	// Another process soft-deletes one: seen after the next poll.
	poll := func() {
		if err := api.Server.Catalogue().Poll(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	poll()
	if n := total(); n != 4 {
		t.Fatalf("after a poll that found nothing new: totalCount %d, want 4", n)
	}
	var id int
	if err := api.DB.SQL.QueryRowContext(context.Background(), `SELECT MIN(id) FROM concerts`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := api.DB.SQL.ExecContext(context.Background(),
		`UPDATE concerts SET deleted_at = updated_at, updated_at = '2099-01-01 00:00:00', tombstone = id WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if n := total(); n != 4 {
		t.Fatalf("before the poll: totalCount %d, want the kept 4", n)
	}
	poll()
	if n := total(); n != 3 {
		t.Fatalf("after another process deleted one and a poll: totalCount %d, want 3", n)
	}
}

// A concert and its keywords are read once per catalogue generation: asking
// again costs no statement, and another process's change of its title
// shows at the server's next poll.
func TestConcertsAreKeptPerCatalogueGeneration(t *testing.T) {
	api := apitest.New(t)
	c := api.Concert(apitest.ConcertSpec{Title: "옛 제목", Keywords: map[string]float64{"grand": 0.7}})
	q := `query($id: ID!) { concert(id: $id) { title keywords { score keyword { key } } } }`
	type result struct {
		Concert struct {
			Title    string
			Keywords []struct {
				Score   float64
				Keyword struct{ Key string }
			}
		}
	}
	read := func() result {
		var res result
		api.Query(q, map[string]any{"id": c.ID}).MustData(t, &res)
		return res
	}
	if res := read(); res.Concert.Title != "옛 제목" || len(res.Concert.Keywords) != 1 || res.Concert.Keywords[0].Keyword.Key != "grand" {
		t.Fatalf("first read: %+v", res)
	}
	if n := api.Statements(func() { read() }); n != 0 {
		t.Fatalf("reading the concert again cost %d statements, want none", n)
	}
	if _, err := api.DB.SQL.ExecContext(context.Background(),
		`UPDATE concerts SET title = '새 제목', updated_at = '2099-01-01 00:00:00' WHERE id = ?`, c.ID); err != nil {
		t.Fatal(err)
	}
	if res := read(); res.Concert.Title != "옛 제목" {
		t.Fatalf("before the poll: %q, want the kept title", res.Concert.Title)
	}
	if err := api.Server.Catalogue().Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if res := read(); res.Concert.Title != "새 제목" || len(res.Concert.Keywords) != 1 {
		t.Fatalf("after another process changed the title and a poll: %+v", res)
	}
}
