package importer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"

	"github.com/claco/claco/internal/kopis"
)

// ImportFS imports a directory laid out like internal/demo/kopis: list pages
// list/<genre>-p<N>.xml and details detail/<mt20id>.xml. A listed concert
// without a detail file is imported from its list row; a detail file no page
// lists is imported from the detail alone. Concerts are imported in the order
// of the pages (sorted by name), then of the unlisted details. A list page
// that cannot be read stops the import before anything is written (the set
// of concerts is unknown); a bad detail fails only its concert.
func (im *Importer) ImportFS(ctx context.Context, fsys fs.FS) (Summary, error) {
	var sum Summary
	if err := im.loadKeywords(ctx); err != nil {
		return sum, err
	}
	pages, err := fs.Glob(fsys, "list/*.xml")
	if err != nil {
		return sum, err
	}
	details, err := fs.Glob(fsys, "detail/*.xml")
	if err != nil {
		return sum, err
	}
	if len(pages) == 0 && len(details) == 0 {
		return sum, errNoRecords
	}
	sort.Strings(pages) // CCCA-p1 before CCCA-p2: KOPIS's order
	var rows []listed
	seen := map[string]bool{}
	for _, page := range pages {
		data, err := fs.ReadFile(fsys, page)
		if err != nil {
			return sum, err
		}
		items, err := kopis.ParseList(data)
		if err != nil {
			return sum, fmt.Errorf("%s: %w", page, err)
		}
		code := genreCodeOfPage(page)
		for i := range items {
			if !seen[items[i].ID] {
				seen[items[i].ID] = true
				rows = append(rows, listed{item: &items[i], code: code})
			}
		}
	}
	var unlisted []string
	for _, name := range details {
		if !seen[strings.TrimSuffix(path.Base(name), ".xml")] {
			unlisted = append(unlisted, name)
		}
	}
	b := im.newBatcher(&sum, len(rows)+len(unlisted))
	// Details are read, parsed and scored on every core; the records reach
	// the batcher in order.
	err = inOrder(ctx, len(rows)+len(unlisted), runtime.GOMAXPROCS(0), b.size, func(ctx context.Context, i int) ready {
		if i >= len(rows) {
			name := unlisted[i-len(rows)]
			detail, err := readDetail(fsys, name)
			if err != nil {
				return ready{id: strings.TrimSuffix(path.Base(name), ".xml"), outcome: Failed, err: err}
			}
			return im.readyOf(ctx, Record{Detail: detail})
		}
		row := rows[i]
		rec := Record{List: row.item, GenreCode: row.code}
		detail, err := readDetail(fsys, "detail/"+row.item.ID+".xml")
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// Imported from the list row alone.
		case err != nil:
			return ready{id: row.item.ID, outcome: Failed, err: err}
		default:
			rec.Detail = detail
		}
		return im.readyOf(ctx, rec)
	}, func(_ int, r ready) error {
		return b.addReady(ctx, r)
	})
	if err != nil {
		return sum, err
	}
	if err := b.flush(ctx); err != nil {
		return sum, err
	}
	im.log().InfoContext(ctx, "kopis import done", "summary", sum.String(), "dry_run", im.DryRun)
	return sum, nil
}

// listed is a list row and the genre code it was listed under.
type listed struct {
	item *kopis.ListItem
	code string
}

// genreCodeOfPage reads the genre code from a page name like CCCA-p1.xml.
func genreCodeOfPage(name string) string {
	code, _, _ := strings.Cut(path.Base(name), "-")
	if _, ok := kopis.GenreOfCode(code); ok {
		return code
	}
	return ""
}

func readDetail(fsys fs.FS, name string) (*kopis.Detail, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	d, err := kopis.ParseDetail(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

// errNoRecords is returned for a source that holds no KOPIS files at all,
// most likely a mistyped directory.
var errNoRecords = errors.New("no KOPIS files (list/*.xml or detail/*.xml)")
