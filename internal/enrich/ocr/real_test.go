package ocr

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// ciPackages are the Debian packages the real-tool test needs.
const ciPackages = "tesseract-ocr tesseract-ocr-kor imagemagick fonts-nanum"

// needTool skips the test when a tool is missing, or fails it under CI,
// which installs them.
func needTool(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s; CI must install them: apt-get install -y %s", why, ciPackages)
	}
	t.Skipf("%s (apt-get install -y %s); under CI this fails", why, ciPackages)
}

// imageMagick returns the command of a real ImageMagick, or "".
func imageMagick() string {
	for _, name := range []string{"magick", "convert"} {
		out, err := exec.Command(name, "-version").CombinedOutput()
		if err == nil && bytes.Contains(out, []byte("ImageMagick")) {
			return name
		}
	}
	return ""
}

// koreanFont returns the file of an installed font with Hangul, preferring
// a plain sans (Nanum Gothic), or "".
func koreanFont() string {
	var files []string
	if out, err := exec.Command("fc-list", ":lang=ko", "file").Output(); err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			f := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line), ":"))
			switch strings.ToLower(filepath.Ext(f)) {
			case ".ttf", ".otf", ".ttc":
				files = append(files, f)
			}
		}
	}
	files = append(files, "/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
	slices.SortStableFunc(files, func(a, b string) int {
		return boolRank(strings.HasSuffix(a, "/NanumGothic.ttf")) - boolRank(strings.HasSuffix(b, "/NanumGothic.ttf"))
	})
	for _, f := range files {
		if _, err := os.Stat(f); err == nil {
			return f
		}
	}
	return ""
}

func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}

// render draws text in black on white, large, with a margin, into a file
// of the type its name ends in.
func render(t *testing.T, magick, font, text, name string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	cmd := exec.Command(magick, "-background", "white", "-fill", "black", "-font", font,
		"-pointsize", "56", "label:"+text, "-bordercolor", "white", "-border", "40", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", magick, err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestRealTesseract renders Korean programme lines with ImageMagick, serves
// them over HTTP and reads them with the installed tesseract.
func TestRealTesseract(t *testing.T) {
	ctx := context.Background()
	if !Available(ctx, "") {
		why := "tesseract is not installed"
		if langs, err := InstalledLanguages(ctx, ""); err == nil {
			why = "tesseract has no Korean data (kor); it has " + strings.Join(langs, " ")
		}
		needTool(t, why)
	}
	magick := imageMagick()
	if magick == "" {
		needTool(t, "ImageMagick is not installed")
	}
	font := koreanFont()
	if font == "" {
		needTool(t, "no font with Hangul is installed")
	}

	files := map[string][]byte{
		"/requiem.png": render(t, magick, font, "모차르트 레퀴엠 d단조 K.626", "requiem.png"),
		"/brahms.jpg":  render(t, magick, font, "브람스 교향곡 제4번", "brahms.jpg"),
		"/swan.webp":   render(t, magick, font, "차이콥스키 백조의 호수", "swan.webp"),
	}
	s := imageServer(t, files)
	r, cache := newReader(t, s, "", nil)
	urls := []string{s.URL + "/requiem.png", s.URL + "/brahms.jpg", s.URL + "/swan.webp"}

	start := time.Now()
	text, err := r.Text(ctx, urls)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read %d images in %v:\n%s", len(urls), time.Since(start).Round(time.Millisecond), text)
	for _, want := range []string{"레퀴엠", "교향곡", "백조의호수"} {
		if !strings.Contains(squash(text), want) {
			t.Errorf("text lacks %q", want)
		}
	}
	wantStats(t, r, Stats{OCRRuns: 3})

	// A second call, and a re-run with a new Reader over the same cache,
	// read everything from the cache.
	again, err := r.Text(ctx, urls)
	if err != nil || again != text {
		t.Errorf("second Text = %q, %v; want the first", again, err)
	}
	wantStats(t, r, Stats{OCRRuns: 3, CacheHits: 3})
	r2, err := New(Options{AllowedHosts: []string{hostOf(t, s)}, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if third, err := r2.Text(ctx, urls); err != nil || third != text {
		t.Errorf("re-run Text = %q, %v; want the first", third, err)
	}
	wantStats(t, r2, Stats{CacheHits: 3})
}
