package ocr

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

func TestDirCache(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "a", "ocr")
	c, err := NewDirCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	const u = "http://www.kopis.or.kr/upload/pfmIntroImage/PF_PF123_1.jpg"
	if text, ok, err := c.Get(ctx, u); text != "" || ok || err != nil {
		t.Errorf("Get on an empty cache = %q, %v, %v", text, ok, err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("directory made before the first Put: %v", err)
	}
	for _, text := range []string{"모차르트 레퀴엠\n지휘 정명훈", ""} {
		if err := c.Put(ctx, u, text); err != nil {
			t.Fatal(err)
		}
		got, ok, err := c.Get(ctx, u)
		if got != text || !ok || err != nil {
			t.Errorf("Get after Put(%q) = %q, %v, %v", text, got, ok, err)
		}
	}
	if _, ok, _ := c.Get(ctx, u+"?x"); ok {
		t.Error("another URL hit")
	}
	sum := sha256.Sum256([]byte(u))
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != hex.EncodeToString(sum[:])+".txt" {
		t.Errorf("cache files %v, want one named by the URL's SHA-256", entries)
	}

	if err := os.WriteFile(c.Path(u), []byte{0xff, 0xfe}, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := c.Get(ctx, u); ok || err == nil {
		t.Errorf("Get of a corrupt entry = %v, %v; want an error", ok, err)
	}
	if _, err := NewDirCache(""); err == nil {
		t.Error("NewDirCache(\"\") succeeded")
	}
}
