package keywordscore

import (
	"sort"
	"strings"
	"unicode"
)

// splitTitle separates a KOPIS title into its program and the rest. KOPIS
// titles name the ensemble and series first and the program in <…>
// ("한빛 합창단 정기연주회 <드뷔시 전주곡집>") or after an ampersand
// ("라온 심포니 오케스트라 & 신년음악회 왈츠와 폴카"). program is empty when
// the title marks none.
func splitTitle(title string) (program, rest string) {
	var prog, other strings.Builder
	s := title
	for {
		open := strings.IndexAny(s, "<〈《")
		if open < 0 {
			break
		}
		closeRel := strings.IndexAny(s[open:], ">〉》")
		if closeRel < 0 {
			break
		}
		other.WriteString(s[:open] + " ")
		_, size := firstRune(s[open:])
		prog.WriteString(s[open+size:open+closeRel] + " ")
		_, closeSize := firstRune(s[open+closeRel:])
		s = s[open+closeRel+closeSize:]
	}
	if head, tail, ok := strings.Cut(s, "&"); ok {
		other.WriteString(head)
		prog.WriteString(tail)
	} else {
		other.WriteString(s)
	}
	return strings.TrimSpace(prog.String()), strings.TrimSpace(other.String())
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// normalize lowercases and drops spaces and punctuation, so that "백조의 호수"
// matches "백조의호수" and "'비창'" matches "비창".
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// term is a lexicon entry after normalisation.
type term struct {
	text    string
	weights [Count]float64
}

// lexiconIndex holds terms longest first: a longer term claims its text
// before a shorter one inside it can ("포레 레퀴엠" before "레퀴엠",
// "합창단" before "합창").
type lexiconIndex []term

func buildLexicon(entries []entry) lexiconIndex {
	byText := map[string]int{}
	var out lexiconIndex
	for _, e := range entries {
		text := normalize(e.term)
		if text == "" {
			continue
		}
		i, seen := byText[text]
		if !seen {
			i = len(out)
			byText[text] = i
			out = append(out, term{text: text})
		}
		for k, w := range e.weights {
			out[i].weights[k] += w
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if len(out[a].text) != len(out[b].text) {
			return len(out[a].text) > len(out[b].text)
		}
		return out[a].text < out[b].text
	})
	return out
}

// match adds weight × the weights of every term found in text to ev. A term
// counts once per text however often it occurs, and never inside text that a
// longer term already claimed.
func (lx lexiconIndex) match(text string, weight float64, ev *[Count]float64) {
	s := normalize(text)
	if s == "" {
		return
	}
	claimed := make([]bool, len(s))
	for _, t := range lx {
		if len(t.text) > len(s) {
			continue
		}
		found := false
		for from := 0; from+len(t.text) <= len(s); {
			i := strings.Index(s[from:], t.text)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(t.text)
			if anyClaimed(claimed[start:end]) {
				from = start + 1 // a later occurrence may still be free
				continue
			}
			for j := start; j < end; j++ {
				claimed[j] = true
			}
			found = true
			from = end
		}
		if found {
			for k, w := range t.weights {
				ev[k] += weight * w
			}
		}
	}
}

func anyClaimed(c []bool) bool {
	for _, v := range c {
		if v {
			return true
		}
	}
	return false
}
