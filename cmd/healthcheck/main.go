// Command healthcheck asks the Claco server in the same container whether it
// is alive, for the image's Docker HEALTHCHECK: the distroless runtime has no
// shell, curl or wget, so this tiny static program does the one GET.
//
//	healthcheck [-url URL] [-timeout 2s]
//
// By default it GETs http://127.0.0.1:PORT/healthz, PORT being the port of
// CLACO_ADDR (the server's public listener, default :8080), with a two-second
// timeout and no proxy. It exits 0 when the answer is 200 OK and 1 otherwise
// (any other status, a redirect, a refused connection or the timeout), with
// one line on stderr saying why; 2 means a wrong command line or CLACO_ADDR.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// Exit statuses.
const (
	exitHealthy   = 0
	exitUnhealthy = 1
	exitUsage     = 2
)

const (
	defaultTimeout = 2 * time.Second
	defaultAddr    = ":8080" // the server's default CLACO_ADDR
	healthPath     = "/healthz"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Getenv, os.Stderr))
}

func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	target := fs.String("url", "", "URL to GET (default http://127.0.0.1:PORT/healthz, PORT from CLACO_ADDR)")
	timeout := fs.Duration("timeout", defaultTimeout, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "healthcheck: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *timeout <= 0 {
		fmt.Fprintf(stderr, "healthcheck: -timeout %v: want a positive duration\n", *timeout)
		return exitUsage
	}
	if *target == "" {
		u, err := healthURL(getenv("CLACO_ADDR"))
		if err != nil {
			fmt.Fprintln(stderr, "healthcheck:", err)
			return exitUsage
		}
		*target = u
	}
	if err := check(ctx, *target, *timeout); err != nil {
		fmt.Fprintln(stderr, "healthcheck:", err)
		return exitUnhealthy
	}
	return exitHealthy
}

// healthURL is the /healthz URL of a server listening on addr (CLACO_ADDR).
// A listener on every interface (":8080", "0.0.0.0:8080", "[::]:8080") is
// asked on the loopback; one bound to a single address, on that address.
func healthURL(addr string) (string, error) {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		addr = defaultAddr
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" || port == "0" {
		return "", fmt.Errorf("CLACO_ADDR=%q: want host:port or :port", addr)
	}
	switch host {
	case "", "0.0.0.0", "::":
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + healthPath, nil
}

// check GETs url and wants 200 OK within timeout.
func check(ctx context.Context, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{
		// The server is local: never ask a proxy from the environment.
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
		// A redirect is not a healthy answer.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("GET %s: no answer within %v", url, timeout)
		}
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 4096))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return nil
}
