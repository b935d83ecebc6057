package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// docsURL is where a person starting tsymock finds its guides.
const docsURL = "https://github.com/tsymock/tsymock"

// The values of --banner.
const (
	bannerAuto = "auto" // when stdout is a terminal and the logs are text
	bannerOn   = "on"
	bannerOff  = "off"
)

// wantBanner decides whether serve writes the banner for a person, on
// stderr, below the JSON ready line that stays alone on stdout for scripts:
// by default when stdout is a terminal, and never into JSON logs.
func wantBanner(mode, logFormat string, stdout io.Writer, isTerminal func(io.Writer) bool) (bool, error) {
	switch mode {
	case bannerOn:
		return true, nil
	case bannerOff:
		return false, nil
	case bannerAuto:
		return logFormat != "json" && isTerminal(stdout), nil
	}
	return false, fmt.Errorf("--banner must be auto, on or off, not %q", mode)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// writeBanner tells a person what to point an SDK at: the URL, the sysids
// and their keys, the web page, the docs, and how to stop.
func writeBanner(w io.Writer, f serveFlags, cfg mock.Config, addr string) error {
	base := "http://" + browsable(addr)
	var b strings.Builder
	fmt.Fprintf(&b, "tsymock %s: the Tongshangyun (通商云) API v2.0 mock is ready. TEST ONLY keys; %s.\n", versionString(), reach(cfg))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	// The whole endpoint first: the official Java SDK's serverUrl is it, and
	// one set to the base URL gets a 404 that the SDK reports as no data.
	fmt.Fprintf(tw, "  soaUrl\t%s%s\tyour SDK's server address (the Java SDK's serverUrl, ALLINPAY_SERVER_URL...)\n", base, mock.SOAPath)
	fmt.Fprintf(tw, "  server URL\t%s\tfor an SDK that appends %s itself\n", base, mock.SOAPath)
	for _, line := range appLines(f, cfg) {
		fmt.Fprintf(tw, "  %s\n", line)
	}
	fmt.Fprintf(tw, "  keys\t%s\n", keysLine(f))
	fmt.Fprintf(tw, "  web page\t%s%s\tjournal of calls, state, scenarios, notifications\n", base, mock.AdminPrefix)
	fmt.Fprintf(tw, "  docs\t%s\t中文: %s/blob/main/README.zh-CN.md\n", docsURL, docsURL)
	fmt.Fprintf(tw, "  stop\tCtrl+C\n")
	if err := tw.Flush(); err != nil {
		return err
	}
	b.WriteString("The JSON line on stdout is for scripts; --banner off hides these lines.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// reach says whom the server calls besides the merchant's backUrl: nobody,
// or the upstream that --upstream names.
func reach(cfg mock.Config) string {
	if cfg.Upstream.URL == "" {
		return "it never calls Allinpay"
	}
	return "calls no scenario answers go to the upstream " + cfg.Upstream.URL
}

// appLines are the banner's lines about the registered applications.
func appLines(f serveFlags, cfg mock.Config) []string {
	var lines []string
	if !f.noDemoApp {
		lines = append(lines, fmt.Sprintf("sysid\t%s\tthe demo app: merchant key %s, password %s", demo.SysID, demo.MerchantPFXFile, demo.PFXPassword))
	}
	for _, spec := range f.apps {
		sysid, path, _ := strings.Cut(spec, "=")
		lines = append(lines, fmt.Sprintf("sysid\t%s\tverified with %s", sysid, path))
	}
	if cfg.AutoApps {
		lines = append(lines, "sysid\tany other\tregistered on its first call signed with the demo merchant key (--auto-apps)")
	}
	if len(lines) == 0 {
		lines = append(lines, "sysid\tnone yet\tregister one with --app SYSID=CERT, or POST /__tsymock/apps")
	}
	return lines
}

// keysLine says where the key files an SDK is configured with are: the
// bundled ones are in the binary, and "tsymock demo-keys" writes them out.
func keysLine(f serveFlags) string {
	if f.platformKey != "" {
		return "answers signed with " + f.platformKey + "\tyour SDK verifies them with its certificate"
	}
	return "bundled, TEST ONLY\t`tsymock demo-keys --out DIR` writes the demo app's key and the platform's " + demo.PlatformCertFile
}

// browsable is addr with a host a browser or an SDK on this machine can
// reach: a server listening on every interface is reached on loopback.
func browsable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
