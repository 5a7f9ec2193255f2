package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// startProfile asks the server's admin listener for a CPU profile covering
// the scenario about to run (all of it but its last half second) and returns
// a function that waits for the profile and saves it as DIR/SCENARIO.pprof,
// then saves the heap as the scenario left it as DIR/SCENARIO.heap.pprof.
// Without a directory it does nothing.
func startProfile(client *http.Client, admin, dir, scenario string, d time.Duration) func() error {
	if dir == "" {
		return func() error { return nil }
	}
	seconds := max(1, int((d - 500*time.Millisecond).Seconds()))
	done := make(chan error, 1)
	go func() {
		done <- saveProfile(client, fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", admin, seconds), filepath.Join(dir, scenario+".pprof"))
	}()
	return func() error {
		if err := <-done; err != nil {
			return err
		}
		return saveProfile(client, admin+"/debug/pprof/heap", filepath.Join(dir, scenario+".heap.pprof"))
	}
}

func saveProfile(client *http.Client, url, path string) error {
	c := *client
	c.Timeout = 0 // the profile takes as long as it asks for
	res, err := c.Get(url)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, res.Status)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, res.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
