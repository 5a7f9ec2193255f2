package importer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/enrich/llm"
	"github.com/claco/claco/internal/enrich/ocr"
	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/kopis"
	"github.com/claco/claco/internal/testdb"
)

// record is a plain concert whose text says nothing of its character.
func record(id string, intro ...string) importer.Record {
	return importer.Record{Detail: &kopis.Detail{
		ID: id, Title: "가을 음악회", From: "2026.12.01", To: "2026.12.02",
		Venue: "예술의전당 콘서트홀", GenreName: "서양음악(클래식)", IntroImages: intro,
	}}
}

// keywordsOf returns the stored keyword keys of a concert with their scores.
func keywordsOf(t *testing.T, db *ent.Client, kopisID string) map[string]float64 {
	t.Helper()
	ctx := context.Background()
	c := db.Concert.Query().Where(concert.KopisID(kopisID)).WithKeywordScores().OnlyX(ctx)
	out := map[string]float64{}
	for _, s := range c.Edges.KeywordScores {
		out[db.Keyword.GetX(ctx, s.KeywordID).Key] = s.Score
	}
	return out
}

// fakeLLM answers chat completions with content, or blocks when content is "".
func fakeLLM(t *testing.T, content string) *llm.Client {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if content == "" {
			<-release
			return
		}
		body, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop",
		}}})
		_, _ = w.Write(body)
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	c, err := llm.New(llm.Config{URL: srv.URL + "/v1", Key: "k", Model: "m", Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const goodAnswer = `{"keywords":{"delicate":0.9,"classical":0.7,"lyrical":0.8,"tragic":0.6,"familiar":0.5},` +
	`"summary":"예술의전당 콘서트홀에서 만나는 가을 음악회, 섬세하고 서정적인 선율이 깊어가는 가을밤을 따뜻하게 채워 줄 거예요."}`

func TestLLMAnswerIsUsedAndAnythingElseFallsBack(t *testing.T) {
	cases := map[string]struct {
		content string
		used    bool
	}{
		"good answer":    {goodAnswer, true},
		"garbage":        {"I think this concert is lovely!", false},
		"wrong keywords": {`{"keywords":{"loud":0.9,"classical":0.7,"lyrical":0.8,"tragic":0.6,"familiar":0.5},"summary":"` + strings.Repeat("가", 60) + `"}`, false},
		"timeout":        {"", false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			db := testdb.Open(t)
			im := &importer.Importer{DB: db.Client, Now: func() time.Time { return firstRun }}
			plain := &importer.Importer{DB: testdb.Open(t).Client, Now: func() time.Time { return firstRun }}
			if _, err := plain.ImportRecord(context.Background(), record("PF900001")); err != nil {
				t.Fatal(err)
			}
			scorer := keywordsOf(t, plain.DB, "PF900001")
			im.Enricher = &importer.Enrichment{LLM: fakeLLM(t, c.content)}
			if _, err := im.ImportRecord(context.Background(), record("PF900001")); err != nil {
				t.Fatal(err)
			}
			got := keywordsOf(t, db.Client, "PF900001")
			want := scorer
			if c.used {
				want = map[string]float64{"delicate": 0.9, "classical": 0.7, "lyrical": 0.8, "tragic": 0.6, "familiar": 0.5}
			}
			if len(got) != len(want) {
				t.Fatalf("keywords %v, want %v", got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Fatalf("keywords %v, want %v", got, want)
				}
			}
			summary := db.Concert.Query().Where(concert.KopisID("PF900001")).OnlyX(context.Background()).Summary
			if summary == nil || strings.Contains(*summary, "따뜻하게") != c.used {
				t.Fatalf("summary %v (LLM's used: %v)", summary, c.used)
			}
		})
	}
}

// An intro image naming a requiem turns the romantic/tragic pair to tragic;
// a re-run reads the image from the cache, with no OCR.
func TestIntroImageTextMovesTheKeywords(t *testing.T) {
	magick, font := imageMagick(), koreanFont()
	if magick == "" || font == "" || !ocr.Available(context.Background(), "tesseract") {
		if os.Getenv("CI") != "" {
			t.Fatal("CI installs tesseract-ocr-kor, ImageMagick and a Korean font (.ci/run)")
		}
		t.Skip("needs tesseract with Korean, ImageMagick and a Korean font; runs (and must pass) under CI, which installs them")
	}
	image := filepath.Join(t.TempDir(), "intro.png")
	cmd := exec.Command(magick, "-background", "white", "-fill", "black", "-font", font, "-pointsize", "64",
		"label:모차르트 레퀴엠", "-bordercolor", "white", "-border", "40", image)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("render: %v\n%s", err, out)
	}
	png, err := os.ReadFile(image)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	fetched := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetched++
		mu.Unlock()
		_, _ = w.Write(png)
	}))
	defer srv.Close()
	host, _ := url.Parse(srv.URL)
	cache, err := ocr.NewDirCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	reader, err := ocr.New(ocr.Options{AllowedHosts: []string{host.Host}, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	db := testdb.Open(t)
	im := &importer.Importer{DB: db.Client, Now: func() time.Time { return firstRun }, Enricher: &importer.Enrichment{OCR: reader}}
	ctx := context.Background()
	if _, err := im.ImportRecord(ctx, record("PF900002", srv.URL+"/upload/intro.png")); err != nil {
		t.Fatal(err)
	}
	plain := &importer.Importer{DB: testdb.Open(t).Client, Now: func() time.Time { return firstRun }}
	if _, err := plain.ImportRecord(ctx, record("PF900002", srv.URL+"/upload/intro.png")); err != nil {
		t.Fatal(err)
	}
	if got := keywordsOf(t, plain.DB, "PF900002"); got["tragic"] != 0 {
		t.Fatalf("without OCR the text already reads tragic: %v", got)
	}
	if got := keywordsOf(t, db.Client, "PF900002"); got["tragic"] == 0 {
		t.Fatalf("keywords after reading the intro image: %v, want tragic", got)
	}
	runs := reader.Stats().OCRRuns
	if _, err := im.ImportRecord(ctx, record("PF900002", srv.URL+"/upload/intro.png")); err != nil {
		t.Fatal(err)
	}
	if st := reader.Stats(); st.OCRRuns != runs || st.CacheHits == 0 {
		t.Fatalf("re-run: %+v, want no new OCR and a cache hit", st)
	}
}

// imageMagick returns the command of a real ImageMagick, or "".
func imageMagick() string {
	for _, name := range []string{"magick", "convert"} {
		if out, err := exec.Command(name, "-version").CombinedOutput(); err == nil && bytes.Contains(out, []byte("ImageMagick")) {
			return name
		}
	}
	return ""
}

// koreanFont returns an installed font with Hangul, or "".
func koreanFont() string {
	for _, f := range []string{"/usr/share/fonts/truetype/nanum/NanumGothic.ttf"} {
		if _, err := os.Stat(f); err == nil {
			return f
		}
	}
	out, _ := exec.Command("fc-list", ":lang=ko", "file").Output()
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.TrimSuffix(strings.TrimSpace(line), ":"); strings.HasSuffix(f, ".ttf") {
			return f
		}
	}
	return ""
}
