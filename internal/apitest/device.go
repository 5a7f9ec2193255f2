package apitest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"
)

// Origin is the address the server under test pretends to be at.
const Origin = "http://localhost:8080"

// Device is one browser or phone talking to the server: it keeps the cookies
// the server sets (the refresh cookie) and an access token.
type Device struct {
	api   *API
	t     testing.TB
	jar   *cookiejar.Jar
	Token string
	Agent string
}

// NewDevice returns a device with no cookies and no token.
func (a *API) NewDevice(agent string) *Device {
	jar, _ := cookiejar.New(nil)
	return &Device{api: a, t: a.t, jar: jar, Agent: agent}
}

// Query posts a GraphQL request with the device's token and cookies.
func (d *Device) Query(query string, vars map[string]any) *Response {
	d.t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		d.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, Origin+"/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return d.decode(d.send(req))
}

// Upload posts a GraphQL multipart request (the spec clients use for files)
// with one file bound to the variable path, e.g. "variables.input.profileImage".
func (d *Device) Upload(query string, vars map[string]any, path, filename string, content []byte) *Response {
	d.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", `{"0": ["`+path+`"]}`)
	part, _ := w.CreateFormFile("0", filename)
	_, _ = part.Write(content)
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, Origin+"/query", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return d.decode(d.send(req))
}

// Get requests a path (not following redirects) with the device's cookies.
func (d *Device) Get(path string) *http.Response {
	d.t.Helper()
	return d.send(httptest.NewRequest(http.MethodGet, Origin+path, nil))
}

// Cookie returns the value of a cookie the device holds for path, or "".
func (d *Device) Cookie(path, name string) string {
	u, _ := url.Parse(Origin + path)
	for _, c := range d.jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// SetCookie replaces a cookie the device holds (to replay an old one).
func (d *Device) SetCookie(c *http.Cookie) {
	u, _ := url.Parse(Origin + "/")
	d.jar.SetCookies(u, []*http.Cookie{c})
}

func (d *Device) send(req *http.Request) *http.Response {
	if d.Token != "" {
		req.Header.Set("Authorization", "Bearer "+d.Token)
	}
	if d.Agent != "" {
		req.Header.Set("User-Agent", d.Agent)
	}
	for _, c := range d.jar.Cookies(req.URL) {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	d.api.Server.Handler().ServeHTTP(rec, req)
	res := rec.Result()
	d.jar.SetCookies(req.URL, res.Cookies())
	return res
}

func (d *Device) decode(res *http.Response) *Response {
	d.t.Helper()
	data, _ := io.ReadAll(res.Body)
	out := &Response{Status: res.StatusCode, Header: res.Header}
	if err := json.Unmarshal(data, out); err != nil {
		d.t.Fatalf("response is not GraphQL JSON (status %d): %v\n%s", res.StatusCode, err, data)
	}
	return out
}

// AuthPayload is what sign-in mutations return.
type AuthPayload struct {
	AccessToken string
	ExpiresAt   string
	Member      struct {
		ID   string
		Role string
	}
}

// DevLogin signs the device in with the dev login (the server must run with
// CLACO_DEV_LOGIN) and keeps the token.
func (d *Device) DevLogin(email, role string) AuthPayload {
	d.t.Helper()
	var res struct{ DevLogin AuthPayload }
	vars := map[string]any{"email": email}
	if role != "" {
		vars["role"] = role
	}
	d.Query(`mutation($email: String!, $role: Role) { devLogin(email: $email, role: $role) { accessToken expiresAt member { id role } } }`, vars).MustData(d.t, &res)
	d.Token = res.DevLogin.AccessToken
	return res.DevLogin
}

// Refresh calls refreshSession and keeps the new token.
func (d *Device) Refresh() (AuthPayload, *Response) {
	d.t.Helper()
	res := d.Query(`mutation { refreshSession { accessToken expiresAt member { id role } } }`, nil)
	var data struct{ RefreshSession AuthPayload }
	if len(res.Errors) == 0 {
		res.MustData(d.t, &data)
		d.Token = data.RefreshSession.AccessToken
	}
	return data.RefreshSession, res
}

// Onboard completes onboarding with valid answers and keeps the new token.
func (d *Device) Onboard(nickname string) AuthPayload {
	d.t.Helper()
	var res struct{ CompleteOnboarding AuthPayload }
	d.Query(OnboardMutation, map[string]any{"input": OnboardingInput(nickname)}).MustData(d.t, &res)
	d.Token = res.CompleteOnboarding.AccessToken
	return res.CompleteOnboarding
}

// OnboardMutation completes onboarding with $input.
const OnboardMutation = `mutation($input: OnboardingInput!) { completeOnboarding(input: $input) { accessToken expiresAt member { id role } } }`

// OnboardingInput is a valid onboarding input with the nickname.
func OnboardingInput(nickname string) map[string]any {
	return map[string]any{
		"nickname": nickname, "gender": "FEMALE", "ageBand": 30,
		"minPrice": 0, "maxPrice": 100000,
		"regions": []string{"서울", "경기"}, "types": []string{"MUSIC_FOCUSED"},
		"keywords": []string{"grand", "modern", "lyrical", "romantic", "familiar"},
	}
}
