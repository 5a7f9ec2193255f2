package llm

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claco/claco/internal/keywordscore"
)

// ComposeSummary writes the summary Claco shows without an LLM: one
// friendly Korean sentence from f's dates, venue, genre and title and the
// Korean names of the top keywords of scores, e.g.
//
//	10월 23일 예술의전당 콘서트홀에서 열리는 클래식 공연 「모차르트: 레퀴엠」에서
//	비극적인 드라마와 웅장한 스케일을 만나 보세요.
//
// It is deterministic and always 50..100 runes long. A long title is cut
// at a word boundary ("…") to fit, but not below 16 runes; rather than cut
// it further the sentence names one keyword instead of two, shows the
// venue's facility only, and drops the dates, the genre and the venue, in
// that order. A short sentence names a third keyword and adds friendly
// closing sentences.
func ComposeSummary(f Facts, scores keywordscore.Scores) string {
	venue, facility := venueNames(f.Venue)
	d := draft{
		title: cleanText(f.Title),
		venue: venue,
		when:  dateText(f.Start, f.End),
		genre: genreWord(f.Genre),
		keys:  topKeys(scores, 3),
	}
	d.nkeys = min(2, len(d.keys))

	// Shrink until the sentence fits, cutting the title only when what is
	// left of it stays readable.
	const minTitle = 16
	steps := []func(*draft){
		func(*draft) {},
		func(d *draft) { d.nkeys = min(1, d.nkeys) },
		func(d *draft) { d.venue = facility },
		func(d *draft) { d.when = "" },
		func(d *draft) { d.genre = "" },
		func(d *draft) { d.venue = "" },
	}
	for i, step := range steps {
		step(&d)
		if runes(d.render()) <= MaxSummaryRunes {
			break
		}
		budget := MaxSummaryRunes - d.lengthWithoutTitle()
		if budget >= minTitle || i == len(steps)-1 {
			d.title = truncateWords(d.title, max(budget, 1))
			break
		}
	}
	// Grow a short sentence: one more keyword, then closing sentences.
	for runes(d.render()) < MinSummaryRunes && d.nkeys < len(d.keys) {
		d.nkeys++
		if runes(d.render()) > MaxSummaryRunes {
			d.nkeys--
			break
		}
	}
	for runes(d.render()) < MinSummaryRunes && d.pads < len(closings) {
		d.pads++
	}
	s := d.render()
	if runes(s) > MaxSummaryRunes { // unreachable: the last step leaves room
		s = truncateWords(s, MaxSummaryRunes)
	}
	return s
}

// closings pad a short summary; together they lift the shortest possible
// sentence ("이번 공연에서 특별한 감동을 만나 보세요.") past 50 runes.
var closings = []string{
	" 놓치지 마세요!",
	" 소중한 사람과 함께 특별한 시간을 보내 보세요.",
	" 많은 관심과 사랑 부탁드려요.",
}

// draft is a summary being fitted.
type draft struct {
	title, venue, when, genre string
	keys                      []int // keyword indices, strongest first
	nkeys                     int   // how many of keys to name
	pads                      int   // how many closings to add
}

func (d draft) render() string { return d.renderTitle(d.title) }

// lengthWithoutTitle is the length of the sentence around the title.
func (d draft) lengthWithoutTitle() int {
	if d.title == "" {
		return runes(d.render())
	}
	return runes(d.renderTitle("x")) - 1
}

func (d draft) renderTitle(title string) string {
	var b strings.Builder
	switch {
	case d.when != "" && d.venue != "":
		b.WriteString(d.when + " " + d.venue + "에서 열리는 ")
	case d.when != "" && strings.HasSuffix(d.when, "까지"):
		b.WriteString(d.when + " 열리는 ")
	case d.when != "":
		b.WriteString(d.when + "에 열리는 ")
	case d.venue != "":
		b.WriteString(d.venue + "에서 열리는 ")
	}
	switch {
	case title != "" && d.genre != "":
		b.WriteString(d.genre + " 「" + title + "」")
	case title != "":
		b.WriteString("「" + title + "」")
	case b.Len() == 0:
		b.WriteString("이번 " + orDefault(d.genre, "공연"))
	default:
		b.WriteString(orDefault(d.genre, "공연"))
	}
	b.WriteString("에서 ")
	b.WriteString(particle(d.keywordPhrase(), "을", "를"))
	b.WriteString(" 만나 보세요.")
	for _, c := range closings[:d.pads] {
		b.WriteString(c)
	}
	return b.String()
}

