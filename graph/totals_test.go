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
