package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/kakao/kakaotest"
)

const (
	kakaoClientID = "kakao-rest-key"
	kakaoSecret   = "kakao-secret"
	front         = "https://front.claco.test"
)

func kakaoAPI(t *testing.T) (*apitest.API, *kakaotest.Server) {
	t.Helper()
	fake := kakaotest.New(t, kakaoClientID, kakaoSecret, apitest.Origin+"/auth/kakao/callback")
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.KakaoAuthURL, c.KakaoAPIURL = fake.URL, fake.URL
		c.KakaoClientID, c.KakaoClientSecret = kakaoClientID, kakaoSecret
		c.KakaoRedirectURL = apitest.Origin + "/auth/kakao/callback"
		c.FrontURL = front
		c.AdminEmails = []string{"Boss@Claco.test"}
	}))
	return api, fake
}

// signIn drives the browser through Kakao sign-in as account and returns
// where the server finally sent it.
func signIn(t *testing.T, d *apitest.Device, fake *kakaotest.Server, account kakaotest.Account) *url.URL {
	t.Helper()
	res := d.Get("/auth/kakao/login")
	if res.StatusCode != http.StatusFound {
		t.Fatalf("/auth/kakao/login: %d", res.StatusCode)
	}
	to, _ := url.Parse(res.Header.Get("Location"))
	if !strings.HasPrefix(to.String(), fake.URL+"/oauth/authorize?") || to.Query().Get("client_id") != kakaoClientID ||
		to.Query().Get("redirect_uri") != apitest.Origin+"/auth/kakao/callback" || to.Query().Get("response_type") != "code" {
		t.Fatalf("login redirects to %s", to)
	}
	state := to.Query().Get("state")
	if state == "" || d.Cookie("/auth/kakao", "claco_oauth_state") != state {
		t.Fatal("state is not bound to a cookie")
	}
	code := fake.Authorize(account)
	return callback(t, d, url.Values{"code": {code}, "state": {state}})
}

func callback(t *testing.T, d *apitest.Device, q url.Values) *url.URL {
	t.Helper()
	res := d.Get("/auth/kakao/callback?" + q.Encode())
	if res.StatusCode != http.StatusFound {
		t.Fatalf("callback: %d", res.StatusCode)
	}
	to, _ := url.Parse(res.Header.Get("Location"))
	if to.Scheme+"://"+to.Host+to.Path != front+"/oauth/callback" {
		t.Fatalf("callback redirects to %s", to)
	}
	return to
}

type meResult struct {
	Me *struct {
		ID, Role string
		Nickname *string
		Email    *string
	}
}

func me(t *testing.T, d *apitest.Device) meResult {
	t.Helper()
	var res meResult
	d.Query(`{ me { id role nickname email } }`, nil).MustData(t, &res)
	return res
}

