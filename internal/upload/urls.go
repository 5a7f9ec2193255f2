package upload

import "strings"

// URLs turns the paths stored in rows (/files/…, /posters/…) into the URLs
// clients get: absolute under Base when the server knows its public address
// (CLACO_PUBLIC_URL), as stored otherwise. Stored rows never hold the base,
// so moving the server to another address needs no data change.
type URLs struct {
	// Base is the server's public address, e.g. https://api.claco.kr.
	Base string
}

// Public returns the URL of a stored path; other URLs (a KOPIS poster) pass.
func (u URLs) Public(path string) string {
	if u.Base == "" || !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		return path
	}
	return strings.TrimRight(u.Base, "/") + path
}
