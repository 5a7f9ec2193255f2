package poster

import "testing"

func TestCacheKey(t *testing.T) {
	k := cacheKey(1, "http://www.kopis.or.kr/p.jpg")
	if len(k) != 64 || !safeKey(k) {
		t.Fatalf("key %q", k)
	}
	if k == cacheKey(2, "http://www.kopis.or.kr/p.jpg") || k == cacheKey(1, "http://www.kopis.or.kr/q.jpg") {
		t.Fatal("key ignores the concert or the URL")
	}
	if cacheKey(1, "2\nx") == cacheKey(12, "x") {
		t.Fatal("keys collide")
	}
}
