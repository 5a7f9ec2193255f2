// Package hostallow owns the allow-lists of hosts the server and the
// importer may fetch from on a stored URL's say (KOPIS posters, intro
// images): a URL stored in the database must never make them reach any
// other address (SSRF). Poster proxying and OCR share this one list type.
package hostallow

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// List is a set of hosts that may be fetched from.
//
// An entry is either a bare host name ("www.kopis.or.kr", "127.0.0.1",
// "::1"), which matches that host on any port, or host:port
// ("127.0.0.1:8080", "[::1]:8080"), which matches only that port. A URL
// without a port has its scheme's default port (80 or 443). Names compare
// case-insensitively and without a trailing dot; there are no wildcards, and
// a name does not match its subdomains.
type List struct {
	anyPort  map[string]bool // host
	withPort map[string]bool // net.JoinHostPort(host, port)
}

var (
	errHostNotAllowed   = errors.New("host not allowed")
	errSchemeNotAllowed = errors.New("scheme not allowed")
	errUserInfo         = errors.New("user info in URL")
)

func New(entries []string) (*List, error) {
	a := &List{anyPort: map[string]bool{}, withPort: map[string]bool{}}
	for _, e := range entries {
		host, port, err := parseEntry(e)
		if err != nil {
			return nil, err
		}
		if port == "" {
			a.anyPort[host] = true
		} else {
			a.withPort[net.JoinHostPort(host, port)] = true
		}
	}
	if len(a.anyPort)+len(a.withPort) == 0 {
		return nil, errors.New("no allowed hosts")
	}
	return a, nil
}

func parseEntry(e string) (host, port string, err error) {
	e = strings.TrimSpace(e)
	bad := func(why string) (string, string, error) {
		return "", "", fmt.Errorf("allowed host %q: %s", e, why)
	}
	if e == "" {
		return bad("empty")
	}
	if strings.ContainsAny(e, "/?#@ \t") {
		return bad("want a host name or host:port, not a URL")
	}
	if h, p, err := net.SplitHostPort(e); err == nil {
		port, ok := normalizePort(p)
		if !ok {
			return bad("bad port")
		}
		if host = normalizeHost(h); host == "" {
			return bad("no host")
		}
		return host, port, nil
	}
	if strings.HasPrefix(e, "[") && strings.HasSuffix(e, "]") {
		e = e[1 : len(e)-1]
	}
	if strings.Contains(e, ":") && net.ParseIP(e) == nil {
		return bad("not a host name")
	}
	if host = normalizeHost(e); host == "" {
		return bad("no host")
	}
	return host, "", nil
}

func normalizeHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

func normalizePort(p string) (string, bool) {
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 || strings.HasPrefix(p, "+") {
		return "", false
	}
	return strconv.Itoa(n), true
}

// check reports why u may not be fetched, or nil if it may. The error never
// contains the URL's path or query.
func (a *List) Check(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return errSchemeNotAllowed
	}
	if u.User != nil {
		return errUserInfo
	}
	host := normalizeHost(u.Hostname())
	if host == "" {
		return fmt.Errorf("%w: no host", errHostNotAllowed)
	}
	if a.anyPort[host] {
		return nil
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	if p, ok := normalizePort(port); ok && a.withPort[net.JoinHostPort(host, p)] {
		return nil
	}
	return fmt.Errorf("%w: %s", errHostNotAllowed, u.Host)
}
