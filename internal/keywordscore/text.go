package keywordscore

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A segment is a run of text between separators: commas, &, +, ×, /, :,
// brackets and quotes. KOPIS uses these to list names ("정한결, 최지웅,
// 장대건") and to join performers ("사이먼 래틀 경 & 바이에른
// 방송교향악단"), so no term is read across one. Joining words ("이지혜 x
// 김다솔", "마린 알솝 with 임윤찬") need no rule of their own: a term is
// read only from whole tokens, so none spans a word that is not part of it.
//
// Inside a segment the text is normalised to lower-case letters and digits
// without spaces (norm), so that "백조의 호수" and "백조의호수" read alike,
// while the token structure is kept: a token is a run of one script (Hangul,
// Latin, digits, other letters), so "KBS교향악단" is the tokens "kbs" and
// "교향악단" and "제9번" is "제", "9", "번". Matching uses the token starts
// and ends to refuse a term inside a longer word ("첼리스트" does not hold
// "리스트") or across two names ("최지웅 장대건" does not hold "웅장").
type segment struct {
	norm string
	// tok[i] is the token of norm's byte i; tokStart and tokEnd bound each
	// token in norm. wordStart is the first token of each token's word:
	// tokens of different scripts written together ("KG필하모닉") are one
	// word.
	tok              []int
	tokStart, tokEnd []int
	wordStart        []int
	// origStart[i] and origEnd[i] bound, in the original text, the rune
	// that norm's byte i belongs to: a match's surface text is cut from them.
	origStart, origEnd []int
	origText           string
}

// runeClass is what a rune is to the tokenizer.
type runeClass int

const (
	classBreak       runeClass = iota // space, hyphen, dot: ends a token
	classSep                          // ends a segment
	classHangul                       // Hangul syllables and jamo
	classLatin                        // Latin letters, folded to ASCII where possible
	classDigit                        // decimal digits
	classOtherLetter                  // any other letter (Han, Kana, Cyrillic…)
)

// separators end a segment. A hyphen or a dot inside a name ("프랑코-벨지언",
// "J.S.") only ends a token, and so does an apostrophe between letters
// (see isElision).
const separators = ",，、&＆+＋×/／|:：;；·ㆍ・•…!?！？~～=#\"“”‘’'`()（）[]［］{}<>＜＞〈〉《》「」『』【】\n\r\t"

func classOf(r rune) runeClass {
	switch {
	case strings.ContainsRune(separators, r):
		return classSep
	case unicode.Is(unicode.Hangul, r):
		return classHangul
	case unicode.Is(unicode.Latin, r):
		return classLatin
	case r >= '0' && r <= '9':
		return classDigit
	case unicode.IsLetter(r):
		return classOtherLetter
	}
	return classBreak
}

// rawToken is a token before segments are assembled.
type rawToken struct {
	norm  string
	class runeClass
	// runeStarts and runeEnds give, per byte of norm, the original rune.
	runeStarts, runeEnds []int
	glued                bool // follows the previous token without a break
}

// segments splits text into segments; see segment.
func segments(text string) []segment {
	var out []segment
	var cur []rawToken
	flush := func() {
		if len(cur) > 0 {
			out = append(out, buildSegment(cur, text))
		}
		cur = nil
	}
	var tok *rawToken
	endToken := func() {
		if tok == nil {
			return
		}
		cur = append(cur, *tok)
		tok = nil
	}
	prev := rune(0)
	for i, r := range text {
		c := classOf(r)
		if c == classSep && isElision(prev, r, text[i+len(string(r)):]) {
			c = classBreak
		}
		prev = r
		switch c {
		case classSep:
			endToken()
			flush()
			continue
		case classBreak:
			endToken()
			continue
		}
		glued := false
		if tok != nil && tok.class != c {
			endToken()
			glued = true
		}
		if tok == nil {
			tok = &rawToken{class: c, glued: glued}
		}
		folded := fold(r)
		size := len(string(r))
		for range len(folded) {
			tok.runeStarts = append(tok.runeStarts, i)
			tok.runeEnds = append(tok.runeEnds, i+size)
		}
		tok.norm += folded
	}
	endToken()
	flush()
	return out
}

// isElision reports whether an apostrophe between letters elides or
// possesses ("L'Arlésienne", "Beethoven's") rather than quotes: it then only
// ends a token.
func isElision(prev, r rune, after string) bool {
	if r != '\'' && r != '’' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(after)
	return unicode.IsLetter(prev) && unicode.IsLetter(next)
}

func buildSegment(toks []rawToken, text string) segment {
	s := segment{origText: text}
	var b strings.Builder
	for t, rt := range toks {
		w := t
		if rt.glued && t > 0 {
			w = s.wordStart[t-1]
		}
		s.wordStart = append(s.wordStart, w)
		s.tokStart = append(s.tokStart, b.Len())
		b.WriteString(rt.norm)
		s.tokEnd = append(s.tokEnd, b.Len())
		for range len(rt.norm) {
			s.tok = append(s.tok, t)
		}
		s.origStart = append(s.origStart, rt.runeStarts...)
		s.origEnd = append(s.origEnd, rt.runeEnds...)
	}
	s.norm = b.String()
	return s
}

// normalize is the normal form of a knowledge-base term: the norm of its
// segments joined, so that a term's spaces and punctuation do not matter.
func normalize(s string) string {
	var b strings.Builder
	for _, seg := range segments(s) {
		b.WriteString(seg.norm)
	}
	return b.String()
}

// fold lower-cases a rune and strips the common Latin diacritics, so that
// "Dvořák" reads as "dvorak" and "Saint-Saëns" as "saintsaens".
func fold(r rune) string {
	r = unicode.ToLower(r)
	if r < 0x80 {
		return string(r)
	}
	if f, ok := latinFold[r]; ok {
		return f
	}
	return string(r)
}

var latinFold = func() map[rune]string {
	m := map[rune]string{}
	for plain, accented := range map[string]string{
		"a": "áàâäãåāă", "c": "çčć", "d": "ď", "e": "éèêëēěę", "g": "ğ",
		"i": "íìîïī", "l": "ł", "n": "ñńň", "o": "óòôöõøō", "r": "ř",
		"s": "šśş", "t": "ť", "u": "úùûüůū", "y": "ýÿ", "z": "žźż",
		"ss": "ß", "ae": "æ", "oe": "œ",
	} {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()
