package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/mock"
)

// coverageFlags are the options of "tsymock coverage".
type coverageFlags struct {
	url     string
	sysid   string
	json    bool
	token   string
	timeout time.Duration
}

// runCoverage prints a running server's contract coverage: per
// application, the catalogue methods called and never called, the
// errorCodes answered, the browser pages asked, the notifications. It
// exits 0 when it got a report.
func runCoverage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f coverageFlags
	fs := pflag.NewFlagSet("coverage", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.url, "url", defaultURL(), "server base URL; the default follows $"+addrEnv)
	fs.StringVar(&f.sysid, "sysid", "", "only this application (default every one)")
	fs.BoolVar(&f.json, "json", false, "print the report as JSON, for tools")
	fs.StringVar(&f.token, "admin-token", os.Getenv(envName("admin-token")), "the server's --admin-token, needed when it is not on loopback (default $"+envName("admin-token")+")")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "give up after this long")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tsymock coverage [--url URL] [--sysid SYSID] [--json]\n\n"+
			"Print which catalogue methods a running server's clients called, what they were answered\n"+
			"(\"refund: never failed\"), which they never called, the browser pages they asked, and the\n"+
			"notifications. Flags:\n")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if err := coverage(ctx, f, stdout); err != nil {
		fmt.Fprintf(stderr, "tsymock coverage: %v\n", err)
		return 1
	}
	return 0
}

func coverage(ctx context.Context, f coverageFlags, stdout io.Writer) error {
	reports, raw, err := fetchCoverage(ctx, f)
	if err != nil {
		return err
	}
	if f.json {
		_, err = stdout.Write(raw)
		return err
	}
	return mock.WriteCoverageText(stdout, reports)
}

// fetchCoverage gets GET /__tsymock/coverage as JSON, decoded and raw.
func fetchCoverage(ctx context.Context, f coverageFlags) ([]mock.Coverage, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	u := strings.TrimSuffix(strings.TrimSuffix(f.url, "/"), "/service/soa") + mock.AdminPrefix + "coverage"
	if f.sysid != "" {
		u += "?sysid=" + url.QueryEscape(f.sysid)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	if f.token != "" {
		req.Header.Set("Authorization", "Bearer "+f.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("%s: %s: %s", u, resp.Status, strings.TrimSpace(string(raw)))
	}
	var reports []mock.Coverage
	if err := json.Unmarshal(raw, &reports); err != nil {
		return nil, nil, fmt.Errorf("%s: not a coverage report: %w", u, err)
	}
	return reports, raw, nil
}
