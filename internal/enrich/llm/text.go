package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanText makes s one line: invalid UTF-8 and control characters go,
// runs of white space become one space.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, " ")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError || r == '\u200b' || r == '\ufeff' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// separators end a word; a cut text does not end in one.
const separators = ",.:;·/&+-–—([{<《「『'\"~"

// ellipsis marks a cut.
const ellipsis = "…"

// truncateWords returns s if it has at most n runes, or else a prefix of it
// ending in "…", n runes at most in all. It cuts at the last space that
// keeps at least a third of the room, so a word is cut in half only when
// there is no such space (Korean titles often run long without one).
func truncateWords(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	rs := []rune(s)
	room := n - 1 // for the ellipsis
	cut := room
	// rs[room] is the first rune dropped: a word ends before a space or a
	// separator.
	for i := room; i > 0 && i >= room/3; i-- {
		if rs[i] == ' ' || strings.ContainsRune(separators, rs[i]) {
			cut = i
			break
		}
	}
	head := strings.TrimRightFunc(string(rs[:cut]), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(separators, r)
	})
	if head == "" {
		head = string(rs[:room])
	}
	return head + ellipsis
}
