package importer_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/testdb"
)

// realDir holds 72 real KOPIS detail records (see its README).
const realDir = "../keywordscore/testdata/kopis-real"

// Every real record imports or is skipped: none fails, and the one outside
// classical music and dance is counted as skipped.
func TestRealRecordsImportOrAreSkipped(t *testing.T) {
	raw, err := os.ReadFile(realDir + "/LABELS.json")
	if err != nil {
		t.Fatal(err)
	}
	var labels map[string]struct {
		Out bool `json:"out"`
	}
	if err := json.Unmarshal(raw, &labels); err != nil {
		t.Fatal(err)
	}
	out := 0
	for _, l := range labels {
		if l.Out {
			out++
		}
	}
	db := testdb.Open(t)
	im := &importer.Importer{DB: db.Client, Now: func() time.Time { return firstRun }}
	sum, err := im.ImportFS(context.Background(), os.DirFS(realDir))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("real records: %s", sum)
	if sum.Failed != 0 || sum.Skipped != out || sum.New+sum.Skipped != len(labels) {
		t.Fatalf("real records: %s; want %d skipped of %d, none failed", sum, out, len(labels))
	}
}
