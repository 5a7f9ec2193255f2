package ocr

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeTesseract writes a stand-in for tesseract: --list-langs prints langs;
// a run appends a line to runsFile and prints "모차르트 레퀴엠 N" where N is
// the size of the image it was given, or does what body says instead.
// Tests that use it do not run in parallel: writing an executable while
// another goroutine forks can make exec fail with ETXTBSY.
func fakeTesseract(t *testing.T, langs, body string) (cmd, runsFile string) {
	t.Helper()
	dir := t.TempDir()
	cmd = filepath.Join(dir, "tesseract")
	runsFile = filepath.Join(dir, "runs")
	if body == "" {
		body = `n=$(wc -c | tr -d ' '); echo "모차르트 레퀴엠 $n"; echo; echo "  지휘  정명훈  "`
	}
	script := "#!/bin/sh\n" +
		`if [ "$1" = --list-langs ]; then echo 'List of available languages in "/fake/" (2):'; printf '%s\n' ` + langs + "; exit 0; fi\n" +
		"echo \"$@\" >> " + runsFile + "\n" +
		body + "\n"
	if err := os.WriteFile(cmd, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return cmd, runsFile
}

// runs is how many times the fake tesseract ran.
func runs(t *testing.T, runsFile string) int {
	t.Helper()
	data, err := os.ReadFile(runsFile)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(data), "\n")
}

// noisePNG is a w×h PNG of random grey pixels (so it compresses badly and
// images of different sizes differ in length).
func noisePNG(t testing.TB, w, h int, seed uint64) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.UintN(256))
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngHeader is the start of a PNG declaring w×h pixels: enough for sniffing
// and DecodeConfig, nothing to decode.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // 8-bit grey
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(ihdr)-4)))
	b.Write(ihdr)
	b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(ihdr)))
	return b.Bytes()
}

// imageServer serves files from a map of path to body, with the given
// Content-Type (the reader must not believe it).
func imageServer(t *testing.T, files map[string][]byte) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

// hostOf is the host:port of a test server, for AllowedHosts.
func hostOf(t *testing.T, s *httptest.Server) string {
	t.Helper()
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// newReader makes a Reader over a fresh DirCache, allowing only s.
func newReader(t *testing.T, s *httptest.Server, tesseract string, edit func(*Options)) (*Reader, *DirCache) {
	t.Helper()
	cache, err := NewDirCache(filepath.Join(t.TempDir(), "ocr"))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{AllowedHosts: []string{hostOf(t, s)}, Cache: cache, HTTPClient: s.Client(), Tesseract: tesseract}
	if edit != nil {
		edit(&o)
	}
	r, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return r, cache
}

func wantStats(t *testing.T, r *Reader, want Stats) {
	t.Helper()
	if got := r.Stats(); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

// squash drops all white space, so that OCR's spacing does not matter.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}
