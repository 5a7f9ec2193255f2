package ocr

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"
)

// Cache keeps the text read from intro images by image URL (as the Reader
// normalises it: fragment dropped). An image without text is stored as "",
// which is a hit, not a miss.
type Cache interface {
	// Get returns the text stored for url and ok, or ok false if there is
	// none. An error means the cache could not be read; the Reader then
	// reads the image again.
	Get(ctx context.Context, url string) (text string, ok bool, err error)
	// Put stores text for url, replacing any earlier text. Readers never
	// see a partly written entry.
	Put(ctx context.Context, url, text string) error
}

// maxEntry bounds what DirCache.Get reads from one file.
const maxEntry = 1 << 20

// DirCache is a Cache in a local directory: one file per URL, named by the
// hex SHA-256 of the URL plus ".txt", written to a hidden temporary file and
// renamed into place, so concurrent Gets and Puts are safe and a crash
// leaves at most a stray ".ocr-*" file behind.
type DirCache struct {
	dir string
}

// NewDirCache returns a cache in dir, which is made (with its parents) on
// the first Put, so an importer that never reads an image leaves no trace.
// The importer keeps it beside its database or where configured.
func NewDirCache(dir string) (*DirCache, error) {
	if dir == "" {
		return nil, errors.New("ocr cache directory: empty path")
	}
	return &DirCache{dir: dir}, nil
}

// Path is the file that holds the text for url.
func (c *DirCache) Path(url string) string {
	sum := sha256.Sum256([]byte(url))
	return filepath.Join(c.dir, hex.EncodeToString(sum[:])+".txt")
}

// Get reads the file for url.
func (c *DirCache) Get(_ context.Context, url string) (string, bool, error) {
	f, err := os.Open(c.Path(url))
	if errors.Is(err, fs.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("ocr cache: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxEntry+1))
	if err != nil {
		return "", false, fmt.Errorf("ocr cache: %w", err)
	}
	if len(data) > maxEntry || !utf8.Valid(data) {
		return "", false, fmt.Errorf("ocr cache: %s: oversized or not UTF-8", filepath.Base(f.Name()))
	}
	return string(data), true, nil
}

// Put writes text to a temporary file and renames it into place.
func (c *DirCache) Put(_ context.Context, url, text string) error {
	if err := os.MkdirAll(c.dir, 0o750); err != nil {
		return fmt.Errorf("ocr cache: %w", err)
	}
	f, err := os.CreateTemp(c.dir, ".ocr-*")
	if err != nil {
		return fmt.Errorf("ocr cache: %w", err)
	}
	defer os.Remove(f.Name()) // gone once renamed; cleans up on failure
	_, err = io.WriteString(f, text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), c.Path(url))
	}
	if err != nil {
		return fmt.Errorf("ocr cache: %w", err)
	}
	return nil
}

var _ Cache = (*DirCache)(nil)
