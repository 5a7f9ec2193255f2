package keywordscore

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// hit is a term found in a text.
type hit struct {
	entity  *entity
	a, b    int    // the term's bytes in the segment's norm
	surface string // the words of the original text it was read from
}

// scanMode says what kind of text is scanned.
type scanMode int

const (
	modeText  scanMode = iota // running text: a title, a synopsis
	modeNames                 // a list of names: the cast, the crew
	modeVenue                 // a hall's name: only venues.tsv applies
)

// scan finds the terms of the knowledge base in text.
//
// A term matches where its normal form occurs in a segment and both ends lie
// on a word boundary:
//   - it starts a token, or the start of its token up to it is made of known
//     pieces (terms and prefixes: "국립" + "합창단"), or it is a head term,
//     which may end a compound after two or more syllables ("부천시립교향악단";
//     "KBS교향악단" is two tokens anyway);
//   - it ends a token, or the rest of its token is made of known pieces
//     (terms and suffixes: "베토벤" + "의", "낭만" + "주의", "필하모닉" +
//     "오케스트라"; in a list of names, terms only).
//
// So "첼리스트" does not hold the composer "리스트" ("첼" is not a piece),
// "발레리오" does not hold "발레" ("리오" is not a piece), and "최지웅 장대건"
// does not hold "웅장" (it starts inside a name). Overlapping matches are
// settled longest first, so "포레 레퀴엠" claims its text before "레퀴엠".
func (k *knowledge) scan(text string, mode scanMode) []hit {
	var out []hit
	for _, seg := range segments(text) {
		out = append(out, k.scanSegment(&seg, mode)...)
	}
	return out
}

func (k *knowledge) scanSegment(seg *segment, mode scanMode) []hit {
	type candidate struct {
		t    *term
		a, b int
	}
	var cands []candidate
	s := seg.norm
	for a := 0; a < len(s); {
		r, size := utf8.DecodeRuneInString(s[a:])
		for _, t := range k.byFirst[r] {
			if t.entity.venue != (mode == modeVenue) || !strings.HasPrefix(s[a:], t.text) {
				continue
			}
			b := a + len(t.text)
			if k.startsWord(seg, a, t.head) && k.endsWord(seg, b, mode == modeNames) {
				cands = append(cands, candidate{t, a, b})
			}
		}
		a += size
	}
	sort.SliceStable(cands, func(i, j int) bool {
		li, lj := cands[i].b-cands[i].a, cands[j].b-cands[j].a
		if li != lj {
			return li > lj
		}
		return cands[i].a < cands[j].a
	})
	claimed := make([]bool, len(s))
	var hits []hit
	for _, c := range cands {
		if anyTrue(claimed[c.a:c.b]) {
			continue
		}
		for i := c.a; i < c.b; i++ {
			claimed[i] = true
		}
		from := c.a
		if c.t.head {
			// A head names the whole compound: "부천시립교향악단", not
			// "교향악단"; "KG필하모닉오케스트라", not "필하모닉오케스트라".
			from = seg.tokStart[seg.wordStart[seg.tok[c.a]]]
		}
		hits = append(hits, hit{
			entity:  c.t.entity,
			a:       c.a,
			b:       c.b,
			surface: seg.surface(from, c.b),
		})
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].a < hits[j].a })
	return hits
}

// surface is the original text of norm[a:b].
func (seg *segment) surface(a, b int) string {
	return seg.origText[seg.origStart[a]:seg.origEnd[b-1]]
}

// startsWord reports whether a term may start at a.
func (k *knowledge) startsWord(seg *segment, a int, head bool) bool {
	start := seg.tokStart[seg.tok[a]]
	if a == start || covered(seg.norm[start:a], k.before) {
		return true
	}
	// A head may follow an unknown word ("부천시립" + "교향악단"), but not a
	// single syllable: a Korean name is a one-syllable surname and a
	// two-syllable given name, which may be a head ("김" + "시향").
	return head && utf8.RuneCountInString(seg.norm[start:a]) >= 2
}

// endsWord reports whether a term may end at b. In a list of names
// (names), particles and endings do not occur, so only other terms may
// follow in the same word: "서정은" is a name, not 서정 + 은.
func (k *knowledge) endsWord(seg *segment, b int, names bool) bool {
	end := seg.tokEnd[seg.tok[b-1]]
	if b == end {
		return true
	}
	if names {
		return covered(seg.norm[b:end], k.terms)
	}
	return covered(seg.norm[b:end], k.after)
}

// covered reports whether s splits into pieces of the set, at rune
// boundaries.
func covered(s string, pieces map[string]bool) bool {
	// ok[i]: s[i:] splits into pieces.
	ok := make([]bool, len(s)+1)
	ok[len(s)] = true
	for i := len(s) - 1; i >= 0; i-- {
		if !utf8.RuneStart(s[i]) {
			continue
		}
		for j := i + 1; j <= len(s); j++ {
			if ok[j] && (j == len(s) || utf8.RuneStart(s[j])) && pieces[s[i:j]] {
				ok[i] = true
				break
			}
		}
	}
	return ok[0]
}

func anyTrue(c []bool) bool {
	for _, v := range c {
		if v {
			return true
		}
	}
	return false
}
