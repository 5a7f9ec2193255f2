// Package config owns the service's configuration: the CLACO_* environment
// variables of the API contract, their defaults, and the rules that keep a
// production deployment safe.
package config

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/ratelimit"
)

// Config is the whole configuration of the server.
type Config struct {
	Addr        string // CLACO_ADDR, the public listener
	AdminAddr   string // CLACO_ADMIN_ADDR, metrics
	DatabaseURL string // CLACO_DATABASE_URL
	// DatabaseReplicaURL is an optional read replica for the catalogue's
	// public reads (CLACO_DATABASE_REPLICA_URL).
	DatabaseReplicaURL string
	Env                string // CLACO_ENV: dev or production

	JWTSecret  string        // CLACO_JWT_SECRET
	AccessTTL  time.Duration // CLACO_ACCESS_TTL
	RefreshTTL time.Duration // CLACO_REFRESH_TTL

	FrontURL    string   // CLACO_FRONT_URL
	CORSOrigins []string // CLACO_CORS_ORIGINS

	KakaoClientID     string // CLACO_KAKAO_CLIENT_ID
	KakaoClientSecret string // CLACO_KAKAO_CLIENT_SECRET
	KakaoRedirectURL  string // CLACO_KAKAO_REDIRECT_URL
	KakaoAuthURL      string // CLACO_KAKAO_AUTH_URL
	KakaoAPIURL       string // CLACO_KAKAO_API_URL

	DevLogin    bool     // CLACO_DEV_LOGIN
	AdminEmails []string // CLACO_ADMIN_EMAILS
	UploadDir   string   // CLACO_UPLOAD_DIR

	KOPISURL string // CLACO_KOPIS_URL
	KOPISKey string // CLACO_KOPIS_KEY

	// RequestTimeout bounds the work of one API request (CLACO_REQUEST_TIMEOUT).
	RequestTimeout time.Duration
	// RateLimitIP and RateLimitMember bound requests per client address and
	// per signed-in member (CLACO_RATE_LIMIT_IP, CLACO_RATE_LIMIT_MEMBER).
	RateLimitIP, RateLimitMember ratelimit.Rate
	// TrustedProxies may set X-Forwarded-For (CLACO_TRUSTED_PROXIES).
	TrustedProxies []netip.Prefix
	// RedisURL shares rate limits between instances (CLACO_REDIS_URL).
	RedisURL string

	// PublicURL is the server's public address (CLACO_PUBLIC_URL); when set,
	// file and poster URLs are absolute under it.
	PublicURL string

	// Introspection turns on schema introspection and the playground
	// (CLACO_INTROSPECTION, default on): open to everyone in dev, to ADMIN
	// tokens only in production.
	Introspection bool
	// Demo loads the demo catalogue into an empty embedded database
	// (CLACO_DEMO; default on in dev, never in production).
	Demo bool

	// Migrate says what start-up does with pending schema migrations
	// (CLACO_MIGRATE): MigrateAuto applies them, MigrateOff refuses to start.
	Migrate string
}

// CLACO_MIGRATE values.
const (
	MigrateAuto = "auto" // apply pending migrations at start-up (MySQL: under a lock)
	MigrateOff  = "off"  // refuse to start while migrations are pending; run `server migrate`
)

// Environments.
const (
	Dev        = "dev"
	Production = "production"
)

// Production reports whether the server runs in production mode.
func (c Config) Production() bool { return c.Env == Production }

