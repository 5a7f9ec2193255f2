package ratelimit_test

import (
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/claco/claco/internal/ratelimit"
)

func TestClientIP(t *testing.T) {
	trusted, err := ratelimit.ParseTrustedProxies("10.0.0.0/8, 192.168.1.7, fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		remote string
		xff    []string // one header line each
		want   string
	}{
		{"no proxy", "203.0.113.5:4000", nil, "203.0.113.5"},
		{"untrusted peer's XFF is not believed", "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5"},
		{"untrusted peer claiming a proxy hop", "203.0.113.5:4000", []string{"198.51.100.1, 10.0.0.1"}, "203.0.113.5"},
		{"trusted proxy", "10.1.2.3:80", []string{"198.51.100.1"}, "198.51.100.1"},
		{"client-written entries left of the real one are ignored", "10.1.2.3:80", []string{"1.1.1.1, 2.2.2.2, 198.51.100.1"}, "198.51.100.1"},
		{"chain of trusted proxies is skipped", "10.1.2.3:80", []string{"1.1.1.1, 198.51.100.1, 192.168.1.7, 10.9.9.9"}, "198.51.100.1"},
		{"lines read as one list", "10.1.2.3:80", []string{"1.1.1.1", "198.51.100.1, 10.0.0.2"}, "198.51.100.1"},
		{"ports and brackets", "10.1.2.3:80", []string{"198.51.100.1:5555"}, "198.51.100.1"},
		{"IPv6 client", "[fd00::1]:80", []string{"[2001:db8::7]:1234"}, "2001:db8::7"},
		{"all hops trusted: leftmost", "10.1.2.3:80", []string{"10.5.5.5, 10.6.6.6"}, "10.5.5.5"},
		{"trusted proxy without XFF", "10.1.2.3:80", nil, "10.1.2.3"},
		{"malformed entry falls back to the peer", "10.1.2.3:80", []string{"1.1.1.1, not-an-ip"}, "10.1.2.3"},
		{"empty entry falls back to the peer", "10.1.2.3:80", []string{"198.51.100.1,"}, "10.1.2.3"},
		{"malformed entry left of the client is never read", "10.1.2.3:80", []string{"junk, 198.51.100.1"}, "198.51.100.1"},
		{"next hop must be trusted exactly", "192.168.1.7:80", []string{"198.51.100.1, 192.168.1.8"}, "192.168.1.8"},
		{"IPv4-mapped peer matches IPv4 prefix", "[::ffff:10.1.2.3]:80", []string{"198.51.100.1"}, "198.51.100.1"},
		{"IPv4-mapped client is IPv4", "10.1.2.3:80", []string{"::ffff:198.51.100.1"}, "198.51.100.1"},
		{"RemoteAddr without port", "203.0.113.5", nil, "203.0.113.5"},
		{"RemoteAddr not an address", "@", []string{"198.51.100.1"}, "invalid IP"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/query", nil)
			r.RemoteAddr = c.remote
			for _, line := range c.xff {
				r.Header.Add("X-Forwarded-For", line)
			}
			if got := ratelimit.ClientIP(r, trusted).String(); got != c.want {
				t.Errorf("ClientIP = %s, want %s", got, c.want)
			}
		})
	}
}

func TestClientIPTrustsNoOneByDefault(t *testing.T) {
	r := httptest.NewRequest("POST", "/query", nil)
	r.RemoteAddr = "10.1.2.3:80"
	r.Header.Set("X-Forwarded-For", "198.51.100.1")
	if got := ratelimit.ClientIP(r, nil); got != netip.MustParseAddr("10.1.2.3") {
		t.Errorf("ClientIP = %s with no trusted proxies", got)
	}
}

func TestParseTrustedProxies(t *testing.T) {
	got, err := ratelimit.ParseTrustedProxies(" 10.0.0.0/8, 192.168.1.7 ,,2001:db8::1, 172.16.5.4/12, ::ffff:10.0.0.0/104")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.0/8", "192.168.1.7/32", "2001:db8::1/128", "172.16.0.0/12", "10.0.0.0/8"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("item %d = %s, want %s", i+1, got[i], want[i])
		}
	}
	if none, err := ratelimit.ParseTrustedProxies("  "); err != nil || none != nil {
		t.Errorf("empty list = %v, %v", none, err)
	}
	for in, want := range map[string]string{
		"10.0.0.0/8, proxy.internal": `"proxy.internal" (item 2): not an IP address or CIDR prefix`,
		"10.0.0.0/33":                `"10.0.0.0/33" (item 1): not a CIDR prefix`,
		"fe80::1%eth0":               "zone",
		"::ffff:10.0.0.0/90":         "96 bits",
	} {
		if _, err := ratelimit.ParseTrustedProxies(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseTrustedProxies(%q) error = %v, want it to say %s", in, err, want)
		}
	}
}
