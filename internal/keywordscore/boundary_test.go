package keywordscore_test

import (
	"slices"
	"testing"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/keywordscore"
)

func explain(in keywordscore.Input) keywordscore.Result {
	if in.Genre == "" {
		in.Genre = concert.GenreCLASSICAL
	}
	return keywordscore.Explain(in)
}

func keyIndex(t *testing.T, key string) int {
	t.Helper()
	i := slices.Index(keywordscore.Keys[:], key)
	if i < 0 {
		t.Fatalf("no keyword %q", key)
	}
	return i
}

// evidenceFor is the evidence of key, or nil when the key has none.
func evidenceFor(t *testing.T, r keywordscore.Result, key string) []string {
	t.Helper()
	return r.Evidence[keyIndex(t, key)]
}

// wantEvidence fails unless key is scored from evidence that includes word.
func wantEvidence(t *testing.T, in keywordscore.Input, key, word string) {
	t.Helper()
	r := explain(in)
	if ev := evidenceFor(t, r, key); !slices.Contains(ev, word) {
		t.Errorf("%+v: %s evidence %q, want it to include %q (all: %v)", in, key, ev, word, evidenceMap(r))
	}
}

// A cast is a list of names: no word may be read across the comma or space
// between two names, nor inside one.
func TestNamesAreReadWhole(t *testing.T) {
	for _, in := range []keywordscore.Input{
		{Cast: "정한결, 최지웅, 장대건, 소재완 등"},
		{Cast: "최지웅 장대건"},
		{Title: "정한결 최지웅 장대건 트리오"},
		{Cast: "발레리오 갈리, 김유찬"},
		{Title: "발레리오 갈리 리사이틀"},
		{Title: "첼리스트 양성원 리사이틀"},
		{Title: "나의 버킷리스트 콘서트"},
		{Title: "김지웅장 독주회"},
		{Cast: "첼리스트 양성원, 피아니스트 엔리코 파체"},
	} {
		r := explain(in)
		if ev := evidenceFor(t, r, "grand"); len(ev) > 0 {
			t.Errorf("%+v: grand evidence %v; no name holds 웅장", in, ev)
		}
		for _, key := range []string{"classical", "lyrical", "dynamic", "romantic"} {
			for _, w := range evidenceFor(t, r, key) {
				if w == "발레" || w == "리스트" || w == "웅장" {
					t.Errorf("%+v: %s evidence %q read inside a name", in, key, w)
				}
			}
		}
	}
	// A name is not a word with a particle: "서정은" is no 서정 + 은, and in a
	// cast "강연이" is no 강연 + 이.
	for _, cast := range []string{"서정은, 강연이, 추모가", "위정열, 김시향, 이초연"} {
		if r := explain(keywordscore.Input{Cast: cast}); hasEvidence(r) {
			t.Errorf("cast %q read as %v", cast, evidenceMap(r))
		}
	}
	// The same words do count where they stand alone.
	wantEvidence(t, keywordscore.Input{Title: "서정적인 밤"}, "lyrical", "서정")
	wantEvidence(t, keywordscore.Input{Title: "웅장한 오케스트라의 밤"}, "grand", "웅장")
	wantEvidence(t, keywordscore.Input{Title: "리스트의 초절기교 연습곡"}, "dynamic", "리스트")
	wantEvidence(t, keywordscore.Input{Title: "창작발레 '봄'", Genre: concert.GenreDANCE}, "modern", "창작발레")
}

// The cast of every real record is names only: none of them may give
// evidence.
func TestRealCastsGiveNoEvidence(t *testing.T) {
	for _, r := range realRecords(t) {
		if res := explain(keywordscore.Input{Cast: r.Input.Cast}); hasEvidence(res) {
			t.Errorf("%s cast %q read as %v", r.ID, r.Input.Cast, evidenceMap(res))
		}
	}
}

