package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/migrations"
	"github.com/claco/claco/internal/migrations/mysqltest"
)

func mapEnv(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// Every setting has a flag named after its variable; a flag wins over the
// environment, and the environment still answers for the rest.
func TestFlagsMirrorTheEnvironment(t *testing.T) {
	env := map[string]string{}
	var args []string
	for _, s := range config.Settings {
		if s.EnvOnly() {
			continue // the OpenTelemetry SDK's own variables
		}
		env[s.Name] = "from-env"
		args = append(args, "--"+s.Flag()+"=from-flag-"+s.Name)
	}
	cmd, getenv, err := parseArgs(args, mapEnv(env))
	if err != nil || cmd != "" {
		t.Fatalf("command %q, %v", cmd, err)
	}
	for _, s := range config.Settings {
		if s.EnvOnly() {
			continue
		}
		if got := getenv(s.Name); got != "from-flag-"+s.Name {
			t.Errorf("%s (--%s) = %q, want the flag's value", s.Name, s.Flag(), got)
		}
	}

	for _, c := range []struct {
		args    []string
		cmd     string
		name    string
		want    string
		comment string
	}{
		{[]string{"--database-url", "sqlite://x.db"}, "", "CLACO_DATABASE_URL", "sqlite://x.db", "value as the next argument"},
		{[]string{"--addr=127.0.0.1:1"}, "", "CLACO_ADDR", "127.0.0.1:1", "value after ="},
		{[]string{"-addr", "127.0.0.1:2"}, "", "CLACO_ADDR", "127.0.0.1:2", "one dash"},
		{[]string{"--dev-login"}, "", "CLACO_DEV_LOGIN", "true", "a true-or-false flag alone"},
		{[]string{"--demo=false"}, "", "CLACO_DEMO", "false", "a true-or-false flag set false"},
		{[]string{"migrate", "--migrate", "off"}, "migrate", "CLACO_MIGRATE", "off", "flags after the command"},
		{[]string{"--addr", ":1", "migrate"}, "migrate", "CLACO_ENV", "from-env-CLACO_ENV", "a setting not given as a flag"},
	} {
		cmd, getenv, err := parseArgs(c.args, mapEnv(map[string]string{c.name: "from-env-" + c.name}))
		if err != nil || cmd != c.cmd {
			t.Errorf("%s %v: command %q, %v", c.comment, c.args, cmd, err)
			continue
		}
		if got := getenv(c.name); got != c.want {
			t.Errorf("%s %v: %s = %q, want %q", c.comment, c.args, c.name, got, c.want)
		}
	}

	_, getenv, err = parseArgs([]string{"--addr=127.0.0.1:7", "--env", "production", "--migrate=off"}, mapEnv(map[string]string{"CLACO_ADDR": ":9"}))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(getenv)
	if err == nil || !strings.Contains(err.Error(), "CLACO_JWT_SECRET") {
		t.Fatalf("--env production without a secret: %v", err)
	}
	if cfg.Addr != "127.0.0.1:7" || cfg.Migrate != config.MigrateOff {
		t.Fatalf("flags did not reach the configuration: %+v", cfg)
	}
}

// A wrong command line exits 2 with one line saying why, before opening
// anything.
func TestCommandLineMistakesExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{"--bogus"},
		{"--addr"},
		{"serve"},
		{"migrate", "extra"},
		{"version", "--nope"},
		{"--dev-login", "false"},
	} {
		var stdout, stderr bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		code := cli(ctx, args, mapEnv(nil), &stdout, &stderr)
		cancel()
		msg := stderr.String()
		if code != 2 || stdout.Len() != 0 || strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "claco: ") || !strings.Contains(msg, "server --help") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and one line", args, code, stdout.String(), msg)
		}
	}
}

func TestHelpExitsZero(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"migrate", "--help"}, {"--addr=:1", "-help"}} {
		var stdout, stderr bytes.Buffer
		if code := cli(context.Background(), args, mapEnv(nil), &stdout, &stderr); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, stderr.String())
		}
		for _, want := range []string{"CLACO_MIGRATE", "--database-url", "server migrate", "server version"} {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("%v: help lacks %q", args, want)
			}
		}
	}
}

// The binary itself exits 2 on an unknown flag.
func TestUnknownFlagExitStatus(t *testing.T) {
	if os.Getenv("CLACO_TEST_RUN_MAIN") == "bogus" {
		os.Args = []string{"server", "--bogus"}
		main()
		os.Exit(0)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestUnknownFlagExitStatus$")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "CLACO_TEST_RUN_MAIN=bogus")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("server --bogus: %v, want exit status 2", err)
	}
	if got := stderr.String(); got != "claco: unknown flag --bogus (see server --help)\n" {
		t.Fatalf("stderr %q", got)
	}
}

