package ratelimit

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// ClientIP is the address a request is charged to. X-Forwarded-For is only
// believed when the direct peer (r.RemoteAddr) is a trusted proxy: anyone
// else can write any address there and so pick a fresh budget per request.
//
// Behind trusted proxies it walks X-Forwarded-For from the right, since each
// proxy appends the peer it saw, skips addresses of trusted proxies, and
// takes the first other one: left of that, the client wrote the header
// itself. A malformed entry reached on that walk means a proxy is not doing
// what we think, so the peer is used. When every entry is a trusted proxy the
// leftmost is the client (an internal caller). It returns the zero Addr when
// RemoteAddr is not an address (e.g. a Unix socket).
func ClientIP(r *http.Request, trusted []netip.Prefix) netip.Addr {
	peer, ok := parseAddr(r.RemoteAddr)
	if !ok || !isTrusted(peer, trusted) {
		return peer
	}
	hops := forwardedFor(r.Header)
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		addr, ok := parseAddr(hops[i])
		if !ok {
			return peer
		}
		client = addr
		if !isTrusted(addr, trusted) {
			break
		}
	}
	return client
}

// forwardedFor lists X-Forwarded-For's entries in order; a request may carry
// the header more than once, and the lines then read as one list.
func forwardedFor(h http.Header) []string {
	var hops []string
	for _, line := range h.Values("X-Forwarded-For") {
		for hop := range strings.SplitSeq(line, ",") {
			hops = append(hops, strings.TrimSpace(hop))
		}
	}
	return hops
}

// parseAddr reads "1.2.3.4", "1.2.3.4:5678", "::1" or "[::1]:80", the forms
// RemoteAddr and proxies use. IPv4-mapped IPv6 becomes IPv4, so that it
// matches IPv4 prefixes and shares its budget.
func parseAddr(s string) (netip.Addr, bool) {
	addr, err := netip.ParseAddr(s)
	if err != nil {
		ap, err := netip.ParseAddrPort(s)
		if err != nil {
			return netip.Addr{}, false
		}
		addr = ap.Addr()
	}
	// A zone names an interface on the proxy, not a different client.
	return addr.Unmap().WithZone(""), true
}

func isTrusted(addr netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// ParseTrustedProxies reads a comma-separated list of CIDR prefixes and
// addresses, such as "10.0.0.0/8, 192.168.1.7"; an address is a prefix of one
// (/32 or /128). An empty list trusts no one, which is right when the server
// faces clients directly.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for i, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		p, err := parseTrusted(item)
		if err != nil {
			return nil, fmt.Errorf("ratelimit: trusted proxy %q (item %d): %s; write addresses or prefixes such as 10.0.0.0/8, 192.168.1.7", item, i+1, err)
		}
		out = append(out, p)
	}
	return out, nil
}

func parseTrusted(item string) (netip.Prefix, error) {
	if strings.Contains(item, "/") {
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("not a CIDR prefix")
		}
		if p.Addr().Is4In6() {
			// ::ffff:10.0.0.0/104 is 10.0.0.0/8: write it the way clients are compared.
			if p.Bits() < 96 {
				return netip.Prefix{}, fmt.Errorf("an IPv4-mapped prefix needs at least 96 bits")
			}
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return p.Masked(), nil
	}
	addr, err := netip.ParseAddr(item)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("not an IP address or CIDR prefix")
	}
	if addr.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("an address with a zone cannot be trusted")
	}
	addr = addr.Unmap()
	return netip.PrefixFrom(addr, addr.BitLen()), nil
}
