package importer

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/claco/claco/internal/kopis"
)

// Query selects what ImportAPI loads.
type Query struct {
	// From and To are the days (both included) whose performances to load.
	From, To time.Time
	// Genres are KOPIS genre codes; empty means kopis.Codes (CCCA and BBBC).
	Genres []string
	// Since, when set, keeps only performances KOPIS updated at or after it,
	// judged by the list row's updatedate when it has one (saving the detail
	// request) and else by the detail's. Performances with neither date are kept.
	Since time.Time
}

// ImportAPI imports the performances of q from the KOPIS API. It lists every
// genre first, then fetches the details with up to Concurrency requests in
// flight (the client's Limiter spaces them) and imports the performances in
// list order, so that what it does does not depend on the concurrency. A
// list request that fails stops the import before anything is written (the
// set of concerts is unknown); a detail that fails counts as one failed concert.
func (im *Importer) ImportAPI(ctx context.Context, api *kopis.Client, q Query) (Summary, error) {
	var sum Summary
	if err := im.loadKeywords(ctx); err != nil {
		return sum, err
	}
	if q.To.Before(q.From) {
		return sum, fmt.Errorf("period %s..%s ends before it starts", q.From.Format(time.DateOnly), q.To.Format(time.DateOnly))
	}
	genres := q.Genres
	if len(genres) == 0 {
		genres = kopis.Codes
	}
	for _, code := range genres {
		if _, ok := kopis.GenreOfCode(code); !ok {
			return sum, fmt.Errorf("genre code %q: want one of %s", code, strings.Join(kopis.Codes, ", "))
		}
	}
	var rows []listed
	seen := map[string]bool{}
	for _, code := range genres {
		items, err := api.List(ctx, code, q.From, q.To)
		if err != nil {
			return sum, err
		}
		for i := range items {
			it := &items[i]
			if seen[it.ID] || before(it.UpdateDate, q.Since) {
				continue
			}
			seen[it.ID] = true
			rows = append(rows, listed{item: it, code: code})
		}
	}
	b := im.newBatcher(&sum, len(rows))
	// The fetching goroutines also parse the details and score the concerts;
	// the records reach the batcher in list order.
	err := inOrder(ctx, len(rows), im.Concurrency, b.size, func(ctx context.Context, i int) ready {
		row := rows[i]
		detail, err := api.Detail(ctx, row.item.ID)
		switch {
		case err != nil:
			return ready{id: row.item.ID, outcome: Failed, err: err}
		case before(detail.UpdateDate, q.Since):
			return ready{left: true}
		}
		return im.readyOf(ctx, Record{List: row.item, Detail: detail, GenreCode: row.code})
	}, func(_ int, r ready) error {
		if r.p == nil && r.outcome == Failed && ctx.Err() != nil {
			return ctx.Err()
		}
		return b.addReady(ctx, r)
	})
	if err == nil {
		err = b.flush(ctx)
	}
	if err != nil {
		return sum, err
	}
	im.log().InfoContext(ctx, "kopis import done", "summary", sum.String(), "dry_run", im.DryRun)
	return sum, nil
}

// ready is a record fetched and prepared, or why not.
type ready struct {
	id      string
	p       *prepared
	outcome Outcome // of a record p is nil for: Skipped or Failed
	err     error   // why p is nil
	left    bool    // left out on purpose (Query.Since): neither imported nor counted
}

func (im *Importer) readyOf(ctx context.Context, r Record) ready {
	p, outcome, err := im.prepare(ctx, r)
	return ready{id: r.ID(), p: p, outcome: outcome, err: err}
}

// addReady adds what a fetching goroutine made ready.
func (b *batcher) addReady(ctx context.Context, r ready) error {
	if r.left {
		b.pass()
		return nil
	}
	return b.addPrepared(ctx, r.id, r.p, r.outcome, r.err)
}

// inOrder computes work(i) for i from 0 to n-1 on up to workers goroutines,
// at most ahead of handle, and hands the results to handle in the order of
// i, on the calling goroutine. It stops at the first error handle returns,
// or when ctx ends, and returns only once every work it started has ended.
func inOrder[T any](ctx context.Context, n, workers, ahead int,
	work func(ctx context.Context, i int) T,
	handle func(i int, v T) error,
) error {
	workers = max(workers, 1)
	ahead = max(ahead, workers)
	results := make([]chan T, n)
	for i := range results {
		results[i] = make(chan T, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	jobs := make(chan int)
	window := make(chan struct{}, ahead) // a slot per result not yet handled
	wg.Go(func() {
		defer close(jobs)
		for i := range n {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				results[i] <- work(ctx, i)
			}
		})
	}
	for i := range n {
		var v T
		select {
		case v = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-window
		if err := handle(i, v); err != nil {
			return err
		}
	}
	return nil
}

// before reports whether an updatedate is known and earlier than since.
func before(updateDate string, since time.Time) bool {
	if since.IsZero() || updateDate == "" {
		return false
	}
	at, err := kopis.ParseUpdateDate(updateDate)
	return err == nil && at.Before(since)
}
