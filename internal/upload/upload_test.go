package upload_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/claco/claco/internal/upload"
)

// PNG is the smallest valid PNG header a sniffer recognises.
var PNG = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)

func TestSaveImageSniffsTheBytesAndServesThem(t *testing.T) {
	dir := t.TempDir()
	s, err := upload.NewStore(dir, 1024)
	if err != nil {
		t.Fatal(err)
	}
	url, err := s.SaveImage(context.Background(), bytes.NewReader(PNG))
	if err != nil || !strings.HasPrefix(url, "/files/") || !strings.HasSuffix(url, ".png") {
		t.Fatalf("SaveImage: %q, %v", url, err)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), PNG) || rec.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("serving %s: %d %q", url, rec.Code, rec.Header().Get("Content-Type"))
	}

	if _, err := s.SaveImage(context.Background(), strings.NewReader("<html><script>alert(1)</script>")); !errors.Is(err, upload.ErrNotAnImage) {
		t.Fatalf("HTML saved as an image: %v", err)
	}
	big := append(append([]byte{}, PNG...), make([]byte, 2048)...)
	if _, err := s.SaveImage(context.Background(), bytes.NewReader(big)); !errors.Is(err, upload.ErrTooLarge) {
		t.Fatalf("oversized file: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("rejected uploads left files behind: %d files", len(entries))
	}
	for _, path := range []string{"/files/", "/files/../upload_test.go", "/files/.upload-x"} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
}
