package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/tsymock/tsymock/internal/lang"
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
// and their keys, the web page, the docs, and how to stop, in the language
// of --lang for people (f.people). Its columns are padded by the width a
// terminal gives each rune (writeTable), for the Chinese.
func writeBanner(w io.Writer, f serveFlags, cfg mock.Config, addr string) error {
	l := f.people
	base := "http://" + browsable(addr)
	// The whole endpoint first: the official Java SDK's serverUrl is it, and
	// one set to the base URL gets a 404 that the SDK reports as no data.
	rows := [][]string{
		{"  soaUrl", base + mock.SOAPath, say(l, msgSOAURL)},
		{"  " + say(l, msgServerURLLabel), base, say(l, msgServerURL, mock.SOAPath)},
	}
	rows = append(rows, appRows(f, cfg)...)
	rows = append(rows, append([]string{"  " + say(l, msgKeysLabel)}, keysCells(f)...),
		[]string{"  " + say(l, msgWebPageLabel), base + mock.AdminPrefix, say(l, msgWebPage)},
		[]string{"  " + say(l, msgDocsLabel), docsURL, say(l, msgDocsZh, docsURL)},
		[]string{"  " + say(l, msgStopLabel), say(l, msgStopKeys)})
	var b strings.Builder
	b.WriteString(say(l, msgBannerReady, versionString(), reach(l, cfg)))
	if err := writeTable(&b, rows); err != nil {
		return err
	}
	b.WriteString(say(l, msgBannerFoot))
	if l == lang.Chinese && cfg.Lang != lang.Zh {
		b.WriteString(say(l, msgBannerLangHint)) // the locale's Chinese stops at the banner
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// reach says whom the server calls besides the merchant's backUrl: nobody,
// or the upstream that --upstream names.
func reach(l lang.Lang, cfg mock.Config) string {
	if cfg.Upstream.URL == "" {
		return say(l, msgReachNone)
	}
	return say(l, msgReachUpstream, cfg.Upstream.URL)
}

// appRows are the banner's rows about the registered applications.
func appRows(f serveFlags, cfg mock.Config) [][]string {
	l := f.people
	var rows [][]string
	if !f.noDemoApp {
		rows = append(rows, []string{"  sysid", demo.SysID, say(l, msgDemoApp, demo.MerchantPFXFile, demo.PFXPassword)})
	}
	for _, spec := range f.apps {
		sysid, path, _ := strings.Cut(spec, "=")
		rows = append(rows, []string{"  sysid", sysid, say(l, msgVerifiedWith, path)})
	}
	if cfg.AutoApps {
		rows = append(rows, []string{"  sysid", say(l, msgAnyOther), say(l, msgAutoApps)})
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"  sysid", say(l, msgNoneYet), say(l, msgRegisterOne)})
	}
	return rows
}

// keysCells say where the key files an SDK is configured with are: the
// bundled ones are in the binary, and "tsymock demo-keys" writes them out.
func keysCells(f serveFlags) []string {
	if f.platformKey != "" {
		return []string{say(f.people, msgSignedWith, f.platformKey), say(f.people, msgVerifiesThem)}
	}
	return []string{say(f.people, msgBundledKeys), say(f.people, msgDemoKeys, demo.PlatformCertFile)}
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