func TestKakaoSignUpOnboardingAndDevices(t *testing.T) {
	api, fake := kakaoAPI(t)
	jiwoo := kakaotest.Account{ID: 3141592, Email: "jiwoo@example.com", EmailVerified: true, Nickname: "지우", Thumbnail: "https://k.kakaocdn.net/thumb.jpg"}

	phone := api.NewDevice("phone")
	to := signIn(t, phone, fake, jiwoo)
	if to.Query().Get("status") != "signup" || len(to.Query()) != 1 {
		t.Fatalf("first sign-in ends at %s, want only status=signup", to)
	}
	if phone.Cookie("/", auth.RefreshCookie) == "" {
		t.Fatal("no refresh cookie after sign-in")
	}
	first, res := phone.Refresh()
	if len(res.Errors) > 0 || first.Member.Role != "SOCIAL" {
		t.Fatalf("refreshSession after sign-up: %+v %+v", first, res.Errors)
	}
	socialToken := phone.Token

	// Onboarding returns a MEMBER token: no second sign-in.
	onboarded := phone.Onboard("지우지우")
	if onboarded.Member.Role != "MEMBER" || onboarded.AccessToken == socialToken {
		t.Fatalf("onboarding returned %+v", onboarded)
	}
	if m := me(t, phone); m.Me.Role != "MEMBER" || *m.Me.Nickname != "지우지우" || *m.Me.Email != "jiwoo@example.com" {
		t.Fatalf("me after onboarding: %+v", m.Me)
	}
	// The token minted while SOCIAL does not keep the member SOCIAL: roles come from the database.
	phone.Token = socialToken
	phone.Query(`mutation { updatePreference(input: {ageBand: 40}) { minPrice } }`, nil).MustData(t, &struct{}{})

	// Signing in again on another device finds the same member, in a session of its own.
	laptop := api.NewDevice("laptop")
	if to := signIn(t, laptop, fake, jiwoo); to.Query().Get("status") != "member" {
		t.Fatalf("second sign-in ends at %s, want status=member", to)
	}
	again, _ := laptop.Refresh()
	if again.Member.ID != first.Member.ID {
		t.Fatalf("second sign-in made member %s, want %s", again.Member.ID, first.Member.ID)
	}

	// Logging out on the phone ends the phone's session only.
	phone.Token = onboarded.AccessToken
	var out struct{ Logout bool }
	phone.Query(`mutation { logout }`, nil).MustData(t, &out)
	if !out.Logout || phone.Cookie("/", auth.RefreshCookie) != "" {
		t.Fatal("logout did not clear the refresh cookie")
	}
	phone.Query(`{ me { id } }`, nil).MustFail(t, "UNAUTHENTICATED", "")
	if _, res := laptop.Refresh(); len(res.Errors) > 0 {
		t.Fatalf("the laptop's session ended with the phone's: %+v", res.Errors)
	}
	if m := me(t, laptop); m.Me == nil || m.Me.ID != first.Member.ID {
		t.Fatalf("laptop me: %+v", m.Me)
	}
}

func TestKakaoSignInFailuresRedirectWithAnErrorStatus(t *testing.T) {
	api, fake := kakaoAPI(t)
	verified := kakaotest.Account{ID: 1, Email: "a@example.com", EmailVerified: true}
	cases := map[string]struct {
		query  func(state string) url.Values
		reason string
	}{
		"state mismatch": {func(string) url.Values { return url.Values{"code": {fake.Authorize(verified)}, "state": {"forged"}} }, "state"},
		"state missing":  {func(string) url.Values { return url.Values{"code": {fake.Authorize(verified)}} }, "state"},
		"bad code":       {func(s string) url.Values { return url.Values{"code": {"expired-code"}, "state": {s}} }, "kakao"},
		"user refused":   {func(s string) url.Values { return url.Values{"error": {"access_denied"}, "state": {s}} }, "cancelled"},
		"unverified e-mail": {func(s string) url.Values {
			return url.Values{"code": {fake.Authorize(kakaotest.Account{ID: 2, Email: "b@example.com"})}, "state": {s}}
		}, "email"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			d := api.NewDevice(name)
			res := d.Get("/auth/kakao/login")
			loc, _ := url.Parse(res.Header.Get("Location"))
			to := callback(t, d, c.query(loc.Query().Get("state")))
			if to.Query().Get("status") != "error" || to.Query().Get("reason") != c.reason {
				t.Fatalf("ends at %s, want status=error reason=%s", to, c.reason)
			}
			if d.Cookie("/", auth.RefreshCookie) != "" {
				t.Fatal("a failed sign-in set a refresh cookie")
			}
		})
	}
	// A state cookie from another browser does not help.
	d := api.NewDevice("other")
	to := callback(t, d, url.Values{"code": {fake.Authorize(verified)}, "state": {"whatever"}})
	if to.Query().Get("reason") != "state" {
		t.Fatalf("no state cookie: %s", to)
	}
	if n, _ := api.DB.Member.Query().Count(t.Context()); n != 0 {
		t.Fatalf("failed sign-ins created %d members", n)
	}
}

