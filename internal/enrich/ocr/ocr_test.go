package ocr

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These tests use a stand-in tesseract (a shell script the test writes), so
// they run everywhere; real_test.go runs the real one.

func TestTextReadsEachImageOnceAndCaches(t *testing.T) {
	a, b := noisePNG(t, 40, 40, 1), noisePNG(t, 50, 50, 2)
	s := imageServer(t, map[string][]byte{"/a.png": a, "/b.png": b})
	tess, runsFile := fakeTesseract(t, "eng kor", "")
	r, cache := newReader(t, s, tess, nil)
	ctx := context.Background()
	urls := []string{s.URL + "/a.png", " ", s.URL + "/b.png", s.URL + "/a.png"}

	text, err := r.Text(ctx, urls)
	if err != nil {
		t.Fatal(err)
	}
	want := "모차르트 레퀴엠 " + strconv.Itoa(len(a)) + "\n지휘 정명훈\n\n모차르트 레퀴엠 " + strconv.Itoa(len(b)) + "\n지휘 정명훈"
	if text != want {
		t.Errorf("Text = %q, want %q", text, want)
	}
	wantStats(t, r, Stats{OCRRuns: 2})
	if n := runs(t, runsFile); n != 2 {
		t.Errorf("tesseract ran %d times, want 2", n)
	}

	again, err := r.Text(ctx, urls)
	if err != nil || again != text {
		t.Errorf("second Text = %q, %v; want the first", again, err)
	}
	wantStats(t, r, Stats{OCRRuns: 2, CacheHits: 2})

	// A re-run of the importer: a new Reader over the same cache, the
	// image server gone.
	s.Close()
	r2, err := New(Options{AllowedHosts: []string{hostOf(t, s)}, Cache: cache, Tesseract: tess})
	if err != nil {
		t.Fatal(err)
	}
	third, err := r2.Text(ctx, []string{s.URL + "/a.png#frag", s.URL + "/b.png"})
	if err != nil || third != text {
		t.Errorf("re-run Text = %q, %v; want the first", third, err)
	}
	wantStats(t, r2, Stats{CacheHits: 2})
	if n := runs(t, runsFile); n != 2 {
		t.Errorf("tesseract ran %d times in all, want 2", n)
	}
	if got, _ := r2.Text(ctx, nil); got != "" {
		t.Errorf("Text(nil) = %q", got)
	}
}

func TestTesseractArguments(t *testing.T) {
	s := imageServer(t, map[string][]byte{"/a.png": noisePNG(t, 8, 8, 1)})
	tess, runsFile := fakeTesseract(t, "kor", "")
	r, _ := newReader(t, s, tess, func(o *Options) { o.Languages = "kor" })
	if _, err := r.ImageText(context.Background(), s.URL+"/a.png"); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(runsFile)
	if got, want := strings.TrimSpace(string(data)), "stdin stdout -l kor --psm 6"; got != want {
		t.Errorf("tesseract arguments %q, want %q", got, want)
	}
}

func TestAcceptedTypes(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	var j, g bytes.Buffer
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&g, img, nil); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"/p": noisePNG(t, 8, 8, 1), "/j": j.Bytes(), "/g": g.Bytes(),
		"/w": webpVP8L(8, 8), // header only: the stand-in tesseract decodes nothing
	}
	s := imageServer(t, files)
	tess, _ := fakeTesseract(t, "kor", "")
	r, _ := newReader(t, s, tess, nil)
	for path := range files {
		if _, err := r.ImageText(context.Background(), s.URL+path); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	wantStats(t, r, Stats{OCRRuns: 4})
}

func TestTextBounds(t *testing.T) {
	files := map[string][]byte{}
	var urls []string
	for i := range 8 {
		p := "/" + strconv.Itoa(i) + ".png"
		files[p] = noisePNG(t, 8+i, 8, uint64(i))
	}
	s := imageServer(t, files)
	for i := range 8 {
		urls = append(urls, s.URL+"/"+strconv.Itoa(i)+".png")
	}
	tess, _ := fakeTesseract(t, "kor", "")

	r, _ := newReader(t, s, tess, nil)
	text, err := r.Text(context.Background(), urls)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(text, "레퀴엠"); n != DefaultMaxImages {
		t.Errorf("read %d images, want %d: %q", n, DefaultMaxImages, text)
	}
	wantStats(t, r, Stats{OCRRuns: DefaultMaxImages})

	// Text stops once it has MaxText bytes, and cuts there.
	r, _ = newReader(t, s, tess, func(o *Options) { o.MaxText = 40 })
	text, err = r.Text(context.Background(), urls)
	if err != nil {
		t.Fatal(err)
	}
	if len(text) > 40 || !strings.HasPrefix(text, "모차르트 레퀴엠") {
		t.Errorf("Text with MaxText 40 = %q (%d bytes)", text, len(text))
	}
	wantStats(t, r, Stats{OCRRuns: 1}) // the first image's 44 bytes fill it

	// The whole text is bounded by default too.
	long := `i=0; while [ $i -lt 400 ]; do echo "브람스 교향곡 제4번 e단조 작품 98 $i"; i=$((i+1)); done`
	tess, _ = fakeTesseract(t, "kor", long)
	r, _ = newReader(t, s, tess, nil)
	text, _ = r.Text(context.Background(), urls)
	if len(text) > DefaultMaxText || len(text) < DefaultMaxText/2 || strings.HasSuffix(text, "\n") {
		t.Errorf("long Text is %d bytes, want at most %d, cut at a line", len(text), DefaultMaxText)
	}
	wantStats(t, r, Stats{OCRRuns: 1}) // one image filled it
}

