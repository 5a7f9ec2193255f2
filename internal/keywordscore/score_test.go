package keywordscore_test

import (
	"io/fs"
	"sort"
	"testing"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/demo"
	"github.com/claco/claco/internal/keywordscore"
	"github.com/claco/claco/internal/kopis"
	"github.com/claco/claco/internal/reference"
)

// fixture is one demo concert: its manifest mood and its detail's text.
type fixture struct {
	ID    string
	Mood  string
	Input keywordscore.Input
}

func fixtures(t testing.TB) []fixture {
	t.Helper()
	manifest, err := demo.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	for _, m := range manifest {
		raw, err := fs.ReadFile(demo.FS, "kopis/detail/"+m.ID+".xml")
		if err != nil {
			t.Fatal(err)
		}
		d, err := kopis.ParseDetail(raw)
		if err != nil {
			t.Fatal(err)
		}
		genre, ok := kopis.GenreOfName(d.GenreName)
		if !ok {
			t.Fatalf("%s: genre %q", m.ID, d.GenreName)
		}
		out = append(out, fixture{ID: m.ID, Mood: m.Mood, Input: keywordscore.Input{
			Title: d.Title, Synopsis: d.Synopsis, Cast: d.Cast, Genre: genre,
		}})
	}
	if len(out) != 150 {
		t.Fatalf("%d fixtures, want 150", len(out))
	}
	return out
}

// The manifest gives each demo concert's mood: the keyword a sensible reader
// of its program scores highest.
func TestTopKeywordIsManifestMood(t *testing.T) {
	for _, f := range fixtures(t) {
		t.Run(f.ID, func(t *testing.T) {
			s := keywordscore.Score(f.Input)
			if got := s.Top(); got != f.Mood {
				t.Errorf("%q: top keyword %s, want %s; scores %v", f.Input.Title, got, f.Mood, s.Map())
			}
		})
	}
}

// Every demo concert's mood wins clearly, not by a rounding error: a small
// change of weights must not flip it.
func TestMoodWinsByAMargin(t *testing.T) {
	for _, f := range fixtures(t) {
		s := keywordscore.Score(f.Input)
		v := append([]float64(nil), s[:]...)
		sort.Float64s(v)
		if margin := v[len(v)-1] - v[len(v)-2]; margin < 0.05 {
			t.Errorf("%s %q: top score ahead by only %.3f (%v)", f.ID, f.Input.Title, margin, s.Map())
		}
	}
}

func checkInvariants(t *testing.T, in keywordscore.Input, s keywordscore.Scores) {
	t.Helper()
	for a := 0; a < keywordscore.Count; a += 2 {
		x, y := s[a], s[a+1]
		if (x == 0) == (y == 0) {
			t.Fatalf("%q: pair %s/%s scored %v/%v; want exactly one non-zero", in.Title, keywordscore.Keys[a], keywordscore.Keys[a+1], x, y)
		}
		if v := x + y; v < 0.1 || v > 1.0 {
			t.Fatalf("%q: %s/%s score %v outside 0.1..1.0", in.Title, keywordscore.Keys[a], keywordscore.Keys[a+1], v)
		}
	}
}

func TestOneKeywordPerPairInRange(t *testing.T) {
	inputs := []keywordscore.Input{
		{},
		{Genre: concert.GenreDANCE},
		{Title: "   ", Synopsis: " ", Genre: concert.GenreCLASSICAL},
		{Title: "웅장 섬세 고전 현대 서정 역동 낭만 비극 익숙 새로운", Genre: concert.GenreCLASSICAL},
		{Title: "<비창> <비창> <비창> 비극 슬픔 추모 애도 레퀴엠", Synopsis: "비창 비극 슬픔 추모 애도", Cast: "비극"},
		{Title: "&", Genre: concert.GenreDANCE},
		{Title: "<<>>", Genre: concert.GenreDANCE},
		{Title: "미완성 <제목", Genre: concert.GenreCLASSICAL},
	}
	for _, f := range fixtures(t) {
		inputs = append(inputs, f.Input)
	}
	for _, in := range inputs {
		checkInvariants(t, in, keywordscore.Score(in))
	}
}