// Load reads the configuration through getenv (os.Getenv in main, a map in tests).
func Load(getenv func(string) string) (Config, error) {
	env := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		Addr:              env("CLACO_ADDR", ":8080"),
		AdminAddr:         env("CLACO_ADMIN_ADDR", "127.0.0.1:9090"),
		DatabaseURL:       env("CLACO_DATABASE_URL", database.DefaultURL),
		Env:               env("CLACO_ENV", Dev),
		JWTSecret:         getenv("CLACO_JWT_SECRET"),
		FrontURL:          env("CLACO_FRONT_URL", "http://localhost:3000"),
		CORSOrigins:       list(getenv("CLACO_CORS_ORIGINS")),
		KakaoClientID:     getenv("CLACO_KAKAO_CLIENT_ID"),
		KakaoClientSecret: getenv("CLACO_KAKAO_CLIENT_SECRET"),
		KakaoRedirectURL:  env("CLACO_KAKAO_REDIRECT_URL", "http://localhost:8080/auth/kakao/callback"),
		KakaoAuthURL:      env("CLACO_KAKAO_AUTH_URL", "https://kauth.kakao.com"),
		KakaoAPIURL:       env("CLACO_KAKAO_API_URL", "https://kapi.kakao.com"),
		AdminEmails:       list(getenv("CLACO_ADMIN_EMAILS")),
		UploadDir:         env("CLACO_UPLOAD_DIR", "uploads"),
		KOPISURL:          env("CLACO_KOPIS_URL", "http://www.kopis.or.kr/openApi/restful"),
		KOPISKey:          getenv("CLACO_KOPIS_KEY"),
		PublicURL:         strings.TrimRight(strings.TrimSpace(getenv("CLACO_PUBLIC_URL")), "/"),
		Migrate:           strings.ToLower(env("CLACO_MIGRATE", MigrateAuto)),
	}
	var errs []error
	if c.Env != Dev && c.Env != Production {
		errs = append(errs, fmt.Errorf("CLACO_ENV=%q: want %q or %q", c.Env, Dev, Production))
	}
	if c.Migrate != MigrateAuto && c.Migrate != MigrateOff {
		errs = append(errs, fmt.Errorf("CLACO_MIGRATE=%q: want %q or %q", c.Migrate, MigrateAuto, MigrateOff))
	}
	if c.PublicURL != "" {
		if u, perr := url.Parse(c.PublicURL); perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("CLACO_PUBLIC_URL=%q: want an absolute http(s) URL such as https://api.claco.kr", c.PublicURL))
		}
	}
	var err error
	if c.AccessTTL, err = duration(getenv, "CLACO_ACCESS_TTL", 15*time.Minute); err != nil {
		errs = append(errs, err)
	}
	if c.RefreshTTL, err = duration(getenv, "CLACO_REFRESH_TTL", 720*time.Hour); err != nil {
		errs = append(errs, err)
	}
	if c.RequestTimeout, err = duration(getenv, "CLACO_REQUEST_TIMEOUT", 10*time.Second); err != nil {
		errs = append(errs, err)
	}
	if c.RateLimitIP, err = rate(env("CLACO_RATE_LIMIT_IP", ratelimit.DefaultIP)); err != nil {
		errs = append(errs, fmt.Errorf("CLACO_RATE_LIMIT_IP: %w", err))
	}
	if c.RateLimitMember, err = rate(env("CLACO_RATE_LIMIT_MEMBER", ratelimit.DefaultMember)); err != nil {
		errs = append(errs, fmt.Errorf("CLACO_RATE_LIMIT_MEMBER: %w", err))
	}
	if c.TrustedProxies, err = ratelimit.ParseTrustedProxies(getenv("CLACO_TRUSTED_PROXIES")); err != nil {
		errs = append(errs, fmt.Errorf("CLACO_TRUSTED_PROXIES: %w", err))
	}
	c.RedisURL = strings.TrimSpace(getenv("CLACO_REDIS_URL"))
	c.DatabaseReplicaURL = strings.TrimSpace(getenv("CLACO_DATABASE_REPLICA_URL"))
	if c.DevLogin, err = boolean(getenv, "CLACO_DEV_LOGIN", false); err != nil {
		errs = append(errs, err)
	}
	if c.Introspection, err = boolean(getenv, "CLACO_INTROSPECTION", true); err != nil {
		errs = append(errs, err)
	}
	if c.Demo, err = boolean(getenv, "CLACO_DEMO", !c.Production()); err != nil {
		errs = append(errs, err)
	}
	if c.Production() {
		c.Demo = false
		if c.DevLogin {
			errs = append(errs, errors.New("CLACO_DEV_LOGIN must be off in production"))
		}
		if strings.TrimSpace(getenv("CLACO_DATABASE_URL")) == "" {
			errs = append(errs, errors.New("CLACO_DATABASE_URL is required in production (the embedded SQLite is for development)"))
		}
		if len(c.JWTSecret) < 32 {
			errs = append(errs, errors.New("CLACO_JWT_SECRET is required in production (at least 32 characters)"))
		}
	}
	return c, errors.Join(errs...)
}

func rate(v string) (ratelimit.Rate, error) { return ratelimit.ParseRate(v) }

func list(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func duration(getenv func(string) string, name string, def time.Duration) (time.Duration, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q: want a positive duration such as 15m", name, v)
	}
	return d, nil
}

func boolean(getenv func(string) string, name string, def bool) (bool, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s=%q: want true or false", name, v)
	}
	return b, nil
}
