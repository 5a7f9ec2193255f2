package hostallow

import (
	"net/url"
	"testing"
)

func TestAllowList(t *testing.T) {
	a, err := New([]string{"www.kopis.or.kr", "KOPIS.or.kr.", "127.0.0.1:8080", "[::1]:9000", "::2", "[::3]"})
	if err != nil {
		t.Fatal(err)
	}
	for raw, want := range map[string]bool{
		"http://www.kopis.or.kr/upload/p.jpg":       true,
		"https://www.kopis.or.kr/upload/p.jpg":      true,
		"http://WWW.KOPIS.OR.KR./p.jpg":             true,
		"http://www.kopis.or.kr:8443/p.jpg":         true, // bare names allow any port
		"http://kopis.or.kr/p.jpg":                  true,
		"http://127.0.0.1:8080/p.jpg":               true,
		"http://127.0.0.1:08080/p.jpg":              true,
		"http://[::1]:9000/p.jpg":                   true,
		"http://[::2]:1/p.jpg":                      true,
		"https://[::3]/p.jpg":                       true,
		"http://127.0.0.1:8081/p.jpg":               false, // host:port entries allow that port only
		"http://127.0.0.1/p.jpg":                    false,
		"http://[::1]/p.jpg":                        false,
		"http://evil.kopis.or.kr/p.jpg":             false, // no subdomains
		"http://www.kopis.or.kr.evil.example/p.jpg": false,
		"http://wwwkopis.or.kr/p.jpg":               false,
		"ftp://www.kopis.or.kr/p.jpg":               false,
		"file:///etc/passwd":                        false,
		"http://u:p@www.kopis.or.kr/p.jpg":          false,
		"http:www.kopis.or.kr":                      false,
		"/relative":                                 false,
		"gopher://127.0.0.1:8080/":                  false,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if got := a.Check(u) == nil; got != want {
			t.Errorf("%s: allowed %v, want %v (%v)", raw, got, want, a.Check(u))
		}
	}

	// Default ports count for host:port entries.
	a, err = New([]string{"kopis.or.kr:443", "www.kopis.or.kr:80"})
	if err != nil {
		t.Fatal(err)
	}
	for raw, want := range map[string]bool{
		"https://kopis.or.kr/p":    true,
		"http://kopis.or.kr/p":     false,
		"http://www.kopis.or.kr/p": true,
		"https://www.kopis.or.kr/": false,
	} {
		u, _ := url.Parse(raw)
		if got := a.Check(u) == nil; got != want {
			t.Errorf("%s: allowed %v, want %v", raw, got, want)
		}
	}

	for _, bad := range []string{"", "http://kopis.or.kr", "kopis.or.kr/x", "kopis.or.kr:0", "kopis.or.kr:x", ":80", "a:b:c", "u@kopis.or.kr", "[]"} {
		if _, err := New([]string{bad}); err == nil {
			t.Errorf("entry %q accepted", bad)
		}
	}
}
