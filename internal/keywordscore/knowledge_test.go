package keywordscore

import (
	"io/fs"
	"math"
	"path"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// Every data file in knowledge/ is read: a file the loader does not know
// would be silently ignored.
func TestEveryKnowledgeFileIsRead(t *testing.T) {
	read := map[string]bool{"prefixes.txt": true, "suffixes.txt": true}
	for _, f := range knowledgeFiles {
		read[f.name] = true
	}
	entries, err := fs.ReadDir(knowledgeFS, "knowledge")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !read[e.Name()] {
			t.Errorf("knowledge/%s is not read by the loader", e.Name())
		}
	}
}

// A one-rune term would match as part of almost any word (the compound
// rules let every term start or end one), so terms are at least two runes.
func TestTermsAreLongEnough(t *testing.T) {
	for _, ts := range kb.byFirst {
		for _, term := range ts {
			if utf8.RuneCountInString(term.text) < 2 {
				t.Errorf("%s: term %q is shorter than two runes", term.entity.source, term.text)
			}
		}
	}
}

// An entry that gives both keywords of a pair almost equal weight says
// nothing about the pair, as they cancel out: it should choose a side.
func TestEntriesChooseASideOfEachPair(t *testing.T) {
	for _, e := range kb.entities {
		for a := 0; a < Count; a += 2 {
			x, y := e.weights[a], e.weights[a+1]
			if x > 0 && y > 0 && math.Abs(x-y) < 0.2 {
				t.Errorf("%s (%s): %s=%v and %s=%v nearly cancel", e.source, e.name, Keys[a], x, Keys[a+1], y)
			}
		}
	}
}

func TestLoaderRejectsBadData(t *testing.T) {
	good := "베토벤|Beethoven\tclassical=1.0 grand=0.3\n"
	for name, bad := range map[string]string{
		"unknown keyword": "베토벤\tepic=1.0\n",
		"bad weight":      "베토벤\tgrand=lots\n",
		"weight too big":  "베토벤\tgrand=9\n",
		"missing weights": "베토벤\n",
		"unknown flag":    "베토벤\tgrand=1.0\tloud\n",
		"duplicate term":  good + "BEETHOVEN\tgrand=1.0\n",
		"two segments":    "베토벤, 모차르트\tgrand=1.0\n",
		"repeated key":    "베토벤\tgrand=1.0 grand=0.5\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := loadKnowledge(knowledgeWith("composers.tsv", bad)); err == nil {
				t.Errorf("loaded %q", bad)
			}
		})
	}
	k, err := loadKnowledge(knowledgeWith("composers.tsv", good+"# a comment\n\n"))
	if err != nil {
		t.Fatalf("good data: %v", err)
	}
	if len(k.entities) != 1 || k.entities[0].weights[keyIndex("classical")] != 1.0 {
		t.Fatalf("good data loaded as %+v", k.entities)
	}
}

// knowledgeWith is a knowledge directory whose files are empty but one.
func knowledgeWith(name, data string) fs.FS {
	m := fstest.MapFS{}
	for _, f := range knowledgeFiles {
		m[path.Join("knowledge", f.name)] = &fstest.MapFile{}
	}
	m["knowledge/prefixes.txt"] = &fstest.MapFile{}
	m["knowledge/suffixes.txt"] = &fstest.MapFile{}
	m[path.Join("knowledge", name)] = &fstest.MapFile{Data: []byte(data)}
	return m
}
