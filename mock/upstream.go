package mock

import (
	"cmp"
	"crypto/rsa"
	"time"

	"github.com/tsymock/tsymock/internal/proxy"
)

// Upstream modes: how the upstream's answer reaches the client
// (docs/record.md).
const (
	// UpstreamPassThrough writes the upstream's answer unchanged, for a
	// client configured with the real platform certificate.
	UpstreamPassThrough = string(proxy.PassThrough)
	// UpstreamResign signs the upstream's answer again with the platform
	// key, for a client configured with tsymock's certificate.
	UpstreamResign = string(proxy.Resign)
)

// DefaultUpstreamTimeout bounds one call forwarded to the upstream.
const DefaultUpstreamTimeout = proxy.DefaultTimeout

// DefaultRecordIgnore are the params recorded rules do not match on.
func DefaultRecordIgnore() []string { return proxy.DefaultRecordIgnore() }

// DefaultCompareIgnore are the answer fields compare mode expects to
// differ.
func DefaultCompareIgnore() []string { return proxy.DefaultCompareIgnore() }

// UpstreamConfig puts a real environment behind the server
// (docs/record.md). Without URL nothing is ever sent anywhere.
type UpstreamConfig struct {
	// URL is the upstream's base URL or its /service/soa URL. The calls no
	// scenario rule answers are forwarded there unchanged, and the browser
	// pages are redirected there.
	URL string
	// Mode is UpstreamPassThrough (default) or UpstreamResign.
	Mode string
	// Compare answers every call with the emulator and forwards it too,
	// keeping the differences (Server.CompareReport).
	Compare bool
	// Timeout bounds one forwarded call (default DefaultUpstreamTimeout);
	// past it the client is answered 9400.
	Timeout time.Duration
	// Key, when set, is the real platform's public key: the upstream's
	// answers are checked with it, and re-sign refuses one that fails.
	Key *rsa.PublicKey
	// RecordDir, when set, records every forwarded call as scenario rules,
	// one file per service.
	RecordDir string
	// RecordIgnore are params recorded rules do not match on (nil:
	// DefaultRecordIgnore); CompareIgnore are answer fields whose values
	// compare mode expects to differ (nil: DefaultCompareIgnore). Both are
	// glob patterns of a name or a dotted path.
	RecordIgnore  []string
	CompareIgnore []string
}

// CompareReport is the answer of GET /__tsymock/compare.
type CompareReport = proxy.Report

// newProxy builds the proxy when an upstream is configured.
func (s *Server) newProxy() (*proxy.Proxy, error) {
	u := s.cfg.Upstream
	if u.URL == "" {
		return nil, nil
	}
	p, err := proxy.New(proxy.Config{URL: u.URL, Mode: proxy.Mode(u.Mode), Compare: u.Compare, Timeout: u.Timeout,
		PlatformKey: s.cfg.PlatformKey, UpstreamKey: u.Key, RecordDir: u.RecordDir, RecordIgnore: u.RecordIgnore,
		CompareIgnore: u.CompareIgnore, Catalogue: s.catalogue, Clock: s.cfg.Clock, Log: s.log, Version: s.cfg.Version})
	if err == nil {
		s.log.Info("upstream behind tsymock (docs/record.md)", "upstream", p.URL(),
			"mode", cmp.Or(u.Mode, UpstreamPassThrough), "compare", u.Compare, "record", u.RecordDir)
	}
	return p, err
}

// CompareReport sums up compare mode for sysid ("" for every
// application): the calls compared, and every difference between the
// emulator's answers and the upstream's. Without compare mode it is empty
// and not Enabled.
func (s *Server) CompareReport(sysid string) CompareReport { return s.proxy.Report(sysid) }
