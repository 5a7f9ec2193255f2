package ocr

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"모차르트  레퀴엠\td단조 K.626\n\n\f":                  "모차르트 레퀴엠 d단조 K.626",
		"1부                2부\r\n슈베르트 즉흥곡     쇼팽 발라드": "1부\n2부\n슈베르트 즉흥곡\n쇼팽 발라드",
		" | \n=\n— ——\n지휘 정명훈 |":                      "지휘 정명훈 |",
		"ab\xffc":                                     "abc",
		"":                                            "",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTruncate(t *testing.T) {
	if got := truncate("짧다", 100); got != "짧다" {
		t.Errorf("short text changed: %q", got)
	}
	lines := "첫째 줄입니다\n둘째 줄입니다\n셋째 줄입니다"
	if got := truncate(lines, 50); got != "첫째 줄입니다\n둘째 줄입니다" {
		t.Errorf("truncate at a line = %q", got)
	}
	long := strings.Repeat("레퀴엠", 10)
	for max := range 31 {
		got := truncate(long, max)
		if len(got) > max || !utf8.ValidString(got) || !strings.HasPrefix(long, got) || max-len(got) > 2 {
			t.Errorf("truncate(%d) = %q", max, got)
		}
	}
}
