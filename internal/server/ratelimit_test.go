package server_test

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/ratelimit"
	"github.com/claco/claco/internal/testdb"
)

// fromAddress posts a query as a client at addr (host:port).
func fromAddress(api *apitest.API, addr, token string) *httptest.ResponseRecorder {
	body, _ := json.Marshal(map[string]any{"query": `{ keywords { key } }`})
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.RemoteAddr = addr
	rec := httptest.NewRecorder()
	api.Server.Handler().ServeHTTP(rec, req)
	return rec
}

// randomAddress keeps runs apart in a shared Redis.
func randomAddress() string {
	b := make([]byte, 2)
	_, _ = rand.Read(b)
	return fmt.Sprintf("198.51.%d.%d:4000", b[0], b[1])
}

func limited(ip, member string, redisURL string) apitest.Option {
	return apitest.WithConfig(func(c *config.Config) {
		c.RateLimitIP, _ = ratelimit.ParseRate(ip)
		c.RateLimitMember, _ = ratelimit.ParseRate(member)
		c.RedisURL = redisURL
	})
}

func assertRateLimited(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	var res apitest.Response
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || len(res.Errors) != 1 || res.Errors[0].Code() != "RATE_LIMITED" {
		t.Fatalf("want RATE_LIMITED, got %d %s", rec.Code, rec.Body.String())
	}
	if s, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || s < 1 {
		t.Fatalf("Retry-After %q", rec.Header().Get("Retry-After"))
	}
}

func TestRateLimitPerAddressAndPerMemberInMemory(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin(), limited("3/m", "2/m", ""))
	addr := randomAddress()
	for i := range 3 {
		if rec := fromAddress(api, addr, ""); rec.Code != http.StatusOK {
			t.Fatalf("request %d: %d %s", i+1, rec.Code, rec.Body)
		}
	}
	assertRateLimited(t, fromAddress(api, addr, ""))
	if rec := fromAddress(api, randomAddress(), ""); rec.Code != http.StatusOK {
		t.Fatalf("another address is limited too: %d", rec.Code)
	}
	// One member from many addresses meets the member limit.
	d := api.NewDevice("phone")
	d.DevLogin("busy@example.com", "") // from the harness's own address
	for i := range 2 {
		if rec := fromAddress(api, randomAddress(), d.Token); rec.Code != http.StatusOK {
			t.Fatalf("member request %d: %d", i+1, rec.Code)
		}
	}
	assertRateLimited(t, fromAddress(api, randomAddress(), d.Token))
}

// Two server instances with one Redis share one budget.
func TestRateLimitSharedThroughRedis(t *testing.T) {
	redisURL := "redis://127.0.0.1:6379/0"
	client, err := ratelimit.Open(redisURL)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if err := client.Ping(t.Context()).Err(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Redis at %s is not answering: %v", redisURL, err)
		}
		t.Skipf("no Redis at %s: %v", redisURL, err)
	}
	db := testdb.Open(t)
	a := apitest.NewOver(t, db, limited("4/m", "off", redisURL))
	b := apitest.NewOver(t, db, limited("4/m", "off", redisURL))
	addr := randomAddress()
	for i, api := range []*apitest.API{a, a, b, b} {
		if rec := fromAddress(api, addr, ""); rec.Code != http.StatusOK {
			t.Fatalf("request %d: %d %s", i+1, rec.Code, rec.Body)
		}
	}
	assertRateLimited(t, fromAddress(a, addr, ""))
	assertRateLimited(t, fromAddress(b, addr, ""))
}
