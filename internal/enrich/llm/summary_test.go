package llm

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claco/claco/internal/keywordscore"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// scoresOf builds scores from key=value pairs.
func scoresOf(t *testing.T, kv map[string]float64) keywordscore.Scores {
	t.Helper()
	var s keywordscore.Scores
	for k, v := range kv {
		i := keyIndex(k)
		if i < 0 {
			t.Fatalf("no keyword %q", k)
		}
		s[i] = v
	}
	return s
}

func checkLength(t *testing.T, s string) {
	t.Helper()
	if n := utf8.RuneCountInString(s); n < MinSummaryRunes || n > MaxSummaryRunes {
		t.Errorf("summary has %d runes, want %d..%d: %q", n, MinSummaryRunes, MaxSummaryRunes, s)
	}
	if !utf8.ValidString(s) {
		t.Errorf("summary is not valid UTF-8: %q", s)
	}
}

func TestComposeSummary(t *testing.T) {
	requiem := map[string]float64{"grand": 0.9, "classical": 0.8, "lyrical": 0.3, "tragic": 1.0, "familiar": 0.6}
	long := strings.Repeat("아주 긴 제목의 특별한 갈라 콘서트 ", 12)
	for _, tc := range []struct {
		name   string
		f      Facts
		scores map[string]float64
		top    string
	}{
		{"real", Facts{Title: "서울시향 얍 판 츠베덴의 모차르트: 레퀴엠 ①", Venue: "롯데콘서트홀 (롯데콘서트홀)", Genre: "서양음악(클래식)", Start: day("2025-10-23"), End: day("2025-10-24")}, requiem, "tragic"},
		{"short title", Facts{Title: "봄"}, map[string]float64{"delicate": 0.4, "lyrical": 0.7}, "lyrical"},
		{"nothing", Facts{}, nil, ""},
		{"very long title", Facts{Title: long, Venue: "예술의전당 [서울] (콘서트홀)", Genre: "CLASSICAL", Start: day("2025-12-30"), End: day("2026-01-02")}, requiem, "tragic"},
		{"long unspaced title", Facts{Title: strings.Repeat("가나다라마바사", 30), Venue: "세종문화회관 (세종체임버홀)", Genre: "DANCE", Start: day("2025-11-01"), End: day("2025-11-30")}, map[string]float64{"modern": 0.9, "novel": 0.7}, "modern"},
		{"long venue", Facts{Title: "발레 갈라", Venue: strings.Repeat("아주아주 긴 공연장 이름 ", 20), Start: day("2025-11-01")}, map[string]float64{"dynamic": 0.5}, "dynamic"},
		{"long everything", Facts{Title: long, Venue: strings.Repeat("공연장", 50), Genre: "무용(서양/한국무용)", Start: day("2025-11-01"), End: day("2026-02-28")}, requiem, "tragic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			scores := scoresOf(t, tc.scores)
			s := ComposeSummary(tc.f, scores)
			t.Logf("%d %s", utf8.RuneCountInString(s), s)
			checkLength(t, s)
			if tc.top != "" && !strings.Contains(s, KoreanName(tc.top)) {
				t.Errorf("summary %q lacks the top keyword %s", s, KoreanName(tc.top))
			}
			if again := ComposeSummary(tc.f, scores); again != s {
				t.Errorf("not deterministic: %q then %q", s, again)
			}
		})
	}
}

// The summary names the venue and dates of a real record in full, and cuts
// a long title only at a space.
func TestComposeSummaryContent(t *testing.T) {
	f := Facts{Title: "제268회 국립심포니오케스트라 정기연주회: 멘델스존, 교향곡 3번 스코틀랜드", Venue: "예술의전당 [서울] (콘서트홀)", Genre: "CLASSICAL", Start: day("2025-10-23"), End: day("2025-10-25")}
	s := ComposeSummary(f, scoresOf(t, map[string]float64{"grand": 0.9, "classical": 0.8, "lyrical": 0.3, "romantic": 0.5, "familiar": 0.4}))
	t.Log(s)
	checkLength(t, s)
	for _, want := range []string{"10월 23일부터 25일까지", "예술의전당 콘서트홀", "웅장한", "「제268회 국립심포니오케스트라"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q lacks %q", s, want)
		}
	}
	if strings.Contains(s, "[서울]") {
		t.Errorf("%q keeps the region tag", s)
	}
	long := Facts{Title: strings.Repeat("베토벤 교향곡 전곡 연주 ", 10), Venue: "예술의전당 [서울] (콘서트홀)", Start: day("2025-10-23")}
	s = ComposeSummary(long, scoresOf(t, map[string]float64{"classical": 1}))
	t.Log(s)
	checkLength(t, s)
	_, shown, _ := strings.Cut(s, "「")
	shown, _, _ = strings.Cut(shown, "」")
	kept, cut := strings.CutSuffix(shown, ellipsis)
	if !cut || !strings.HasPrefix(long.Title, kept+" ") {
		t.Errorf("%q: title not cut after a whole word", s)
	}
}

// Every combination of field lengths and keyword counts stays in range.
func TestComposeSummaryAlwaysFits(t *testing.T) {
	lengths := []int{0, 1, 5, 15, 30, 60, 120, 400}
	text := func(n int, spaced bool) string {
		unit := "가나다라 "
		if !spaced {
			unit = "가나다라마"
		}
		return string([]rune(strings.Repeat(unit, n/5+1))[:n])
	}
	var scores []keywordscore.Scores
	for n := 0; n <= 5; n++ {
		var s keywordscore.Scores
		for p := 0; p < n; p++ {
			s[2*p+p%2] = 0.1 + 0.15*float64(p)
		}
		scores = append(scores, s)
	}
	for _, tl := range lengths {
		for _, vl := range lengths {
			for _, spaced := range []bool{true, false} {
				for _, dates := range [][2]time.Time{{}, {day("2025-01-01"), {}}, {day("2025-12-01"), day("2026-01-31")}} {
					for _, genre := range []string{"", "CLASSICAL", "기타"} {
						for _, sc := range scores {
							f := Facts{Title: text(tl, spaced), Venue: text(vl, spaced), Genre: genre, Start: dates[0], End: dates[1]}
							s := ComposeSummary(f, sc)
							checkLength(t, s)
							if top := sc.Top(); sc[keyIndex(top)] > 0 && !strings.Contains(s, KoreanName(top)) {
								t.Fatalf("%q lacks the top keyword %s", s, KoreanName(top))
							}
						}
					}
				}
			}
		}
	}
}

func TestTruncateWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"짧은 제목", 10, "짧은 제목"},
		{"베토벤 교향곡 전곡 연주", 10, "베토벤 교향곡…"},
		{"가나다라마바사아자차", 5, "가나다라…"},
		{"Max Richter: Recomposed", 12, "Max Richter…"},
		{"a", 0, ""},
	} {
		if got := truncateWords(tc.in, tc.n); got != tc.want {
			t.Errorf("truncateWords(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestParticles(t *testing.T) {
	for _, tc := range []struct{ word, want string }{
		{"웅장한 스케일", "웅장한 스케일을"},
		{"낭만적인 분위기", "낭만적인 분위기를"},
		{"새로운 발견", "새로운 발견을"},
	} {
		if got := particle(tc.word, "을", "를"); got != tc.want {
			t.Errorf("particle(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if KoreanName("grand") != "웅장한" || KoreanName("novel") != "새로운" || KoreanName("nope") != "" {
		t.Error("KoreanName")
	}
}