func TestNoEvidenceGivesLowGenreDefaults(t *testing.T) {
	for _, g := range []concert.Genre{concert.GenreCLASSICAL, concert.GenreDANCE} {
		s := keywordscore.Score(keywordscore.Input{Title: "가온 정기공연", Genre: g})
		for i, v := range s {
			if v > 0.3 {
				t.Errorf("%s without evidence: %s = %v, want ≤ 0.3", g, keywordscore.Keys[i], v)
			}
		}
	}
	classical := keywordscore.Score(keywordscore.Input{Genre: concert.GenreCLASSICAL}).Map()
	dance := keywordscore.Score(keywordscore.Input{Genre: concert.GenreDANCE}).Map()
	if classical["classical"] == 0 || dance["dynamic"] == 0 {
		t.Errorf("genre defaults: classical %v, dance %v", classical, dance)
	}
}

func TestProgramOutweighsSynopsisStockPhrase(t *testing.T) {
	in := keywordscore.Input{
		Title:    "다솜 필하모닉 오케스트라 정기연주회 <바흐 무반주 첼로 모음곡>",
		Synopsis: "바흐 무반주 첼로 모음곡 프로그램으로 꾸민 무대. 웅장한 오케스트라의 매력을 전합니다.",
		Genre:    concert.GenreCLASSICAL,
	}
	s := keywordscore.Score(in).Map()
	if s["delicate"] == 0 || s["grand"] != 0 {
		t.Fatalf("a solo cello program in an orchestra's series reads as %v; want delicate over grand", s)
	}
	// The same stock phrase does decide a pair the program says nothing about.
	bare := keywordscore.Score(keywordscore.Input{Title: "가온 정기공연", Synopsis: "섬세한 실내악의 매력을 전합니다.", Genre: concert.GenreCLASSICAL}).Map()
	if bare["delicate"] <= 0.3 {
		t.Fatalf("synopsis-only evidence ignored: %v", bare)
	}
}

func TestUnmarkedTitleIsTheProgram(t *testing.T) {
	s := keywordscore.Score(keywordscore.Input{Title: "차이콥스키 교향곡 제6번 비창", Genre: concert.GenreCLASSICAL})
	if s.Top() != "tragic" {
		t.Fatalf("title without <…> or &: top %s, want tragic (%v)", s.Top(), s.Map())
	}
}

func TestSpacingAndPunctuationDoNotMatter(t *testing.T) {
	a := keywordscore.Score(keywordscore.Input{Title: "<백조의 호수>", Genre: concert.GenreDANCE})
	b := keywordscore.Score(keywordscore.Input{Title: "<백조의호수!>", Genre: concert.GenreDANCE})
	if a != b || a.Top() != "lyrical" {
		t.Fatalf("%v vs %v", a.Map(), b.Map())
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range fixtures(t) {
		if a, b := keywordscore.Score(f.Input), keywordscore.Score(f.Input); a != b {
			t.Fatalf("%s: %v then %v", f.ID, a, b)
		}
	}
}

func TestKeysFollowReferenceData(t *testing.T) {
	list := reference.Static.Keywords.List
	if len(list) != keywordscore.Count {
		t.Fatalf("reference has %d keywords, scorer %d", len(list), keywordscore.Count)
	}
	for i, k := range list {
		if keywordscore.Keys[i] != k.Key {
			t.Errorf("keyword %d: scorer %q, reference %q", i, keywordscore.Keys[i], k.Key)
		}
		if k.Pair != i/2+1 {
			t.Errorf("keyword %s: reference pair %d, scorer pairs it as %d", k.Key, k.Pair, i/2+1)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	fs := fixtures(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		keywordscore.Score(fs[i%len(fs)].Input)
	}
}
