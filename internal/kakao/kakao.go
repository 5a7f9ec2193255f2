// Package kakao speaks Kakao Login's OAuth2 authorization-code flow over plain
// HTTP: the authorize URL the browser is sent to, the code-for-token exchange
// on the auth host, and the user lookup on the API host. Kakao's codes and
// tokens never appear in its errors.
package kakao

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Client is a Kakao app's side of the flow.
type Client struct {
	AuthURL      string // e.g. https://kauth.kakao.com
	APIURL       string // e.g. https://kapi.kakao.com
	ClientID     string // the app's REST API key
	ClientSecret string // optional
	RedirectURL  string // our callback, as registered with Kakao
	HTTP         *http.Client
}

// NewClient returns a client with a bounded HTTP timeout.
func NewClient(authURL, apiURL, clientID, clientSecret, redirectURL string) *Client {
	return &Client{
		AuthURL:      strings.TrimRight(authURL, "/"),
		APIURL:       strings.TrimRight(apiURL, "/"),
		ClientID:     clientID,
		ClientSecret: clientSecret,
		RedirectURL:  redirectURL,
		HTTP:         &http.Client{Timeout: 10 * time.Second},
	}
}

// AuthorizeURL is where the browser goes to sign in; Kakao sends it back to
// RedirectURL with a code and the same state.
func (c *Client) AuthorizeURL(state string) string {
	q := url.Values{
		"response_type": {"code"},
		"client_id":     {c.ClientID},
		"redirect_uri":  {c.RedirectURL},
		"state":         {state},
	}
	return c.AuthURL + "/oauth/authorize?" + q.Encode()
}

// Error is a failed call to Kakao. It carries Kakao's error code, never the
// request's code or token.
type Error struct {
	Step      string // "token" or "user"
	Status    int
	KakaoCode string // e.g. KOE320
}

func (e *Error) Error() string {
	return fmt.Sprintf("kakao %s: HTTP %d %s", e.Step, e.Status, e.KakaoCode)
}

// Exchange trades an authorization code for Kakao's access token.
func (c *Client) Exchange(ctx context.Context, code string) (string, error) {
	form := url.Values{
		"grant_type":   {"authorization_code"},
		"client_id":    {c.ClientID},
		"redirect_uri": {c.RedirectURL},
		"code":         {code},
	}
	if c.ClientSecret != "" {
		form.Set("client_secret", c.ClientSecret)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.AuthURL+"/oauth/token", strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("kakao token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
	var body struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
	}
	if err := c.do(req, "token", &body); err != nil {
		return "", err
	}
	if body.AccessToken == "" {
		return "", &Error{Step: "token", Status: http.StatusOK, KakaoCode: "no access_token"}
	}
	return body.AccessToken, nil
}

// User is what Claco reads of a Kakao account.
type User struct {
	ID            string
	Email         string
	EmailVerified bool
	Nickname      string
	ThumbnailURL  string
}

// Me reads the signed-in user with Kakao's access token.
func (c *Client) Me(ctx context.Context, accessToken string) (User, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.APIURL+"/v2/user/me", nil)
	if err != nil {
		return User{}, fmt.Errorf("kakao user: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	var body struct {
		ID           int64 `json:"id"`
		KakaoAccount struct {
			Email           string `json:"email"`
			IsEmailValid    bool   `json:"is_email_valid"`
			IsEmailVerified bool   `json:"is_email_verified"`
			Profile         struct {
				Nickname          string `json:"nickname"`
				ThumbnailImageURL string `json:"thumbnail_image_url"`
			} `json:"profile"`
		} `json:"kakao_account"`
	}
	if err := c.do(req, "user", &body); err != nil {
		return User{}, err
	}
	if body.ID == 0 {
		return User{}, &Error{Step: "user", Status: http.StatusOK, KakaoCode: "no id"}
	}
	a := body.KakaoAccount
	return User{
		ID:            strconv.FormatInt(body.ID, 10),
		Email:         a.Email,
		EmailVerified: a.IsEmailVerified && a.IsEmailValid && a.Email != "",
		Nickname:      a.Profile.Nickname,
		ThumbnailURL:  a.Profile.ThumbnailImageURL,
	}, nil
}

func (c *Client) do(req *http.Request, step string, out any) error {
	res, err := c.HTTP.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err // the URL may carry nothing secret, but keep errors short
		}
		return fmt.Errorf("kakao %s: %w", step, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("kakao %s: %w", step, err)
	}
	if res.StatusCode != http.StatusOK {
		var kerr struct {
			Code      string `json:"error_code"`
			ErrorName string `json:"error"`
			APICode   int    `json:"code"`
		}
		_ = json.Unmarshal(data, &kerr)
		code := kerr.Code
		if code == "" {
			code = kerr.ErrorName
		}
		if code == "" && kerr.APICode != 0 {
			code = strconv.Itoa(kerr.APICode)
		}
		return &Error{Step: step, Status: res.StatusCode, KakaoCode: code}
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("kakao %s: malformed response", step)
	}
	return nil
}
