package graph_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/auth"
)

// forge signs claims with the test server's secret (or another) and method.
func forge(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBadAccessTokensAreUnauthenticated(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d := api.NewDevice("phone")
	login := d.DevLogin("someone@example.com", "MEMBER")
	parts := strings.Split(login.AccessToken, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])

	secret := []byte(api.Config.JWTSecret)
	valid := func() jwt.MapClaims {
		c := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(login.AccessToken, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	with := func(key string, v any) jwt.MapClaims { c := valid(); c[key] = v; return c }

	expired := with("exp", apitest.Now.Add(-time.Minute).Unix())
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(payload), `"role":"MEMBER"`, `"role":"ADMIN"`, 1))) + "." + parts[2]
	none := forge(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid())
	tokens := map[string]string{
		"expired":        forge(t, jwt.SigningMethodHS256, secret, expired),
		"tampered":       tampered,
		"alg none":       none,
		"wrong audience": forge(t, jwt.SigningMethodHS256, secret, with("aud", "someone-else")),
		"wrong issuer":   forge(t, jwt.SigningMethodHS256, secret, with("iss", "evil")),
		"other secret":   forge(t, jwt.SigningMethodHS256, []byte("another-secret-of-at-least-32-bytes"), valid()),
		"HS512":          forge(t, jwt.SigningMethodHS512, secret, valid()),
		"no expiry":      forge(t, jwt.SigningMethodHS256, secret, func() jwt.MapClaims { c := valid(); delete(c, "exp"); return c }()),
		"garbage":        "not.a.token",
	}
	for name, token := range tokens {
		res := api.Do(apitest.Request{Query: `{ me { id } }`, Token: token})
		if res.Status != http.StatusOK {
			t.Errorf("%s: HTTP %d", name, res.Status)
		}
		e := res.MustFail(t, "UNAUTHENTICATED", "")
		if name == "expired" && !strings.Contains(e.Message, "expired") {
			t.Errorf("expired token: message %q does not say so", e.Message)
		}
	}
	// A non-Bearer Authorization header is no token either.
	res := api.Do(apitest.Request{Query: `{ me { id } }`, Header: http.Header{"Authorization": {"Basic Zm9vOmJhcg=="}}})
	res.MustFail(t, "UNAUTHENTICATED", "")
	// The genuine token still works, and no token at all is simply anonymous.
	var ok struct{ Me struct{ ID string } }
	api.Do(apitest.Request{Query: `{ me { id } }`, Token: login.AccessToken}).MustData(t, &ok)
	var anon struct{ Me *struct{ ID string } }
	api.Query(`{ me { id } keywords { key } }`, nil).MustData(t, &anon)
	if anon.Me != nil {
		t.Fatal("anonymous me is not null")
	}
}

func TestRefreshRotatesAndReuseRevokesTheSession(t *testing.T) {
	clock := apitest.NewClock()
	api := apitest.New(t, apitest.WithDevLogin(), apitest.WithClock(clock))
	d := api.NewDevice("phone")
	d.DevLogin("rotate@example.com", "MEMBER")
	first := d.Cookie("/", auth.RefreshCookie)

	if _, res := d.Refresh(); len(res.Errors) > 0 {
		t.Fatalf("refresh: %+v", res.Errors)
	}
	second := d.Cookie("/", auth.RefreshCookie)
	if second == "" || second == first {
		t.Fatal("refreshSession did not rotate the refresh cookie")
	}
	token := d.Token

	// Someone replays the first token after the grace window: the whole session ends.
	clock.Advance(auth.DefaultGrace + time.Second)
	thief := api.NewDevice("thief")
	thief.SetCookie(&http.Cookie{Name: auth.RefreshCookie, Value: first, Path: "/"})
	_, res := thief.Refresh()
	res.MustFail(t, "UNAUTHENTICATED", "")
	_, res = d.Refresh()
	res.MustFail(t, "UNAUTHENTICATED", "")
	// And so does the access token of that session.
	api.Do(apitest.Request{Query: `{ me { id } }`, Token: token}).MustFail(t, "UNAUTHENTICATED", "")

	// Without any cookie there is nothing to refresh.
	_, res = api.NewDevice("empty").Refresh()
	res.MustFail(t, "UNAUTHENTICATED", "")
}

func TestRefreshedTokenCarriesTheCurrentRole(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d := api.NewDevice("phone")
	login := d.DevLogin("grow@example.com", "")
	if login.Member.Role != "SOCIAL" {
		t.Fatalf("new dev member is %s", login.Member.Role)
	}
	d.Onboard("성장하는")
	p, res := d.Refresh()
	if len(res.Errors) > 0 || p.Member.Role != "MEMBER" {
		t.Fatalf("refresh after onboarding: %+v %+v", p, res.Errors)
	}
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(p.AccessToken, claims); err != nil || claims["role"] != "MEMBER" {
		t.Fatalf("refreshed token claims: %v %v", claims, err)
	}
}

func TestDevLoginIsOffByDefault(t *testing.T) {
	api := apitest.New(t)
	api.Query(`mutation { devLogin(email: "x@example.com") { accessToken } }`, nil).MustFail(t, "FORBIDDEN", "")
}

// Two tabs of one browser refresh with the same cookie at the same moment:
// both are answered and both stay signed in; a replay after the grace
// window still ends the session.
func TestConcurrentRefreshesWithOneCookieBothSucceed(t *testing.T) {
	clock := apitest.NewClock()
	api := apitest.New(t, apitest.WithDevLogin(), apitest.WithClock(clock))
	d := api.NewDevice("browser")
	d.DevLogin("tabs@example.com", "MEMBER")
	shared := &http.Cookie{Name: auth.RefreshCookie, Value: d.Cookie("/", auth.RefreshCookie), Path: "/"}
	tabs := []*apitest.Device{api.NewDevice("tab1"), api.NewDevice("tab2")}
	results := make([]*apitest.Response, len(tabs))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, tab := range tabs {
		tab.SetCookie(shared)
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, results[i] = tab.Refresh()
		}()
	}
	close(start)
	wg.Wait()
	for i, res := range results {
		if len(res.Errors) > 0 {
			t.Fatalf("tab %d: %+v", i+1, res.Errors)
		}
	}
	// Both tabs' new sessions work, a little later too.
	clock.Advance(time.Minute)
	for i, tab := range tabs {
		if _, res := tab.Refresh(); len(res.Errors) > 0 {
			t.Fatalf("tab %d after its refresh: %+v", i+1, res.Errors)
		}
	}
	// The shared cookie, replayed after the window, ends the session.
	late := api.NewDevice("late")
	late.SetCookie(shared)
	_, res := late.Refresh()
	res.MustFail(t, "UNAUTHENTICATED", "")
	_, res = tabs[0].Refresh()
	res.MustFail(t, "UNAUTHENTICATED", "")
}