func TestKakaoAdminEmailsBecomeAdmin(t *testing.T) {
	api, fake := kakaoAPI(t)
	d := api.NewDevice("admin")
	signIn(t, d, fake, kakaotest.Account{ID: 7, Email: "boss@claco.test", EmailVerified: true})
	if p, _ := d.Refresh(); p.Member.Role != "ADMIN" {
		t.Fatalf("admin e-mail signed in as %s", p.Member.Role)
	}
}

func TestNoTokenOrCodeInURLsOrLogs(t *testing.T) {
	api, fake := kakaoAPI(t)
	d := api.NewDevice("phone")
	res := d.Get("/auth/kakao/login")
	loc, _ := url.Parse(res.Header.Get("Location"))
	code := fake.Authorize(kakaotest.Account{ID: 9, Email: "c@example.com", EmailVerified: true})
	final := callback(t, d, url.Values{"code": {code}, "state": {loc.Query().Get("state")}})
	refresh1 := d.Cookie("/", auth.RefreshCookie)
	p, _ := d.Refresh()
	refresh2 := d.Cookie("/", auth.RefreshCookie)
	d.Onboard("로그검사")
	access2 := d.Token
	// A failed exchange: Kakao echoes the code in its error description.
	badCode := "code-leak-check-123456"
	callback(t, d, url.Values{"code": {badCode}, "state": {"x"}})
	d2 := api.NewDevice("tablet")
	r := d2.Get("/auth/kakao/login")
	l2, _ := url.Parse(r.Header.Get("Location"))
	callback(t, d2, url.Values{"code": {badCode}, "state": {l2.Query().Get("state")}})
	d.Query(`mutation { logout }`, nil)

	secrets := map[string]string{
		"kakao code": code, "rejected kakao code": badCode,
		"refresh token": refresh1, "rotated refresh token": refresh2,
		"access token": p.AccessToken, "onboarding access token": access2,
	}
	logs := api.Logs()
	for what, secret := range secrets {
		if secret == "" {
			t.Fatalf("%s not captured", what)
		}
		if strings.Contains(logs, secret) {
			t.Errorf("the logs contain the %s", what)
		}
		if strings.Contains(final.String(), secret) {
			t.Errorf("the redirect URL contains the %s", what)
		}
	}
	if !strings.Contains(logs, "kakao code exchange failed") {
		t.Fatal("the failed exchange was not logged at all")
	}
}

func TestKakaoSignUpAgainAfterWithdrawal(t *testing.T) {
	api, fake := kakaoAPI(t)
	account := kakaotest.Account{ID: 77, Email: "again@example.com", EmailVerified: true}
	d := api.NewDevice("phone")
	signIn(t, d, fake, account)
	first, _ := d.Refresh()
	d.Onboard("돌아온이")
	d.Query(`mutation { withdraw }`, nil).MustData(t, &struct{}{})

	again := api.NewDevice("phone")
	if to := signIn(t, again, fake, account); to.Query().Get("status") != "signup" {
		t.Fatalf("sign-in after withdrawal ends at %s, want status=signup", to)
	}
	second, _ := again.Refresh()
	if second.Member.ID == first.Member.ID || second.Member.Role != "SOCIAL" {
		t.Fatalf("after withdrawal Kakao signs in as %+v (was %+v)", second.Member, first.Member)
	}
	again.Onboard("돌아온이")
}

// An attacker-sized error parameter leaves a bounded log line.
func TestKakaoCallbackLogsUntrustedParametersBounded(t *testing.T) {
	api, _ := kakaoAPI(t)
	huge := strings.Repeat("x", 200<<10)
	for _, withState := range []bool{false, true} {
		d := api.NewDevice("flood")
		res := d.Get("/auth/kakao/login")
		loc, _ := url.Parse(res.Header.Get("Location"))
		q := url.Values{"error": {huge + "\n{\"forged\":\"line\"}"}}
		if withState {
			q.Set("state", loc.Query().Get("state"))
		}
		callback(t, d, q)
	}
	for _, line := range strings.Split(api.Logs(), "\n") {
		if len(line) > 2048 || strings.Contains(line, `"forged"`) {
			t.Fatalf("a log line of %d bytes carries the untrusted parameter", len(line))
		}
	}
}
