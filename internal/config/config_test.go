package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/claco/claco/internal/config"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestDefaultsNeedNoConfiguration(t *testing.T) {
	c, err := config.Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.AdminAddr != "127.0.0.1:9090" || c.DatabaseURL != "sqlite://claco.db" || c.Env != "dev" {
		t.Fatalf("defaults: %+v", c)
	}
	if c.AccessTTL != 15*time.Minute || c.RefreshTTL != 720*time.Hour || !c.Introspection || !c.Demo || c.DevLogin {
		t.Fatalf("defaults: %+v", c)
	}
	if c.KakaoAuthURL != "https://kauth.kakao.com" || c.KakaoAPIURL != "https://kapi.kakao.com" || c.KOPISURL != "http://www.kopis.or.kr/openApi/restful" {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestProductionRefusesUnsafeSettings(t *testing.T) {
	secret := strings.Repeat("s", 32)
	cases := map[string]struct {
		vars map[string]string
		want string
	}{
		"no secret":    {map[string]string{"CLACO_ENV": "production"}, "CLACO_JWT_SECRET"},
		"short secret": {map[string]string{"CLACO_ENV": "production", "CLACO_JWT_SECRET": "short"}, "CLACO_JWT_SECRET"},
		"dev login":    {map[string]string{"CLACO_ENV": "production", "CLACO_JWT_SECRET": secret, "CLACO_DEV_LOGIN": "true"}, "CLACO_DEV_LOGIN"},
		"unknown env":  {map[string]string{"CLACO_ENV": "staging"}, "CLACO_ENV"},
		"bad duration": {map[string]string{"CLACO_ACCESS_TTL": "soon"}, "CLACO_ACCESS_TTL"},
		"bad boolean":  {map[string]string{"CLACO_DEV_LOGIN": "yes please"}, "CLACO_DEV_LOGIN"},
		"negative ttl": {map[string]string{"CLACO_REFRESH_TTL": "-1h"}, "CLACO_REFRESH_TTL"},
		"embedded db":  {map[string]string{"CLACO_ENV": "production", "CLACO_JWT_SECRET": secret}, "CLACO_DATABASE_URL"},
		"bad rate":     {map[string]string{"CLACO_RATE_LIMIT_IP": "lots"}, "CLACO_RATE_LIMIT_IP"},
		"bad proxy":    {map[string]string{"CLACO_TRUSTED_PROXIES": "10.0.0.0/99"}, "CLACO_TRUSTED_PROXIES"},
		"bad timeout":  {map[string]string{"CLACO_REQUEST_TIMEOUT": "0s"}, "CLACO_REQUEST_TIMEOUT"},
		"relative url": {map[string]string{"CLACO_PUBLIC_URL": "api.claco.kr"}, "CLACO_PUBLIC_URL"},
	}
	for name, c := range cases {
		_, err := config.Load(env(c.vars))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %s", name, err, c.want)
		}
	}
	db := "mysql://claco@db:3306/claco"
	prod, err := config.Load(env(map[string]string{"CLACO_ENV": "production", "CLACO_DATABASE_URL": db, "CLACO_JWT_SECRET": secret, "CLACO_CORS_ORIGINS": "https://a.test, https://b.test"}))
	if err != nil {
		t.Fatal(err)
	}
	// Introspection stays on in production, where it answers admins only (see internal/server).
	if !prod.Introspection || prod.Demo || prod.DevLogin || len(prod.CORSOrigins) != 2 {
		t.Fatalf("production defaults: %+v", prod)
	}
	asked, _ := config.Load(env(map[string]string{"CLACO_ENV": "production", "CLACO_DATABASE_URL": db, "CLACO_JWT_SECRET": secret, "CLACO_INTROSPECTION": "false"}))
	if asked.Introspection {
		t.Fatal("production cannot turn introspection off when asked")
	}
}

func TestMigrateSetting(t *testing.T) {
	for v, want := range map[string]string{"": config.MigrateAuto, "auto": config.MigrateAuto, "off": config.MigrateOff, "OFF": config.MigrateOff} {
		c, err := config.Load(env(map[string]string{"CLACO_MIGRATE": v}))
		if err != nil || c.Migrate != want {
			t.Errorf("CLACO_MIGRATE=%q: %q, %v; want %q", v, c.Migrate, err, want)
		}
	}
	if _, err := config.Load(env(map[string]string{"CLACO_MIGRATE": "sometimes"})); err == nil || !strings.Contains(err.Error(), "CLACO_MIGRATE") {
		t.Fatalf("CLACO_MIGRATE=sometimes: %v", err)
	}
}

// The settings table (server --help, and the flags made from it) lists
// exactly the variables Load reads, each with a distinct flag.
func TestSettingsListWhatLoadReads(t *testing.T) {
	read := map[string]bool{}
	if _, err := config.Load(func(k string) string { read[k] = true; return "" }); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	flags := map[string]bool{}
	for _, s := range config.Settings {
		listed[s.Name] = true
		if s.EnvOnly() {
			continue // read by the OpenTelemetry SDK from the process environment
		}
		if !read[s.Name] {
			t.Errorf("%s is listed but Load does not read it", s.Name)
		}
		if flags[s.Flag()] || !strings.HasPrefix(s.Name, "CLACO_") || strings.ContainsAny(s.Flag(), "_ ") {
			t.Errorf("%s: flag --%s", s.Name, s.Flag())
		}
		flags[s.Flag()] = true
	}
	for name := range read {
		if !listed[name] {
			t.Errorf("Load reads %s but server --help does not list it", name)
		}
	}
	for name, flag := range map[string]string{"CLACO_ADDR": "addr", "CLACO_DATABASE_URL": "database-url", "CLACO_RATE_LIMIT_IP": "rate-limit-ip"} {
		if got := (config.Setting{Name: name}).Flag(); got != flag {
			t.Errorf("%s: flag --%s, want --%s", name, got, flag)
		}
	}
	// Settings read as true or false have flags that stand alone.
	for _, s := range config.Settings {
		_, err := config.Load(env(map[string]string{s.Name: "maybe-not"}))
		isBool := err != nil && strings.Contains(err.Error(), s.Name+`="maybe-not": want true or false`)
		if isBool != s.IsBool() {
			t.Errorf("%s: IsBool %v, but Load reads it as a boolean: %v", s.Name, s.IsBool(), isBool)
		}
	}
}
