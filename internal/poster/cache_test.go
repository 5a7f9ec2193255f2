package poster_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/claco/claco/internal/poster"
)

func TestDirCache(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir() + "/nested/.posters"
	c, err := poster.NewDirCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, "abc"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Get of a missing key: %v", err)
	}
	if err := c.Put(ctx, "abc", strings.NewReader("one")); err != nil {
		t.Fatal(err)
	}
	read := func() string {
		t.Helper()
		rc, err := c.Get(ctx, "abc")
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got := read(); got != "one" {
		t.Fatalf("got %q", got)
	}
	// A failing reader stores nothing and keeps the earlier content.
	if err := c.Put(ctx, "abc", io.MultiReader(strings.NewReader("tw"), iotest.ErrReader(errors.New("boom")))); err == nil {
		t.Fatal("Put of a failing reader succeeded")
	}
	if got := read(); got != "one" {
		t.Fatalf("after a failed Put: %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("temporary files left behind: %d entries", len(entries))
	}
	for _, key := range []string{"", "../x", "a/b", `a\b`, ".hidden", "-flag", "a b", "é", strings.Repeat("a", 129)} {
		if err := c.Put(ctx, key, strings.NewReader("x")); err == nil {
			t.Errorf("Put accepted key %q", key)
		}
		if _, err := c.Get(ctx, key); err == nil || errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Get of key %q: %v", key, err)
		}
	}
}

func TestDirCacheConcurrentPutAndGet(t *testing.T) {
	ctx := context.Background()
	c, err := poster.NewDirCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, b := bytes.Repeat([]byte("a"), 1<<16), bytes.Repeat([]byte("b"), 1<<16)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 20 {
				body := a
				if i%2 == 1 {
					body = b
				}
				if err := c.Put(ctx, "k", bytes.NewReader(body)); err != nil {
					t.Error(err)
					return
				}
				rc, err := c.Get(ctx, "k")
				if err != nil {
					t.Error(err)
					return
				}
				got, err := io.ReadAll(rc)
				rc.Close()
				if err != nil || !(bytes.Equal(got, a) || bytes.Equal(got, b)) {
					t.Errorf("read a torn entry: %d bytes, %v", len(got), err)
					return
				}
			}
		})
	}
	wg.Wait()
}
