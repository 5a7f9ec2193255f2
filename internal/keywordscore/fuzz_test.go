package keywordscore

// Fuzz targets for reading free text and scoring it. The seed corpus is the
// text of the real KOPIS details in testdata/kopis-real plus the examples the
// package documents; crashers the fuzzer found are kept in testdata/fuzz.
// .ci/fuzz runs each target for a bounded time.

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/kopis"
)

// seedInputs are the real KOPIS details as scorer input, and the package's
// documented examples.
func seedInputs(f *testing.F) []Input {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "kopis-real", "detail", "*.xml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("real KOPIS details: %v (%d files)", err, len(files))
	}
	var out []Input
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		d, err := kopis.ParseDetail(data)
		if err != nil {
			f.Fatalf("%s: %v", name, err)
		}
		genre, ok := kopis.GenreOfName(d.GenreName)
		if !ok {
			genre = concert.GenreCLASSICAL
		}
		out = append(out, Input{Title: d.Title, Synopsis: d.Synopsis, Cast: d.Cast, Crew: d.Crew, Venue: d.Venue, Genre: genre})
	}
	for _, title := range []string{
		"사이먼 래틀 경 & 바이에른 방송교향악단", "이지혜 x 김다솔: Beethoven Ⅱ", "한빛 합창단 정기연주회 <드뷔시 전주곡집>",
		"《사계》", "교향곡 제9번 '합창'", "L'Arlésienne & Beethoven's Dvořák", "KBS교향악단 <포레 레퀴엠",
		"부천시립교향악단 첼로협주곡", "〈백조의 호수〉「지젤」『호두까기 인형』", "<>", "《", "'", "’a",
	} {
		out = append(out, Input{Title: title, Cast: "정한결, 최지웅, 장대건", Crew: "", Venue: "예술의전당 [서울] (리사이틀홀)", Genre: concert.GenreCLASSICAL})
	}
	out = append(out, Input{Title: "발레리오 발레 <백조의 호수>", Cast: "첼리스트 서정은", Genre: concert.GenreDANCE, Extra: "웅장한 오케스트라의 매력"})
	return out
}

// FuzzExplain: for any text, each pair of keywords has exactly one score, in
// 0.1..1.0 and rounded to three decimals; a keyword has evidence exactly
// when the text, not the genre's default, scored it (above 0.3); every piece
// of evidence is text of the input, listed once; an unknown genre scores
// like classical music; Score, Top and Map agree with Explain; and the same
// input always scores the same.
func FuzzExplain(f *testing.F) {
	for _, in := range seedInputs(f) {
		f.Add(in.Title, in.Synopsis, in.Cast, in.Crew, in.Venue, in.Extra, in.Genre == concert.GenreDANCE)
	}
	f.Fuzz(func(t *testing.T, title, synopsis, cast, crew, venue, extra string, dance bool) {
		in := Input{Title: title, Synopsis: synopsis, Cast: cast, Crew: crew, Venue: venue, Extra: extra, Genre: concert.GenreCLASSICAL}
		if dance {
			in.Genre = concert.GenreDANCE
		}
		r := Explain(in)
		if again := Explain(in); !reflect.DeepEqual(r, again) {
			t.Fatalf("not deterministic:\n%+v\n%+v", r, again)
		}
		if s := Score(in); s != r.Scores {
			t.Fatalf("Score %v, Explain %v", s, r.Scores)
		}
		fields := []string{title, synopsis, cast, crew, venue, extra}
		valid := true
		for _, s := range fields {
			valid = valid && utf8.ValidString(s)
		}
		for a := 0; a < Count; a += 2 {
			x, y := r.Scores[a], r.Scores[a+1]
			if (x == 0) == (y == 0) || math.Min(x, y) != 0 {
				t.Fatalf("pair %s/%s scores %v/%v", Keys[a], Keys[a+1], x, y)
			}
		}
		for i, v := range r.Scores {
			if v != 0 && (v < 0.1 || v > 1 || math.Round(v*1000)/1000 != v) {
				t.Fatalf("%s scores %v", Keys[i], v)
			}
			ev := r.Evidence[i]
			if (len(ev) > 0) != (v > evidenceFloor) {
				t.Fatalf("%s scores %v with evidence %q", Keys[i], v, ev)
			}
			seen := map[string]bool{}
			for _, e := range ev {
				if e == "" || seen[e] {
					t.Fatalf("%s: evidence %q is blank or repeated", Keys[i], ev)
				}
				seen[e] = true
				if !containsAny(fields, e) {
					t.Fatalf("%s: evidence %q is not text of the input", Keys[i], e)
				}
				if valid && !utf8.ValidString(e) {
					t.Fatalf("%s: evidence %q is not UTF-8", Keys[i], e)
				}
			}
		}
		top := r.Scores.Top()
		best := 0
		for i, v := range r.Scores {
			if v > r.Scores[best] {
				best = i
			}
		}
		if top != Keys[best] {
			t.Fatalf("Top %s, highest %s", top, Keys[best])
		}
		if m := r.Scores.Map(); len(m) != Count/2 {
			t.Fatalf("Map %v: want one key per pair", m)
		}
		if !dance {
			in.Genre = "OPERA"
			if other := Explain(in); !reflect.DeepEqual(other, r) {
				t.Fatalf("an unknown genre scores %v, classical %v", other.Scores, r.Scores)
			}
		}
	})
}

