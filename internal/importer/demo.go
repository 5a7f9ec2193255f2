package importer

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/demo"
	"github.com/claco/claco/internal/softdelete"
)

// LoadDemo imports the embedded demo catalogue (internal/demo) when the
// concert table is empty, so that a fresh server has concerts to show. A
// table holding any concert, even a deleted one, is left alone and the
// summary is zero: the demo must never mix into real data.
func LoadDemo(ctx context.Context, client *ent.Client, now time.Time) (Summary, error) {
	present, err := client.Concert.Query().Exist(softdelete.IncludeDeleted(ctx))
	if err != nil {
		return Summary{}, fmt.Errorf("load demo concerts: %w", err)
	}
	im := New(client, func() time.Time { return now })
	if present {
		im.log().InfoContext(ctx, "concerts present, demo catalogue not loaded")
		return Summary{}, nil
	}
	fsys, err := fs.Sub(demo.FS, "kopis")
	if err != nil {
		return Summary{}, fmt.Errorf("load demo concerts: %w", err)
	}
	sum, err := im.ImportFS(ctx, fsys)
	if err != nil {
		return sum, fmt.Errorf("load demo concerts: %w", err)
	}
	return sum, nil
}