func TestRefused(t *testing.T) {
	other := imageServer(t, map[string][]byte{"/a.png": noisePNG(t, 8, 8, 1)})
	big := noisePNG(t, 64, 64, 3)
	var s *httptest.Server
	s = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/elsewhere":
			http.Redirect(w, r, other.URL+"/a.png", http.StatusFound)
		case "/html":
			w.Header().Set("Content-Type", "image/png") // sniffing decides
			w.Write([]byte("<!doctype html><html><body>not an image</body></html>"))
		case "/svg":
			w.Header().Set("Content-Type", "image/svg+xml")
			w.Write([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><text>모차르트</text></svg>`))
		case "/big":
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			w.Write(big)
		case "/big-chunked":
			w.(http.Flusher).Flush() // no Content-Length
			w.Write(big)
		case "/broken":
			w.Write(pngHeader(100, 100)[:20]) // PNG signature, truncated header
		case "/bomb":
			w.Write(pngHeader(20000, 20000))
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		}
	}))
	defer s.Close()
	tess, runsFile := fakeTesseract(t, "kor", "")

	for _, tc := range []struct{ name, url string }{
		{"host not allowed", other.URL + "/a.png"},
		{"redirect to another host", s.URL + "/elsewhere"},
		{"not an image, whatever its Content-Type", s.URL + "/html"},
		{"SVG", s.URL + "/svg"},
		{"over MaxBytes by Content-Length", s.URL + "/big"},
		{"over MaxBytes without Content-Length", s.URL + "/big-chunked"},
		{"broken header", s.URL + "/broken"},
		{"too many pixels", s.URL + "/bomb"},
		{"redirect loop", s.URL + "/loop"},
		{"file scheme", "file:///etc/passwd"},
		{"user info", strings.Replace(s.URL, "://", "://u:p@", 1) + "/big"},
		{"unparsable", "http://[::1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := newReader(t, s, tess, func(o *Options) { o.MaxBytes = int64(len(big)) - 1 })
			text, err := r.ImageText(context.Background(), tc.url)
			if !errors.Is(err, ErrRefused) || text != "" {
				t.Fatalf("ImageText = %q, %v; want ErrRefused", text, err)
			}
			t.Log(err)
			if strings.Contains(err.Error(), "u:p") {
				t.Errorf("error leaks user info: %v", err)
			}
			wantStats(t, r, Stats{Refused: 1})
			// Text skips it and goes on.
			text, err = r.Text(context.Background(), []string{tc.url})
			if text != "" || err != nil {
				t.Errorf("Text = %q, %v", text, err)
			}
			wantStats(t, r, Stats{Refused: 2})
		})
	}
	if n := runs(t, runsFile); n != 0 {
		t.Errorf("tesseract ran %d times on refused images", n)
	}

	// A redirect within the allowed host is followed.
	s2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/a.png", http.StatusMovedPermanently)
			return
		}
		w.Write(noisePNG(t, 8, 8, 1))
	}))
	defer s2.Close()
	r, _ := newReader(t, s2, tess, nil)
	if _, err := r.ImageText(context.Background(), s2.URL+"/moved"); err != nil {
		t.Errorf("redirect within the allowed host: %v", err)
	}
}

func TestFailuresAreNotCached(t *testing.T) {
	fail := true
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write(noisePNG(t, 8, 8, 1))
	}))
	defer s.Close()
	ctx := context.Background()

	tess, runsFile := fakeTesseract(t, "kor", "")
	r, _ := newReader(t, s, tess, nil)
	if _, err := r.ImageText(ctx, s.URL+"/a.png"); err == nil || errors.Is(err, ErrRefused) {
		t.Errorf("ImageText on a 503 = %v, want a failure that is not a refusal", err)
	}
	wantStats(t, r, Stats{Failed: 1})
	fail = false
	if _, err := r.ImageText(ctx, s.URL+"/a.png"); err != nil {
		t.Fatal(err)
	}
	wantStats(t, r, Stats{Failed: 1, OCRRuns: 1})
	if n := runs(t, runsFile); n != 1 {
		t.Errorf("tesseract ran %d times, want 1", n)
	}

	// tesseract failing: its last stderr line in the error, nothing cached.
	tess, _ = fakeTesseract(t, "kor", `echo "Error in pixReadStream: Unknown format" >&2; exit 1`)
	r, _ = newReader(t, s, tess, nil)
	for range 2 {
		if _, err := r.ImageText(ctx, s.URL+"/a.png"); err == nil || !strings.Contains(err.Error(), "Unknown format") {
			t.Errorf("ImageText with failing tesseract = %v", err)
		}
	}
	wantStats(t, r, Stats{Failed: 2, OCRRuns: 2})
	text, err := r.Text(ctx, []string{s.URL + "/a.png"})
	if text != "" || err != nil {
		t.Errorf("Text = %q, %v; want the image skipped", text, err)
	}

	// tesseract missing.
	r, _ = newReader(t, s, "/nonexistent/tesseract", nil)
	if _, err := r.ImageText(ctx, s.URL+"/a.png"); err == nil {
		t.Error("ImageText without tesseract succeeded")
	}
	wantStats(t, r, Stats{Failed: 1, OCRRuns: 1})
}

func TestImageWithoutTextIsCached(t *testing.T) {
	s := imageServer(t, map[string][]byte{"/a.png": noisePNG(t, 8, 8, 1)})
	tess, runsFile := fakeTesseract(t, "kor", `echo " | "; echo`)
	r, _ := newReader(t, s, tess, nil)
	for range 2 {
		if text, err := r.ImageText(context.Background(), s.URL+"/a.png"); text != "" || err != nil {
			t.Fatalf("ImageText = %q, %v", text, err)
		}
	}
	wantStats(t, r, Stats{OCRRuns: 1, CacheHits: 1})
	if n := runs(t, runsFile); n != 1 {
		t.Errorf("tesseract ran %d times, want 1", n)
	}
}

func TestTimeouts(t *testing.T) {
	release := make(chan struct{})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			select {
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		w.Write(noisePNG(t, 8, 8, 1))
	}))
	defer s.Close()
	defer close(release)
	slow, _ := fakeTesseract(t, "kor", "exec sleep 30")

	// A slow server: the fetch times out, the next image is read.
	fast, _ := fakeTesseract(t, "kor", "")
	r, _ := newReader(t, s, fast, func(o *Options) { o.Timeout = 500 * time.Millisecond })
	start := time.Now()
	text, err := r.Text(context.Background(), []string{s.URL + "/slow", s.URL + "/a.png"})
	if err != nil || !strings.Contains(text, "레퀴엠") {
		t.Errorf("Text = %q, %v", text, err)
	}
	wantStats(t, r, Stats{Failed: 1, OCRRuns: 1})

	// A slow tesseract: OCRTimeout kills it.
	r, _ = newReader(t, s, slow, func(o *Options) { o.OCRTimeout = 200 * time.Millisecond })
	text, err = r.Text(context.Background(), []string{s.URL + "/a.png"})
	if err != nil || text != "" {
		t.Errorf("Text = %q, %v", text, err)
	}
	wantStats(t, r, Stats{Failed: 1, OCRRuns: 1})

	// The caller's deadline ends Text with its error.
	r, _ = newReader(t, s, slow, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err = r.Text(ctx, []string{s.URL + "/a.png", s.URL + "/b.png"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Text past the deadline = %v", err)
	}
	if st := r.Stats(); st.OCRRuns > 1 || st.Failed != 0 || st.Refused != 0 { // 0 runs if the fetch was that slow
		t.Errorf("Stats = %+v, want at most one OCR run and no failure counted", st)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeouts took %v", d)
	}
}

func TestAvailable(t *testing.T) {
	ctx := context.Background()
	if Available(ctx, "/nonexistent/tesseract") {
		t.Error("Available with no tesseract")
	}
	noKor, _ := fakeTesseract(t, "eng osd", "")
	if Available(ctx, noKor) {
		t.Error("Available without kor data")
	}
	withKor, _ := fakeTesseract(t, "eng kor osd", "")
	if !Available(ctx, withKor) {
		t.Error("not Available with kor data")
	}
	langs, err := InstalledLanguages(ctx, withKor)
	if err != nil || strings.Join(langs, ",") != "eng,kor,osd" {
		t.Errorf("InstalledLanguages = %q, %v", langs, err)
	}
}

func TestNewChecksOptions(t *testing.T) {
	cache, _ := NewDirCache(t.TempDir())
	for name, o := range map[string]Options{
		"no hosts":        {Cache: cache},
		"no cache":        {AllowedHosts: []string{"www.kopis.or.kr"}},
		"bad host":        {AllowedHosts: []string{"http://www.kopis.or.kr/"}, Cache: cache},
		"bad languages":   {AllowedHosts: []string{"www.kopis.or.kr"}, Cache: cache, Languages: "kor --psm 0"},
		"option language": {AllowedHosts: []string{"www.kopis.or.kr"}, Cache: cache, Languages: "-c"},
		"negative":        {AllowedHosts: []string{"www.kopis.or.kr"}, Cache: cache, MaxBytes: -1},
	} {
		if _, err := New(o); err == nil {
			t.Errorf("%s: New succeeded", name)
		}
	}
	r, err := New(Options{AllowedHosts: []string{"www.kopis.or.kr"}, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if r.tesseract != DefaultTesseract || r.languages != DefaultLanguages || r.maxBytes != DefaultMaxBytes || r.timeout != DefaultTimeout {
		t.Errorf("defaults not applied: %+v", r)
	}
}
