package ocr

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// columnGap is a run of spaces wide enough to be a gap between columns or
// between items on one line of a poster, not a word space.
var columnGap = regexp.MustCompile(`[ \t\x{3000}]{3,}`)

// normalize turns tesseract's output into one item per line: column gaps
// become line breaks, other runs of white space one space, and lines with
// no letter or digit (rules, frames and specks read as "|", "=" or "—") are
// dropped, as are blank lines.
func normalize(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n").Replace(s)
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for _, item := range columnGap.Split(line, -1) {
			item = strings.Join(strings.Fields(item), " ")
			if strings.IndexFunc(item, isLetterOrDigit) >= 0 {
				out = append(out, item)
			}
		}
	}
	return strings.Join(out, "\n")
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// truncate cuts s to at most max bytes: at the last line break when that
// keeps at least half, else at a character boundary.
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := s[:max]
	if i := strings.LastIndexByte(cut, '\n'); i >= max/2 {
		return strings.TrimRight(cut[:i], "\n")
	}
	for len(cut) > 0 && !utf8.RuneStart(s[len(cut)]) { // s[len(cut)] continues a rune: back off
		cut = cut[:len(cut)-1]
	}
	return cut
}
