package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// runHealthcheck is `whosaid healthcheck`: it asks the server's /readyz and
// succeeds only on 200, so a container health check needs nothing but the
// binary (the distroless image has no shell and no curl). Without --url it
// asks the server this environment configures, on WHOSAID_ADDR.
func runHealthcheck(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("healthcheck", stderr)
	env := newSettings(getenv)
	addr := env.str("WHOSAID_ADDR", ":8080")
	url := fs.String("url", "", "readiness URL to ask (default /readyz on WHOSAID_ADDR, through loopback when it names no host)")
	timeout := fs.Duration("timeout", 5*time.Second, "longest to wait for the answer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	target := *url
	if target == "" {
		var err error
		if target, err = readyzURL(addr); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10)) // the reason /readyz gives, for the health log
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %d %s", target, resp.StatusCode, bytes.TrimSpace(body))
	}
	fmt.Fprintf(stdout, "ready: %s\n", target)
	return nil
}

// readyzURL is where a process beside the server reaches /readyz when the
// server listens on addr: a listener on every interface (":8080",
// "0.0.0.0:8080", "[::]:8080") through the loopback address.
func readyzURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("healthcheck: WHOSAID_ADDR=%q: %w", addr, err)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz", nil
}
