package llm

import "github.com/claco/claco/internal/keywordscore"

// koreanNames are the keywords' Korean names, in keywordscore.Keys order.
var koreanNames = [keywordscore.Count]string{
	"웅장한", "섬세한",
	"고전적인", "현대적인",
	"서정적인", "역동적인",
	"낭만적인", "비극적인",
	"친숙한", "새로운",
}

// keywordNouns complete each Korean name into a phrase that fits both
// music and dance ("웅장한 스케일").
var keywordNouns = [keywordscore.Count]string{
	"스케일", "표현",
	"품격", "감각",
	"감성", "에너지",
	"분위기", "드라마",
	"레퍼토리", "발견",
}

// KoreanName returns the Korean name of a keyword key ("grand" → "웅장한"),
// or "" for an unknown key.
func KoreanName(key string) string {
	if i := keyIndex(key); i >= 0 {
		return koreanNames[i]
	}
	return ""
}

// hasFinal reports whether word ends in a Hangul syllable with a final
// consonant, which picks the particle: 과/와, 을/를, 이/가.
func hasFinal(word string) bool {
	rs := []rune(word)
	if len(rs) == 0 {
		return false
	}
	r := rs[len(rs)-1]
	return r >= 0xAC00 && r <= 0xD7A3 && (r-0xAC00)%28 != 0
}

// particle appends to word the form of a particle that fits its end:
// particle(w, "을", "를").
func particle(word, afterFinal, afterVowel string) string {
	if hasFinal(word) {
		return word + afterFinal
	}
	return word + afterVowel
}
