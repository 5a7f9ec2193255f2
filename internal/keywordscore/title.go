package keywordscore

import "strings"

// programmeMarks are the bracket pairs that mark a programme inside a title:
// "한빛 합창단 정기연주회 <드뷔시 전주곡집>", "《사계》".
var programmeMarks = [][2]string{
	{"<", ">"}, {"＜", "＞"}, {"〈", "〉"}, {"《", "》"}, {"「", "」"}, {"『", "』"},
}

// splitTitle separates a KOPIS title into the programme it marks with
// brackets and the rest (performers, series, place). program is empty when
// the title marks none, which is the usual case for real titles: then the
// whole title is read at full weight, since a work or composer anywhere in it
// is what the audience will hear.
//
// Nothing else marks a programme. "&", "x", "with" and "," join performers
// ("사이먼 래틀 경 & 바이에른 방송교향악단"); a colon usually introduces the
// programme or theme ("… 정기연주회: 멘델스존, 교향곡 3번") but as often
// follows a performer ("이지혜 x 김다솔: Beethoven Ⅱ"), and quotes name a
// work inside a programme ("교향곡 제9번 '합창'"). These are only separators
// (see segments): no term is read across them.
func splitTitle(title string) (program, rest string) {
	var prog, other strings.Builder
	s := title
	for {
		open, mark := firstMark(s)
		if open < 0 {
			break
		}
		body := s[open+len(mark[0]):]
		closeAt := strings.Index(body, mark[1])
		if closeAt < 0 {
			break // an unclosed bracket marks nothing
		}
		other.WriteString(s[:open] + " ")
		prog.WriteString(body[:closeAt] + " ")
		s = body[closeAt+len(mark[1]):]
	}
	other.WriteString(s)
	return strings.TrimSpace(prog.String()), strings.TrimSpace(other.String())
}

// firstMark finds the earliest opening bracket of programmeMarks in s.
func firstMark(s string) (int, [2]string) {
	best, mark := -1, [2]string{}
	for _, m := range programmeMarks {
		if i := strings.Index(s, m[0]); i >= 0 && (best < 0 || i < best) {
			best, mark = i, m
		}
	}
	return best, mark
}
