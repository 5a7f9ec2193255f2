package catalogue

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// textIndex finds the concerts whose searchable text contains a query
// without reading every text: it keeps, for each character and each pair of
// adjacent characters (Hangul syllables included), the concerts whose text
// has it. A query's candidates are those of its rarest pair; each is then
// checked. Korean search wants substrings ("베토벤" in "베토벤의 밤"), which
// word indexes do not give and LIKE '%…%' gives only by scanning.
type textIndex struct {
	texts []string // folded, by position
	grams map[gram][]int32
}

// gram is one character (second rune 0) or two adjacent ones.
type gram [2]rune

func newTextIndex(texts []string) *textIndex {
	ix := &textIndex{texts: texts, grams: make(map[gram][]int32)}
	var seen []gram
	for i, t := range texts {
		seen = seen[:0]
		prev := rune(-1)
		for _, r := range t {
			if r == 0 { // fieldSeparator: no pair spans two fields
				prev = -1
				continue
			}
			seen = append(seen, gram{r, 0})
			if prev >= 0 {
				seen = append(seen, gram{prev, r})
			}
			prev = r
		}
		slices.SortFunc(seen, compareGrams)
		for _, g := range slices.Compact(seen) {
			ix.grams[g] = append(ix.grams[g], int32(i))
		}
	}
	return ix
}

func compareGrams(a, b gram) int {
	if a[0] != b[0] {
		return int(a[0] - b[0])
	}
	return int(a[1] - b[1])
}

// match returns the positions of the texts that contain the folded query, in
// ascending order.
func (ix *textIndex) match(q string) []int32 {
	candidates, ok := ix.candidates(q)
	if !ok {
		return nil
	}
	var out []int32
	for _, i := range candidates {
		if strings.Contains(ix.texts[i], q) {
			out = append(out, i)
		}
	}
	return out
}

// candidates are the texts that have every gram of q: those of its rarest
// gram. ok is false when q has a gram no text has.
func (ix *textIndex) candidates(q string) ([]int32, bool) {
	var best []int32
	found := false
	consider := func(g gram) bool {
		p := ix.grams[g]
		if len(p) == 0 {
			return false
		}
		if !found || len(p) < len(best) {
			best, found = p, true
		}
		return true
	}
	if utf8.RuneCountInString(q) == 1 {
		r, _ := utf8.DecodeRuneInString(q)
		ok := consider(gram{r, 0})
		return best, ok
	}
	prev := rune(-1)
	for _, r := range q {
		if prev >= 0 && !consider(gram{prev, r}) {
			return nil, false
		}
		prev = r
	}
	return best, found
}

// rank says where q first occurs in text i: 0 at the start of the title, 1
// elsewhere in the title, 2 in the cast, 3 in the venue, -1 nowhere.
func (ix *textIndex) rank(i int32, q string) int {
	t := ix.texts[i]
	at := strings.Index(t, q)
	if at < 0 {
		return -1
	}
	if at == 0 {
		return 0
	}
	fields := strings.Count(t[:at], fieldSeparator)
	return min(fields+1, 3)
}