func TestVersionNamesTheLatestMigration(t *testing.T) {
	var stdout bytes.Buffer
	if code := cli(context.Background(), []string{"version"}, mapEnv(nil), &stdout, &stdout); code != 0 {
		t.Fatalf("exit %d: %s", code, stdout.String())
	}
	if !strings.HasPrefix(stdout.String(), "server ") || !strings.Contains(stdout.String(), "latest migration "+migrations.Latest()) {
		t.Fatalf("version: %q", stdout.String())
	}
	defer func(v string) { version = v }(version)
	version = "v9.8.7"
	stdout.Reset()
	cli(context.Background(), []string{"version"}, mapEnv(nil), &stdout, &stdout)
	if !strings.HasPrefix(stdout.String(), "server v9.8.7 ") {
		t.Fatalf("version set at build time is not shown: %q", stdout.String())
	}
}

// startServer runs the server in-process with env and returns its public
// address and a function that stops it and returns run's error.
func startServer(t *testing.T, env map[string]string) (string, func() error, error) {
	t.Helper()
	env["CLACO_ADDR"], env["CLACO_ADMIN_ADDR"] = "127.0.0.1:0", "127.0.0.1:0"
	if env["CLACO_UPLOAD_DIR"] == "" {
		env["CLACO_UPLOAD_DIR"] = filepath.Join(t.TempDir(), "uploads")
	}
	ctx, stop := context.WithCancel(context.Background())
	addrs := make(chan net.Addr, 1)
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() {
		done <- run(ctx, mapEnv(env), &logs, func(public, _ net.Addr) { addrs <- public })
	}()
	select {
	case a := <-addrs:
		return "http://" + a.String(), func() error {
			stop()
			select {
			case err := <-done:
				return err
			case <-time.After(20 * time.Second):
				return errors.New("server did not shut down")
			}
		}, nil
	case err := <-done:
		stop()
		return "", nil, err
	case <-time.After(90 * time.Second):
		stop()
		t.Fatalf("server did not start:\n%s", logs.String())
		return "", nil, nil
	}
}

func requireReady(t *testing.T, base string) {
	t.Helper()
	res, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/readyz: %d", res.StatusCode)
	}
}

// With CLACO_MIGRATE=off the embedded database must be migrated first.
func TestMigrateOffOnSQLite(t *testing.T) {
	url := "sqlite://" + filepath.Join(t.TempDir(), "claco.db")
	env := map[string]string{"CLACO_DATABASE_URL": url, "CLACO_MIGRATE": "off", "CLACO_DEMO": "false"}
	if _, _, err := startServer(t, env); err == nil || !strings.Contains(err.Error(), "server migrate") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("started on an unmigrated database with CLACO_MIGRATE=off: %v", err)
	}
	var stdout, stderr bytes.Buffer
	if code := cli(context.Background(), []string{"migrate", "--database-url", url}, mapEnv(nil), &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "sqlite") {
		t.Fatalf("server migrate: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	base, stop, err := startServer(t, env)
	if err != nil {
		t.Fatal(err)
	}
	requireReady(t, base)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// (c) On MySQL, `server migrate` on an empty database applies every
// migration and says so; then the server starts with CLACO_MIGRATE=off.
func TestMigrateThenServeOnMySQL(t *testing.T) {
	url := mysqltest.FreshURL(t)
	env := map[string]string{"CLACO_DATABASE_URL": url, "CLACO_MIGRATE": "off"}
	_, _, err := startServer(t, env)
	if err == nil || !strings.Contains(err.Error(), "run `server migrate`") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("started with pending migrations and CLACO_MIGRATE=off: %v", err)
	}

	var stdout, stderr bytes.Buffer
	code := cli(context.Background(), []string{"migrate", "--database-url=" + url}, mapEnv(nil), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("server migrate: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, name := range migrations.Names() {
		if !strings.Contains(stdout.String(), "applied "+name+" ") {
			t.Errorf("server migrate does not report %s:\n%s", name, stdout.String())
		}
	}
	if stderr.Len() > 0 {
		t.Errorf("server migrate warns:\n%s", stderr.String())
	}

	base, stop, err := startServer(t, env)
	if err != nil {
		t.Fatal(err)
	}
	requireReady(t, base)
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	stdout.Reset()
	if code := cli(context.Background(), []string{"migrate"}, mapEnv(map[string]string{"CLACO_DATABASE_URL": url}), &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "no pending migrations") {
		t.Fatalf("second server migrate: exit %d\n%s", code, stdout.String())
	}
}
