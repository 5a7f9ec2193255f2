package server

import (
	"context"
	"net/url"
	"path/filepath"

	"github.com/claco/claco/internal/catalogue"
	"github.com/claco/claco/internal/poster"
)

// newPosters serves same-origin copies of KOPIS posters, fetched only from
// the KOPIS hosts and cached beside the uploads (in a hidden directory that
// /files/ never serves).
func (s *Server) newPosters(cat *catalogue.Service, uploadDir string) (*poster.Handler, error) {
	cache, err := poster.NewDirCache(filepath.Join(uploadDir, ".posters"))
	if err != nil {
		return nil, err
	}
	return poster.New(poster.Options{
		AllowedHosts: kopisHosts(s.deps.Config.KOPISURL),
		Lookup: func(ctx context.Context, id int) (string, error) {
			c, err := cat.Concert(ctx, id)
			switch {
			case err != nil:
				return "", err
			case c == nil || c.PosterURL == nil:
				return "", poster.ErrNoPoster
			}
			return *c.PosterURL, nil
		},
		Cache:  cache,
		Logger: s.log,
	})
}

// kopisHosts are the hosts posters may come from: KOPIS's own, and the host
// of the configured KOPIS API (a mirror, or a fake in tests).
func kopisHosts(apiURL string) []string {
	hosts := []string{"www.kopis.or.kr", "kopis.or.kr"}
	if u, err := url.Parse(apiURL); err == nil && u.Host != "" {
		hosts = append(hosts, u.Host)
	}
	return hosts
}
