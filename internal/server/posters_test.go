package server_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/config"
)

var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)

// The poster proxy as wired in the server: posters from the configured KOPIS
// host are served same-origin and cached; others are refused.
func TestPosterProxyServesKOPISPostersOnly(t *testing.T) {
	var hits atomic.Int32
	kopis := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/upload/pfmPoster/text.jpg" {
			_, _ = w.Write([]byte("<html>not an image</html>"))
			return
		}
		_, _ = w.Write(pngBytes)
	}))
	defer kopis.Close()
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("a poster was fetched from a host that is not KOPIS's")
	}))
	defer elsewhere.Close()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.KOPISURL = kopis.URL + "/openApi/restful" }))
	ctx := context.Background()
	poster := func(url string) int {
		c := api.Concert(apitest.ConcertSpec{})
		api.DB.Concert.UpdateOne(c).SetPosterURL(url).ExecX(ctx)
		return c.ID
	}
	get := func(id int) *httptest.ResponseRecorder { return api.Get("/posters/" + strconv.Itoa(id)) }

	good := poster(kopis.URL + "/upload/pfmPoster/PF1.gif")
	for range 2 {
		rec := get(good)
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), pngBytes) || rec.Header().Get("Content-Type") != "image/png" || rec.Header().Get("Cache-Control") == "" {
			t.Fatalf("KOPIS poster: %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"))
		}
	}
	if hits.Load() != 1 {
		t.Fatalf("KOPIS was asked %d times for one poster, want 1 (cached)", hits.Load())
	}
	if rec := get(poster(elsewhere.URL + "/poster.png")); rec.Code != http.StatusBadGateway {
		t.Fatalf("poster on another host: %d", rec.Code)
	}
	if rec := get(poster(kopis.URL + "/upload/pfmPoster/text.jpg")); rec.Code != http.StatusBadGateway {
		t.Fatalf("a poster that is not an image: %d", rec.Code)
	}
	if rec := get(999_999); rec.Code != http.StatusNotFound {
		t.Fatalf("unknown concert: %d", rec.Code)
	}
}
