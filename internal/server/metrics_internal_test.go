package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A request is counted before its client can read a byte of the answer, so a
// scrape that follows a response always sees it (TestNewcomerRun raced here).
func TestRequestIsCountedBeforeTheClientSeesTheResponse(t *testing.T) {
	m := &metrics{}
	m.init()
	release := make(chan struct{})
	slowTail := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		w.(http.Flusher).Flush()
		<-release // the handler has not returned while the client scrapes
	})
	srv := httptest.NewServer(m.instrument("probe", slowTail))
	defer srv.Close()
	defer close(release) // before Close, which waits for the handler
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusTeapot {
		t.Fatalf("status %d", res.StatusCode)
	}
	rec := httptest.NewRecorder()
	m.handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	want := `claco_http_requests_total{code="418",handler="probe",method="get"} 1`
	if !strings.Contains(string(body), want) {
		t.Fatalf("the answered request is not counted yet; /metrics lacks %s", want)
	}
}
