package keywordscore_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/claco/claco/internal/keywordscore"
	"github.com/claco/claco/internal/kopis"
)

// realDir holds 72 real KOPIS detail records with a person's reading of
// each (see its README.md).
const realDir = "testdata/kopis-real"

// label is one entry of LABELS.json.
type label struct {
	Out   bool              `json:"out"`
	Pairs map[string]string `json:"pairs"` // "1".."5" → key or "?"
	Top   string            `json:"top"`   // key or "?"
	Why   string            `json:"why"`
}

type realRecord struct {
	ID    string
	Input keywordscore.Input
	Label label
	// Classical is false for a record outside classical music and dance,
	// which the importer skips.
	Classical bool
}

func realRecords(t *testing.T) []realRecord {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(realDir, "LABELS.json"))
	if err != nil {
		t.Fatal(err)
	}
	var labels map[string]label
	if err := json.Unmarshal(raw, &labels); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(realDir, "detail", "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var out []realRecord
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := kopis.ParseDetail(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		l, ok := labels[d.ID]
		if !ok {
			t.Fatalf("%s has no label", d.ID)
		}
		genre, classical := kopis.GenreOfName(d.GenreName)
		out = append(out, realRecord{
			ID:        d.ID,
			Label:     l,
			Classical: classical,
			Input: keywordscore.Input{
				Title: d.Title, Synopsis: d.Synopsis, Cast: d.Cast, Crew: d.Crew,
				Venue: d.Venue, Genre: genre,
			},
		})
	}
	if len(out) != 72 {
		t.Fatalf("%d real records, want 72", len(out))
	}
	return out
}

// On real records the scorer must agree with a person who knows the
// repertoire: on the most characteristic keyword, and on the side of each
// pair the record gives evidence for. Labels are judgement, so the bar is
// agreement on most records, not all; misses are logged to show what the
// knowledge base lacks.
func TestAgreesWithExpertOnRealRecords(t *testing.T) {
	var tops, topHits, pairs, pairHits, bare, scored int
	for _, r := range realRecords(t) {
		if r.Label.Out != !r.Classical {
			t.Errorf("%s: label out=%v but genre classical=%v", r.ID, r.Label.Out, r.Classical)
		}
		if r.Label.Out {
			continue
		}
		res := keywordscore.Explain(r.Input)
		scored++
		if !hasEvidence(res) {
			bare++
		}
		var miss []string
		if r.Label.Top != "?" {
			tops++
			if got := res.Scores.Top(); got == r.Label.Top {
				topHits++
			} else {
				miss = append(miss, "top "+got+" want "+r.Label.Top)
			}
		}
		for p := 1; p <= keywordscore.Count/2; p++ {
			want := r.Label.Pairs[strconv.Itoa(p)]
			if want == "?" {
				continue
			}
			pairs++
			if got := side(res.Scores, p); got == want {
				pairHits++
			} else {
				miss = append(miss, "pair "+got+" want "+want)
			}
		}
		if len(miss) > 0 {
			t.Logf("%s %q: %s; scores %v; evidence %v", r.ID, r.Input.Title, strings.Join(miss, ", "), res.Scores.Map(), evidenceMap(res))
		}
	}
	topRate := float64(topHits) / float64(tops)
	pairRate := float64(pairHits) / float64(pairs)
	t.Logf("real records: top keyword agrees on %d/%d (%.1f%%), pair side on %d/%d (%.1f%%); %d/%d scored from genre defaults only",
		topHits, tops, 100*topRate, pairHits, pairs, 100*pairRate, bare, scored)
	if topRate < 0.80 {
		t.Errorf("top keyword agrees on %.1f%% of real records, want ≥ 80%%", 100*topRate)
	}
	if pairRate < 0.90 {
		t.Errorf("pair side agrees on %.1f%% of labelled pairs, want ≥ 90%%", 100*pairRate)
	}
}

// side is the key of pair p (1-based) that has the score.
func side(s keywordscore.Scores, p int) string {
	a := 2 * (p - 1)
	if s[a] > 0 {
		return keywordscore.Keys[a]
	}
	return keywordscore.Keys[a+1]
}

func hasEvidence(r keywordscore.Result) bool {
	for _, ev := range r.Evidence {
		if len(ev) > 0 {
			return true
		}
	}
	return false
}

func evidenceMap(r keywordscore.Result) map[string][]string {
	out := map[string][]string{}
	for i, ev := range r.Evidence {
		if len(ev) > 0 {
			out[keywordscore.Keys[i]] = ev
		}
	}
	return out
}
