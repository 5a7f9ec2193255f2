package poster

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Cache stores fetched posters by key. Keys are what the handler makes of a
// concert id and a poster URL: lowercase hex, safe as a file name.
type Cache interface {
	// Get returns the content stored under key, or an error wrapping
	// io/fs.ErrNotExist if there is none.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	// Put stores what r yields under key, replacing any earlier content.
	// If reading r fails, nothing is stored and the earlier content stays.
	// Readers never see a partly written entry.
	Put(ctx context.Context, key string, r io.Reader) error
}

// DirCache is a Cache in a local directory: one file per key, written to a
// hidden temporary file and renamed into place, so concurrent Gets and Puts
// are safe and a crash leaves at most a stray ".poster-*" file behind.
type DirCache struct {
	dir string
}

// NewDirCache returns a cache in dir, creating it if missing. When dir lies
// inside the upload directory, give it a name starting with a dot (e.g.
// ".posters") so the /files/ handler never serves it.
// The directory is made with the first poster, so that a server that never
// serves one leaves no trace.
func NewDirCache(dir string) (*DirCache, error) {
	if dir == "" {
		return nil, fmt.Errorf("poster cache directory: empty path")
	}
	return &DirCache{dir: dir}, nil
}

// Get opens the file stored under key.
func (c *DirCache) Get(_ context.Context, key string) (io.ReadCloser, error) {
	if !safeKey(key) {
		return nil, fmt.Errorf("poster cache: bad key %q", key)
	}
	f, err := os.Open(filepath.Join(c.dir, key))
	if err != nil {
		return nil, err // *fs.PathError; errors.Is(err, fs.ErrNotExist) when absent
	}
	return f, nil
}

// Put writes r to a temporary file and renames it to key.
func (c *DirCache) Put(_ context.Context, key string, r io.Reader) error {
	if !safeKey(key) {
		return fmt.Errorf("poster cache: bad key %q", key)
	}
	if err := os.MkdirAll(c.dir, 0o750); err != nil {
		return fmt.Errorf("poster cache: %w", err)
	}
	f, err := os.CreateTemp(c.dir, ".poster-*")
	if err != nil {
		return fmt.Errorf("poster cache: %w", err)
	}
	defer os.Remove(f.Name()) // gone once renamed; cleans up on failure
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(c.dir, key))
	}
	if err != nil {
		return fmt.Errorf("poster cache: %w", err)
	}
	return nil
}

// safeKey admits plain, non-hidden file names of letters, digits, '-' and
// '_' only.
func safeKey(key string) bool {
	if key == "" || len(key) > 128 || key[0] == '-' {
		return false
	}
	for _, r := range key {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-', r == '_':
		default:
			return false
		}
	}
	return true
}

var _ Cache = (*DirCache)(nil)