// "&", "x" and "with" join performers in real titles; they do not mark a
// programme, so the order of the parts does not matter.
func TestJoinedTitleReadsAsPerformers(t *testing.T) {
	wantEvidence(t, keywordscore.Input{Title: "사이먼 래틀 경 & 바이에른 방송교향악단 (11.13)"}, "grand", "바이에른 방송교향악단")
	wantEvidence(t, keywordscore.Input{Title: "이지혜 x 김다솔: Beethoven Ⅱ"}, "classical", "Beethoven")
	wantEvidence(t, keywordscore.Input{Title: "필라델피아 오케스트라 & 마린 알솝 with 임윤찬"}, "grand", "필라델피아 오케스트라")
	for _, p := range [][2]string{
		{"라온 심포니 오케스트라 & 신년음악회 왈츠와 폴카", "신년음악회 왈츠와 폴카 & 라온 심포니 오케스트라"},
		{"욘 스토르고르스 & BBC 필하모닉", "BBC 필하모닉 & 욘 스토르고르스"},
		{"한수진 x 잉글리시 체임버 오케스트라", "잉글리시 체임버 오케스트라 x 한수진"},
	} {
		a, b := explain(keywordscore.Input{Title: p[0]}), explain(keywordscore.Input{Title: p[1]})
		if a.Scores != b.Scores {
			t.Errorf("%q scores %v but %q scores %v", p[0], a.Scores.Map(), p[1], b.Scores.Map())
		}
	}
	// A joiner is a boundary: no term is read across it ("라보엠" is).
	for _, title := range []string{"라 & 보엠", "라 x 보엠", "라 with 보엠", "라, 보엠"} {
		if r := explain(keywordscore.Input{Title: title}); hasEvidence(r) {
			t.Errorf("%q read across the joiner as %v", title, evidenceMap(r))
		}
	}
	wantEvidence(t, keywordscore.Input{Title: "라 보엠"}, "tragic", "라 보엠")
}

// Latin-script names and works are read case-insensitively, as whole words.
func TestLatinWords(t *testing.T) {
	wantEvidence(t, keywordscore.Input{Title: "Beethoven Symphony"}, "classical", "Beethoven")
	wantEvidence(t, keywordscore.Input{Title: "ALL BEETHOVEN"}, "classical", "BEETHOVEN")
	wantEvidence(t, keywordscore.Input{Title: "SIMF실내악: Serenade"}, "lyrical", "Serenade")
	wantEvidence(t, keywordscore.Input{Title: "Dvořák: From the New World"}, "familiar", "From the New World")
	wantEvidence(t, keywordscore.Input{Title: "Mahler's Titan"}, "grand", "Mahler")
	for _, title := range []string{"Ghost Stories", "Bostonians", "Galaxy Express", "Massive Attack"} {
		if r := explain(keywordscore.Input{Title: title}); hasEvidence(r) {
			t.Errorf("%q read as %v; a Latin term must be a whole word", title, evidenceMap(r))
		}
	}
}

// Orchestras by their usual short names, and any "…교향악단"/"…시향" compound.
func TestOrchestraNames(t *testing.T) {
	for title, word := range map[string]string{
		"제831회 KBS교향악단 정기연주회":    "KBS교향악단",
		"서울시향 얍 판 츠베덴의 모차르트 주피터": "서울시향",
		"경기필 마스터피스 시리즈 Ⅴ":        "경기필",
		"부천시립교향악단 제300회 정기연주회":   "부천시립교향악단",
		"대전시향 마스터즈 시리즈":          "대전시향",
		"KG필하모닉오케스트라 렉처 콘서트":     "KG필하모닉오케스트라",
		"빈 필하모닉 내한공연":            "빈 필하모닉",
	} {
		r := explain(keywordscore.Input{Title: title})
		if ev := evidenceFor(t, r, "grand"); !slices.Contains(ev, word) {
			t.Errorf("%q: grand evidence %v, want %q", title, ev, word)
		}
		if r.Scores.Top() != "grand" && r.Scores.Top() != "classical" {
			t.Errorf("%q: top %s", title, r.Scores.Top())
		}
	}
}

// A cast names ensembles as well as people.
func TestEnsembleInCast(t *testing.T) {
	wantEvidence(t, keywordscore.Input{Title: "가온 정기공연", Cast: "정명훈, KBS교향악단 등"}, "grand", "KBS교향악단")
	wantEvidence(t, keywordscore.Input{Title: "가온 정기공연", Crew: "존케이지, 도메니코 스카를라티"}, "modern", "존케이지")
}

// Ordinals, series words and dates say nothing about the music.
func TestSeriesWordsAreNotEvidence(t *testing.T) {
	for _, title := range []string{
		"제831회 정기연주회", "2025 시즌 오프닝 콘서트 (10.23)", "제18회 서울국제음악제",
		"제10회 월드비전과 함께하는 THE GIFT", "Humanity Concert Series",
	} {
		if r := explain(keywordscore.Input{Title: title}); hasEvidence(r) {
			t.Errorf("%q read as %v", title, evidenceMap(r))
		}
	}
}

func TestFilmConcertIsFamiliar(t *testing.T) {
	r := explain(keywordscore.Input{Title: "러브액츄얼리 인 콘서트"})
	if r.Scores.Top() != "familiar" {
		t.Errorf("top %s (%v), want familiar", r.Scores.Top(), r.Scores.Map())
	}
	wantEvidence(t, keywordscore.Input{Title: "러브액츄얼리 인 콘서트"}, "familiar", "러브액츄얼리")
	wantEvidence(t, keywordscore.Input{Title: "한스 짐머 영화음악 콘서트 [서울 종로]"}, "familiar", "영화음악")
	wantEvidence(t, keywordscore.Input{Title: "지브리 OST 오케스트라"}, "familiar", "OST")
}

