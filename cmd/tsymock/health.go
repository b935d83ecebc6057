package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/mock"
)

// runHealth asks a running server whether it is healthy: exit 0 when it
// answers "ok", 1 otherwise. It is the image's HEALTHCHECK (a scratch image
// has no curl or wget), so it stays quick and quiet.
func runHealth(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var rawURL string
	var timeout time.Duration
	var quiet bool
	fs := pflag.NewFlagSet("health", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&rawURL, "url", defaultURL(), "server base URL (a URL ending in /service/soa or "+mock.HealthPath+" works too); the default follows $"+addrEnv)
	fs.DurationVar(&timeout, "timeout", 2*time.Second, "give up after this long")
	fs.BoolVarP(&quiet, "quiet", "q", false, "print nothing; only the exit code tells")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tsymock health [--url URL] [--timeout 2s]\n\nExit 0 when the server at URL is up and healthy, 1 otherwise. Flags:\n")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	h, err := checkHealth(ctx, rawURL, timeout)
	if err != nil {
		if !quiet {
			fmt.Fprintf(stderr, "tsymock health: %v\n", err)
		}
		return 1
	}
	if !quiet {
		fmt.Fprintf(stdout, "ok: tsymock %s up %s, apps %s\n", h.Version, h.Uptime, strings.Join(h.Apps, ","))
	}
	return 0
}

// addrEnv is serve's --addr from the environment (flagsFromEnv). The image
// sets it to 0.0.0.0:6900, so "docker run IMAGE serve --scenarios
// /scenarios" still listens where the port is published, and the
// HEALTHCHECK's "tsymock health" asks the same port.
const addrEnv = envPrefix + "ADDR"

// defaultAddr is the address serve listens on when no --addr is given.
func defaultAddr() string {
	if a := os.Getenv(addrEnv); a != "" {
		return a
	}
	return "127.0.0.1:6900"
}

// defaultURL is where "health" looks by default: serve's default address,
// through loopback when it listens on every interface. $TSYMOCK_ADDR set to
// a URL (http://127.0.0.1:7530, as ALLINPAY_SERVER_URL next to it is, its
// /service/soa too) stands for its scheme and host: serve refuses it
// (checkListenAddr), a client need not.
func defaultURL() string {
	addr, scheme := defaultAddr(), "http"
	if u, err := url.Parse(addr); err == nil && strings.Contains(addr, "://") && u.Host != "" {
		addr, scheme = u.Host, u.Scheme
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return scheme + "://" + addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

// checkHealth fetches the health document and says why it is not healthy.
func checkHealth(ctx context.Context, rawURL string, timeout time.Duration) (*mock.Health, error) {
	target, err := healthURL(rawURL)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	// No proxy: the server is next to the caller, and a proxy from the
	// environment would answer for it.
	hc := &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", target, unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %s", target, resp.Status)
	}
	var h mock.Health
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&h); err != nil {
		return nil, fmt.Errorf("%s: not a tsymock health answer: %w", target, err)
	}
	if h.Status != "ok" {
		return nil, fmt.Errorf("%s: status %q", target, h.Status)
	}
	return &h, nil
}

// healthURL turns a base URL, an endpoint URL (…/service/soa) or the health
// URL itself into the health URL, keeping a path prefix (a reverse proxy's).
func healthURL(raw string) (string, error) {
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("--url %q: want a URL such as http://127.0.0.1:6900", raw)
	}
	p := strings.TrimRight(u.Path, "/")
	if !strings.HasSuffix(p, mock.HealthPath) {
		p = strings.TrimSuffix(p, "/service/soa") + mock.HealthPath
	}
	u.Path, u.RawPath, u.RawQuery, u.Fragment = p, "", "", ""
	return u.String(), nil
}

// unwrapURLError drops net/http's `Get "URL":` prefix, which the message
// already names.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if errors.Is(ue.Err, context.DeadlineExceeded) {
			return errors.New("no answer in time")
		}
		return ue.Err
	}
	return err
}