// keywordPhrase names the first nkeys keywords: "웅장한 스케일",
// "웅장한 스케일과 서정적인 감성", "A, B와 C".
func (d draft) keywordPhrase() string {
	if d.nkeys == 0 {
		return "특별한 감동"
	}
	parts := make([]string, d.nkeys)
	for i, k := range d.keys[:d.nkeys] {
		parts[i] = koreanNames[k] + " " + keywordNouns[k]
	}
	last := len(parts) - 1
	if last == 0 {
		return parts[0]
	}
	head := strings.Join(parts[:last], ", ")
	return particle(head, "과", "와") + " " + parts[last]
}

// topKeys returns the indices of the n highest positive scores, highest
// first, ties in Keys order.
func topKeys(s keywordscore.Scores, n int) []int {
	var idx []int
	for i, v := range s {
		if v > 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return s[idx[a]] > s[idx[b]] })
	return idx[:min(n, len(idx))]
}

// dateText is "10월 23일", "10월 23일부터 25일까지" or "10월 23일부터 11월
// 2일까지"; "" without a start.
func dateText(start, end time.Time) string {
	if start.IsZero() {
		return ""
	}
	from := fmt.Sprintf("%d월 %d일", start.Month(), start.Day())
	sy, sm, sd := start.Date()
	ey, em, ed := end.Date()
	switch {
	case end.IsZero() || !end.After(start) || (sy == ey && sm == em && sd == ed):
		return from
	case sy == ey && sm == em:
		return fmt.Sprintf("%s부터 %d일까지", from, ed)
	default:
		return fmt.Sprintf("%s부터 %d월 %d일까지", from, em, ed)
	}
}

// genreWord names the kind of show from a concert.Genre or a KOPIS genre
// name; "" when unknown.
func genreWord(g string) string {
	switch g = strings.ToUpper(strings.TrimSpace(g)); {
	case g == "":
		return ""
	case g == "CLASSICAL" || strings.Contains(g, "클래식") || strings.Contains(g, "서양음악"):
		return "클래식 공연"
	case g == "DANCE" || strings.Contains(g, "무용") || strings.Contains(g, "발레"):
		return "무용 공연"
	case strings.Contains(g, "국악"):
		return "국악 공연"
	case strings.Contains(g, "오페라"):
		return "오페라 공연"
	}
	return ""
}

var (
	bracketed = regexp.MustCompile(`\s*\[[^\]]*\]`)
	hallPart  = regexp.MustCompile(`^(.*?)\s*\(([^()]*)\)$`)
)

// venueNames turns a KOPIS venue, "예술의전당 [서울] (콘서트홀)", into the
// name to show ("예술의전당 콘서트홀") and the facility alone ("예술의전당").
func venueNames(v string) (full, facility string) {
	v = strings.TrimSpace(bracketed.ReplaceAllString(cleanText(v), ""))
	full, facility = v, v
	if m := hallPart.FindStringSubmatch(v); m != nil && m[1] != "" {
		facility = m[1]
		switch hall := strings.TrimSpace(m[2]); {
		case hall == "" || strings.Contains(facility, hall):
			full = facility
		case strings.Contains(hall, facility):
			full = hall
		default:
			full = facility + " " + hall
		}
	}
	// Real venue names are short; a longer one is shown by its facility or
	// not at all, rather than cut.
	const maxVenueRunes = 30
	if runes(facility) > maxVenueRunes {
		facility = ""
	}
	if runes(full) > maxVenueRunes {
		full = facility
	}
	return full, facility
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
