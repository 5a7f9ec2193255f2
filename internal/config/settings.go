package config

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Setting is one environment variable the server reads.
type Setting struct {
	Name, Default, Meaning string
}

// Flag is the command-line flag that gives the setting instead of the
// environment: the name without CLACO_, lower case, dashes for underscores
// (CLACO_DATABASE_URL is --database-url).
func (s Setting) Flag() string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(s.Name, "CLACO_")), "_", "-")
}

// EnvOnly reports whether the setting is read from the process environment
// by a library (the OpenTelemetry SDK), not by Load: it has no flag.
func (s Setting) EnvOnly() bool { return !strings.HasPrefix(s.Name, "CLACO_") }

// IsBool reports whether the setting is true or false, so that its flag
// alone (--dev-login) means true.
func (s Setting) IsBool() bool { return boolSettings[s.Name] }

var boolSettings = map[string]bool{"CLACO_DEV_LOGIN": true, "CLACO_INTROSPECTION": true, "CLACO_DEMO": true}

// Settings lists every setting with its default, for `server --help`.
var Settings = []Setting{
	{"CLACO_ADDR", ":8080", "public listener (/query, /playground, /healthz, /readyz)"},
	{"CLACO_ADMIN_ADDR", "127.0.0.1:9090", "operator listener (/metrics)"},
	{"CLACO_DATABASE_URL", "sqlite://claco.db (dev only)", "sqlite://PATH or mysql://user:pass@host:3306/db; required in production"},
	{"CLACO_DATABASE_REPLICA_URL", "none", "optional read replica (same forms) for the catalogue's public reads; mutations and personal data stay on the primary"},
	{"CLACO_ENV", "dev", "dev or production"},
	{"CLACO_JWT_SECRET", "random in dev", "HMAC key for access tokens; required in production (≥ 32 characters)"},
	{"CLACO_ACCESS_TTL", "15m", "access token lifetime"},
	{"CLACO_REFRESH_TTL", "720h", "refresh token lifetime"},
	{"CLACO_FRONT_URL", "http://localhost:3000", "where Kakao sign-in sends the browser back"},
	{"CLACO_CORS_ORIGINS", "none", "comma list of front-end origins allowed to call the API"},
	{"CLACO_KAKAO_CLIENT_ID", "none", "Kakao app"},
	{"CLACO_KAKAO_CLIENT_SECRET", "none", "Kakao app"},
	{"CLACO_KAKAO_REDIRECT_URL", "http://localhost:8080/auth/kakao/callback", "Kakao app"},
	{"CLACO_KAKAO_AUTH_URL", "https://kauth.kakao.com", "Kakao auth host"},
	{"CLACO_KAKAO_API_URL", "https://kapi.kakao.com", "Kakao API host"},
	{"CLACO_DEV_LOGIN", "false", "enables the devLogin mutation (refused in production)"},
	{"CLACO_ADMIN_EMAILS", "none", "comma list of e-mails promoted to ADMIN at sign-in"},
	{"CLACO_UPLOAD_DIR", "uploads", "where uploaded images are stored"},
	{"CLACO_PUBLIC_URL", "none", "public address; file URLs are absolute under it"},
	{"CLACO_KOPIS_URL", "http://www.kopis.or.kr/openApi/restful", "KOPIS API (its host may serve posters)"},
	{"CLACO_KOPIS_KEY", "none", "KOPIS service key"},
	{"CLACO_REQUEST_TIMEOUT", "10s", "deadline of one API request"},
	{"CLACO_RATE_LIMIT_IP", "50/s", "requests per client address (20/s, 600/m, off)"},
	{"CLACO_RATE_LIMIT_MEMBER", "20/s", "requests per signed-in member"},
	{"CLACO_TRUSTED_PROXIES", "none", "proxies whose X-Forwarded-For is believed (IPs or CIDRs)"},
	{"CLACO_REDIS_URL", "none", "redis://host:6379/0 to share rate limits between instances"},
	{"CLACO_INTROSPECTION", "true", "GraphQL introspection and /playground: open to all in dev, to ADMIN tokens only in production; false turns both off"},
	{"CLACO_DEMO", "on in dev", "load the demo catalogue into an empty embedded database"},
	{"OTEL_EXPORTER_OTLP_ENDPOINT", "none", "OTLP/HTTP collector (http://host:4318); set to export traces"},
	{"OTEL_SERVICE_NAME", "claco", "service name on exported traces"},
	{"OTEL_SDK_DISABLED", "false", "true turns tracing off even with an endpoint"},
	{"CLACO_MIGRATE", "auto", "auto: apply pending schema migrations at start-up (MySQL: under a lock); off: refuse to start while any are pending (run server migrate)"},
}

// PrintSettings writes the settings and their flags as a table.
func PrintSettings(w io.Writer) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTING\tFLAG\tDEFAULT\tMEANING")
	for _, s := range Settings {
		flag := "--" + s.Flag()
		if s.EnvOnly() {
			flag = "(env only)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.Name, flag, s.Default, s.Meaning)
	}
	_ = tw.Flush()
}
