package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/claco/claco/internal/config"
)

// `server --help` lists every setting with its default and exits 0 without
// opening a database or a listener.
func TestHelpListsEverySettingAndExits(t *testing.T) {
	if os.Getenv("CLACO_TEST_RUN_MAIN") == "1" {
		os.Args = []string{"server", "--help"}
		main()
		os.Exit(0)
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelpListsEverySettingAndExits$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CLACO_TEST_RUN_MAIN=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("server --help: %v\n%s", err, out)
	}
	for _, s := range config.Settings {
		if !strings.Contains(string(out), s.Name) || !strings.Contains(string(out), s.Default) {
			t.Errorf("--help lacks %s (default %s)", s.Name, s.Default)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("--help created %d files (a database?)", len(entries))
	}
}
