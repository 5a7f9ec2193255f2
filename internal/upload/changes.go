package upload

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"

	"github.com/claco/claco/internal/apperr"
)

// Changes are the files one change of the database adds and drops. A file
// it adds is written at once (the row that names it needs its URL) and
// removed again if the change fails; a file it drops is removed only once
// the change has committed. So a rolled-back transaction leaves no stray
// file, and no committed row names a missing one.
type Changes struct {
	store Images
	log   *slog.Logger

	mu      sync.Mutex
	added   []string
	dropped []string
}

// Begin starts tracking the files of one change.
func Begin(store Images, log *slog.Logger) *Changes {
	if log == nil {
		log = slog.Default()
	}
	return &Changes{store: store, log: log}
}

// Add stores an image for the change and returns its URL.
func (c *Changes) Add(ctx context.Context, r io.Reader) (string, error) {
	url, err := c.store.SaveImage(ctx, r)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	c.added = append(c.added, url)
	c.mu.Unlock()
	return url, nil
}

// Drop marks stored files that the change no longer refers to.
func (c *Changes) Drop(urls ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, u := range urls {
		if u != "" {
			c.dropped = append(c.dropped, u)
		}
	}
}

// Finish removes the added files when the change failed (err != nil) and
// the dropped ones when it committed. It returns err, so that it can end a
// function: return changes.Finish(ctx, err).
func (c *Changes) Finish(ctx context.Context, err error) error {
	c.mu.Lock()
	gone := c.dropped
	if err != nil {
		gone = c.added
	}
	c.added, c.dropped = nil, nil
	c.mu.Unlock()
	// Removal must happen even when the request that made the change has
	// been cancelled meanwhile.
	ctx = context.WithoutCancel(ctx)
	for _, url := range gone {
		if rerr := c.store.Remove(ctx, url); rerr != nil {
			c.log.WarnContext(ctx, "could not remove a stored file", "url", url, "err", rerr)
		}
	}
	return err
}

// Problem explains an upload a member can fix (not an image, too large) as
// bad input in the named field; other errors are the server's and pass.
func Problem(field string, err error) error {
	switch {
	case errors.Is(err, ErrTooLarge):
		return apperr.Invalid(field, "the image is larger than 10 MiB")
	case errors.Is(err, ErrNotAnImage):
		return apperr.Invalid(field, "the file is not a JPEG, PNG or WebP image")
	}
	return err
}