func containsAny(fields []string, s string) bool {
	for _, f := range fields {
		if strings.Contains(f, s) {
			return true
		}
	}
	return false
}

// FuzzSegments: the tokenizer's segments are consistent (every byte of the
// normal form belongs to one token, tokens tile it in order, and each maps
// back to a rune of the text), hold no separator, and normalising is
// idempotent; splitTitle returns trimmed parts and finds a programme only
// inside brackets.
func FuzzSegments(f *testing.F) {
	for _, in := range seedInputs(f) {
		f.Add(in.Title)
		f.Add(in.Cast)
		f.Add(in.Venue)
	}
	f.Add("KBS교향악단 제9번, 프랑코-벨지언 J.S. Bach\n\"Saint-Saëns\" ß æ œ İ")
	f.Fuzz(func(t *testing.T, text string) {
		for n, seg := range segments(text) {
			tokens := len(seg.tokStart)
			if tokens == 0 || len(seg.tokEnd) != tokens || len(seg.wordStart) != tokens {
				t.Fatalf("segment %d: %d tokens, %d ends, %d word starts", n, tokens, len(seg.tokEnd), len(seg.wordStart))
			}
			if len(seg.tok) != len(seg.norm) || len(seg.origStart) != len(seg.norm) || len(seg.origEnd) != len(seg.norm) {
				t.Fatalf("segment %d: norm %d bytes, tok %d, orig %d/%d", n, len(seg.norm), len(seg.tok), len(seg.origStart), len(seg.origEnd))
			}
			at := 0
			for i := range tokens {
				if seg.tokStart[i] != at || seg.tokEnd[i] <= at || seg.wordStart[i] > i || seg.wordStart[i] < 0 {
					t.Fatalf("segment %d token %d: %d..%d after %d, word from %d", n, i, seg.tokStart[i], seg.tokEnd[i], at, seg.wordStart[i])
				}
				for b := seg.tokStart[i]; b < seg.tokEnd[i]; b++ {
					if seg.tok[b] != i {
						t.Fatalf("segment %d: byte %d in token %d, says %d", n, b, i, seg.tok[b])
					}
				}
				at = seg.tokEnd[i]
			}
			if at != len(seg.norm) {
				t.Fatalf("segment %d: tokens end at %d of %d", n, at, len(seg.norm))
			}
			for i := range seg.norm {
				if seg.origStart[i] < 0 || seg.origStart[i] >= seg.origEnd[i] || seg.origEnd[i] > len(text) {
					t.Fatalf("segment %d byte %d: original %d..%d of %d", n, i, seg.origStart[i], seg.origEnd[i], len(text))
				}
			}
			for _, r := range seg.norm {
				if classOf(r) == classSep {
					t.Fatalf("segment %d %q holds the separator %q", n, seg.norm, r)
				}
			}
		}
		norm := normalize(text)
		if again := normalize(norm); again != norm {
			t.Fatalf("normalize(%q) = %q, normalize again %q", text, norm, again)
		}
		program, rest := splitTitle(text)
		if program != strings.TrimSpace(program) || rest != strings.TrimSpace(rest) {
			t.Fatalf("splitTitle(%q) = %q, %q: not trimmed", text, program, rest)
		}
		if open, _ := firstMark(text); open < 0 && (program != "" || rest != strings.TrimSpace(text)) {
			t.Fatalf("splitTitle(%q) = %q, %q without a bracket", text, program, rest)
		}
	})
}