// Particles and endings after a word do not hide it.
func TestParticlesAndEndings(t *testing.T) {
	wantEvidence(t, keywordscore.Input{Title: "차이콥스키의 낭만"}, "romantic", "차이콥스키")
	wantEvidence(t, keywordscore.Input{Title: "아르토 노라스와 김규연 리사이틀"}, "delicate", "리사이틀")
	wantEvidence(t, keywordscore.Input{Title: "낭만주의 거장"}, "romantic", "낭만주의")
	wantEvidence(t, keywordscore.Input{Title: "한국예술가곡의 향연"}, "lyrical", "한국예술가곡")
	wantEvidence(t, keywordscore.Input{Title: "베토벤교향곡 전곡"}, "classical", "베토벤")
}

// A requiem is tragic, and Explain says so with the word itself.
func TestRequiemEvidence(t *testing.T) {
	r := explain(keywordscore.Input{Title: "서울시향 얍 판 츠베덴의 모차르트: 레퀴엠 ①"})
	if r.Scores.Top() != "tragic" {
		t.Errorf("top %s (%v), want tragic", r.Scores.Top(), r.Scores.Map())
	}
	if ev := evidenceFor(t, r, "tragic"); !slices.Contains(ev, "레퀴엠") {
		t.Errorf("tragic evidence %v, want 레퀴엠", ev)
	}
	// Fauré's requiem is the exception a composer's name makes.
	if r := explain(keywordscore.Input{Title: "포레의 레퀴엠"}); r.Scores.Top() != "lyrical" {
		t.Errorf("Fauré requiem: top %s (%v), want lyrical", r.Scores.Top(), r.Scores.Map())
	}
}

// Evidence and scores agree: a keyword with evidence scores above every
// genre default, and a pair without evidence keeps its default.
func TestEvidenceMatchesScores(t *testing.T) {
	var inputs []keywordscore.Input
	for _, f := range fixtures(t) {
		inputs = append(inputs, f.Input)
	}
	for _, r := range realRecords(t) {
		inputs = append(inputs, r.Input)
	}
	sawBoth := [2]bool{}
	for _, in := range inputs {
		r := keywordscore.Explain(in)
		if r.Scores != keywordscore.Score(in) {
			t.Fatalf("%q: Explain and Score differ", in.Title)
		}
		for a := 0; a < keywordscore.Count; a += 2 {
			pairEvidence := len(r.Evidence[a]) + len(r.Evidence[a+1])
			for _, k := range []int{a, a + 1} {
				switch {
				case len(r.Evidence[k]) > 0 && r.Scores[k] <= 0.3:
					t.Errorf("%q: %s has evidence %v but score %v", in.Title, keywordscore.Keys[k], r.Evidence[k], r.Scores[k])
				case pairEvidence == 0 && r.Scores[k] > 0.3:
					t.Errorf("%q: %s scores %v without evidence", in.Title, keywordscore.Keys[k], r.Scores[k])
				}
			}
			sawBoth[min(pairEvidence, 1)] = true
		}
	}
	if !sawBoth[0] || !sawBoth[1] {
		t.Fatalf("inputs cover evidence %v / no evidence %v; want both", sawBoth[1], sawBoth[0])
	}
}

// Extra text (e.g. OCR of intro images) counts, but less than the title.
func TestExtraText(t *testing.T) {
	extra := explain(keywordscore.Input{Title: "가온 정기공연", Extra: "PROGRAM 바흐 무반주 첼로 모음곡 제1번"})
	title := explain(keywordscore.Input{Title: "가온 정기공연 <바흐 무반주 첼로 모음곡 제1번>"})
	d := keyIndex(t, "delicate")
	if extra.Scores[d] <= 0.3 || extra.Scores[d] >= title.Scores[d] {
		t.Errorf("delicate from extra text %v, from the title %v; want 0.3 < extra < title", extra.Scores[d], title.Scores[d])
	}
}

// A hall's size is a hint, read from the venue only.
func TestVenue(t *testing.T) {
	wantEvidence(t, keywordscore.Input{Title: "가온 정기공연", Venue: "예술의전당 [서울] (IBK챔버홀)"}, "delicate", "IBK챔버홀")
	if r := explain(keywordscore.Input{Title: "가온 정기공연", Venue: "가온 오케스트라 홀"}); hasEvidence(r) {
		t.Errorf("a venue's name read as an ensemble: %v", evidenceMap(r))
	}
}
