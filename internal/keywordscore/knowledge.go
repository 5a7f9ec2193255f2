package keywordscore

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// knowledgeFS holds the knowledge base; see the package doc for its format.
//
//go:embed knowledge
var knowledgeFS embed.FS

// knowledgeFile says how the terms of one file match.
type knowledgeFile struct {
	name string
	// head: a term may end a compound word whose first part is unknown,
	// as ensemble types and forms do in Korean ("KBS교향악단",
	// "뉴서울필하모닉오케스트라", "첼로협주곡", "한국예술가곡").
	head bool
	// venue: the terms describe halls and match in Input.Venue only; no
	// other term matches there.
	venue bool
}

var knowledgeFiles = []knowledgeFile{
	{name: "ensembles.tsv", head: true},
	{name: "orchestras.tsv"},
	{name: "dance-companies.tsv"},
	{name: "composers.tsv"},
	{name: "choreographers.tsv"},
	{name: "works.tsv"},
	{name: "forms.tsv", head: true},
	{name: "themes.tsv"},
	{name: "venues.tsv", head: true, venue: true},
}

// entity is one line of the knowledge base: a thing with its spellings and
// the keywords it suggests.
type entity struct {
	id      int
	source  string // file:line, for messages
	name    string // its first spelling
	weights [Count]float64
	venue   bool
}

// term is one normalised spelling of an entity.
type term struct {
	text   string
	entity *entity
	head   bool
}

type knowledge struct {
	entities []*entity
	// byFirst lists the terms by their first rune, longest first.
	byFirst map[rune][]*term
	// terms holds every term but the venues'. before and after are the
	// pieces that may share a word with a term: the terms, plus the
	// prefixes ("국립", "서울시립") or the suffixes (particles "의", "과",
	// endings "-한", "-곡집", "-연주회") of knowledge/prefixes.txt and
	// knowledge/suffixes.txt.
	terms, before, after map[string]bool
}

var kb = mustLoadKnowledge(knowledgeFS)

func mustLoadKnowledge(fsys fs.FS) *knowledge {
	k, err := loadKnowledge(fsys)
	if err != nil {
		panic("keywordscore: " + err.Error())
	}
	return k
}

func loadKnowledge(fsys fs.FS) (*knowledge, error) {
	k := &knowledge{
		byFirst: map[rune][]*term{},
		terms:   map[string]bool{}, before: map[string]bool{}, after: map[string]bool{},
	}
	seen := map[string]string{} // normalised term → source
	for _, f := range knowledgeFiles {
		err := eachLine(fsys, "knowledge/"+f.name, func(line int, fields []string) error {
			source := fmt.Sprintf("%s:%d", f.name, line)
			if len(fields) < 2 || len(fields) > 3 {
				return fmt.Errorf("want terms, weights and optional flags separated by tabs")
			}
			e := &entity{id: len(k.entities), source: source, venue: f.venue}
			if err := parseWeights(fields[1], &e.weights); err != nil {
				return err
			}
			head := f.head
			if len(fields) == 3 {
				switch fields[2] {
				case "head":
					head = true
				case "whole":
					head = false
				default:
					return fmt.Errorf("unknown flag %q (want head or whole)", fields[2])
				}
			}
			for _, spelling := range strings.Split(fields[0], "|") {
				spelling = strings.TrimSpace(spelling)
				segs := segments(spelling)
				if len(segs) != 1 {
					// Text is never matched across a separator.
					return fmt.Errorf("spelling %q is not one segment of text", spelling)
				}
				text := segs[0].norm
				if prev, dup := seen[text]; dup {
					if prev == source {
						continue // the same term spelt with other spaces or case
					}
					return fmt.Errorf("%q is already a term at %s", spelling, prev)
				}
				seen[text] = source
				if e.name == "" {
					e.name = spelling
				}
				t := &term{text: text, entity: e, head: head}
				first, _ := utf8.DecodeRuneInString(text)
				k.byFirst[first] = append(k.byFirst[first], t)
				if !f.venue {
					k.terms[text], k.before[text], k.after[text] = true, true, true
				}
			}
			k.entities = append(k.entities, e)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, a := range []struct {
		file string
		set  map[string]bool
	}{{"prefixes.txt", k.before}, {"suffixes.txt", k.after}} {
		err := eachLine(fsys, "knowledge/"+a.file, func(_ int, fields []string) error {
			for _, f := range fields {
				for _, piece := range strings.Fields(f) {
					a.set[normalize(piece)] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, ts := range k.byFirst {
		sort.Slice(ts, func(a, b int) bool {
			if len(ts[a].text) != len(ts[b].text) {
				return len(ts[a].text) > len(ts[b].text)
			}
			return ts[a].text < ts[b].text
		})
	}
	return k, nil
}

// eachLine calls fn with the tab-separated fields of each line of a data
// file, skipping blank lines and # comments.
func eachLine(fsys fs.FS, name string, fn func(line int, fields []string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text, _, _ := strings.Cut(sc.Text(), "#")
		var fields []string
		for _, f := range strings.Split(text, "\t") {
			if f = strings.TrimSpace(f); f != "" {
				fields = append(fields, f)
			}
		}
		if len(fields) == 0 {
			continue
		}
		if err := fn(n, fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// parseWeights reads "grand=0.8 tragic=0.3" ("-" for none) into w.
func parseWeights(s string, w *[Count]float64) error {
	if s == "-" {
		return nil
	}
	for _, kv := range strings.Fields(s) {
		key, value, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("weight %q is not key=value", kv)
		}
		i := keyIndex(key)
		if i < 0 {
			return fmt.Errorf("unknown keyword %q", key)
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil || v <= 0 || v > 3 {
			return fmt.Errorf("weight %q: want a number in (0, 3]", kv)
		}
		if w[i] != 0 {
			return fmt.Errorf("keyword %s given twice", key)
		}
		w[i] = v
	}
	return nil
}

func keyIndex(key string) int {
	for i, k := range Keys {
		if k == key {
			return i
		}
	}
	return -1
}
