// Package upload owns the images members upload (profile pictures, review
// photos, rendered tickets): it checks what a file really is from its bytes,
// bounds its size, stores it under a random name and serves it under /files/.
// Images is the store interface the services write through (LocalStore, a
// directory, is the embedded default); Changes ties the files a change adds
// and drops to whether its transaction commits; URLs makes stored paths
// absolute for clients when the server knows its public address.
package upload

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// URLPrefix is where stored files are served.
const URLPrefix = "/files/"

// Errors a member can fix by sending another file.
var (
	ErrTooLarge   = errors.New("file is too large")
	ErrNotAnImage = errors.New("file is not a JPEG, PNG or WebP image")
)

// imageTypes are the accepted images, by the type sniffed from their bytes.
var imageTypes = map[string]string{
	"image/jpeg": ".jpg",
	"image/png":  ".png",
	"image/webp": ".webp",
}

// Images is where uploaded images are kept. A stored image is named by the
// URL path it is served at (URLPrefix + a random name).
type Images interface {
	// SaveImage checks that r is an accepted image within the size limit
	// (ErrNotAnImage, ErrTooLarge) and stores it.
	SaveImage(ctx context.Context, r io.Reader) (url string, err error)
	// Remove deletes a stored image; removing one that is gone is no error.
	Remove(ctx context.Context, url string) error
}

// Store keeps uploads in a local directory.
type Store struct {
	dir      string
	maxBytes int64
}

// NewStore returns a store in dir (created if missing) that accepts files of
// at most maxBytes.
func NewStore(dir string, maxBytes int64) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("upload directory: %w", err)
	}
	return &Store{dir: dir, maxBytes: maxBytes}, nil
}

// SaveImage stores an image and returns the URL path it is served at. The
// content decides the type; the client's file name and content type are ignored.
func (s *Store) SaveImage(_ context.Context, r io.Reader) (string, error) {
	br := bufio.NewReaderSize(r, 512)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return "", fmt.Errorf("read upload: %w", err)
	}
	ext, ok := imageTypes[http.DetectContentType(head)]
	if !ok {
		return "", ErrNotAnImage
	}
	name := randomName() + ext
	f, err := os.CreateTemp(s.dir, ".upload-*")
	if err != nil {
		return "", fmt.Errorf("store upload: %w", err)
	}
	defer os.Remove(f.Name()) // gone once renamed; cleans up on failure
	n, err := io.Copy(f, io.LimitReader(br, s.maxBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("store upload: %w", err)
	}
	if n > s.maxBytes {
		return "", ErrTooLarge
	}
	if err := os.Rename(f.Name(), filepath.Join(s.dir, name)); err != nil {
		return "", fmt.Errorf("store upload: %w", err)
	}
	return URLPrefix + name, nil
}

// Remove deletes a stored file by its URL, e.g. when the change that was
// going to use it failed. A file that is already gone is no error.
func (s *Store) Remove(_ context.Context, url string) error {
	name, ok := storedName(url)
	if !ok {
		return fmt.Errorf("not a stored file: %q", url)
	}
	if err := os.Remove(filepath.Join(s.dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// Dir is the directory the store keeps its files in.
func (s *Store) Dir() string { return s.dir }

// storedName is the file a URL path names in the store: one plain name, no
// directories, no hidden (temporary) files.
func storedName(path string) (string, bool) {
	name, ok := strings.CutPrefix(path, URLPrefix)
	if !ok || name == "" || strings.ContainsAny(name, "/\\") || strings.HasPrefix(name, ".") {
		return "", false
	}
	return name, true
}

// Handler serves stored files under URLPrefix: no listings, no paths outside
// the directory, and the browser is told not to guess types.
func (s *Store) Handler() http.Handler {
	files := http.StripPrefix(URLPrefix, http.FileServer(http.Dir(s.dir)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := storedName(r.URL.Path); !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(w, r)
	})
}

func randomName() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
