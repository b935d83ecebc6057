// Package proxy puts a real Tongshangyun environment behind tsymock
// (serve --upstream, docs/record.md). A call that no scenario rule answers
// is forwarded to the upstream's /service/soa exactly as the client sent it
// (the same method, query, body and Content-Type: the merchant's sign and
// timestamp stay valid, since the real platform knows the merchant's key),
// and the upstream's answer goes back:
//
//   - pass-through: the upstream's bytes, status and signature unchanged,
//     for a client configured with the real platform certificate;
//   - re-sign: the upstream's signedValue (or errorCode and message) signed
//     again with tsymock's platform key, for a client configured with
//     tsymock's certificate. Fields the upstream encrypted for the merchant
//     stay as they are: the merchant's key is the same on both sides.
//
// With a record folder every forwarded call becomes a scenario rule
// (record.go), so that the answers can be replayed offline with
// --scenarios. In compare mode the emulator answers the client and the
// call is forwarded too; the differences between the two answers are kept
// in the journal entry and summed up by Summary (compare.go, summary.go).
//
// The package does HTTP to the upstream and nothing else of the server:
// internal/rpc calls Forward or Compare from its pipeline.
package proxy

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// Mode is how the upstream's answer reaches the client.
type Mode string

// The modes. Compare is not one of them: in compare mode the client gets
// the emulator's answer whatever the mode.
const (
	// PassThrough writes the upstream's answer unchanged.
	PassThrough Mode = "passthrough"
	// Resign signs the upstream's answer again with tsymock's platform key.
	Resign Mode = "resign"
)

// DefaultTimeout bounds one forwarded call when Config.Timeout is not set.
const DefaultTimeout = 30 * time.Second

// maxAnswer bounds an upstream answer: every /service/soa answer is a small
// envelope (files are downloaded from the URL an answer names).
const maxAnswer = 16 << 20

// Config is how the proxy works.
type Config struct {
	// URL is the upstream: its base URL ("http://host:port") or its
	// /service/soa URL. Required.
	URL string
	// Mode is PassThrough (the default) or Resign.
	Mode Mode
	// Compare makes Compare the way calls reach the upstream: the emulator
	// answers the client, the upstream's answer is compared with it.
	Compare bool
	// Timeout bounds one forwarded call (DefaultTimeout when 0): an
	// upstream that takes longer is answered 9400.
	Timeout time.Duration
	// PlatformKey is tsymock's: it re-signs answers, signs tsymock's own
	// errors, and opens request fields a client encrypted for tsymock.
	PlatformKey *rsa.PrivateKey
	// UpstreamKey, when set, is the real platform's public key: every
	// upstream answer's sign is checked with it, and re-sign refuses an
	// answer that does not verify.
	UpstreamKey *rsa.PublicKey
	// RecordDir, when set, is the folder every forwarded call is recorded
	// in as scenario rules, one file per service.
	RecordDir string
	// RecordIgnore are params left out of the recorded rules' match (glob
	// patterns of a param's name or path); nil is DefaultRecordIgnore.
	RecordIgnore []string
	// CompareIgnore are answer fields whose values are expected to differ
	// (glob patterns of a field's name or path); nil is
	// DefaultCompareIgnore.
	CompareIgnore []string
	Catalogue     *soa.Catalogue
	Clock         clock.Clock
	Log           *slog.Logger
	// Version names tsymock in the recorded files.
	Version string
	// Transport sends the forwarded requests (nil: a transport of its own,
	// which honours HTTPS_PROXY and HTTP_PROXY).
	Transport http.RoundTripper
}

// DefaultRecordIgnore are the params a recorded rule does not match on:
// the merchant fills them with the time of the call (orderExpireDatetime),
// so a replay never sends the recorded value.
func DefaultRecordIgnore() []string { return []string{"*Datetime", "*Time"} }

// DefaultCompareIgnore are the answer fields whose values differ between
// the emulator and the real environment by nature: ids and numbers each
// side makes up, times, and links to each side's own host. Their presence
// is still compared.
func DefaultCompareIgnore() []string {
	return []string{"userId", "orderNo", "tradeNo", "payOrderNo", "transferNo", "contractNo", "ContractNo",
		"*Time", "*time", "url", "payInfo"}
}

// Proxy forwards calls to the upstream. Create it with New; it is safe for
// concurrent use. A nil *Proxy reports compare mode off (Report).
type Proxy struct {
	cfg      Config
	soaURL   string // the upstream's /service/soa
	pageBase string // the upstream's base URL without user or password, for the pages
	client   *http.Client
	recorder *Recorder // nil without RecordDir
	ignore   Patterns
	summary  *Summary
}

// New checks cfg and returns a proxy. It fails when the URL is not an
// http(s) URL with a host, the mode is unknown, or the record folder
// cannot be used.
func New(cfg Config) (*Proxy, error) {
	cfg, err := withDefaults(cfg)
	if err != nil {
		return nil, err
	}
	soaURL, base, err := upstreamURLs(cfg.URL)
	if err != nil {
		return nil, err
	}
	if err := Patterns(cfg.CompareIgnore).Check(); err != nil {
		return nil, err
	}
	p := &Proxy{cfg: cfg, soaURL: soaURL, pageBase: base, ignore: Patterns(cfg.CompareIgnore), summary: NewSummary()}
	p.client = &http.Client{Transport: cfg.Transport, Timeout: cfg.Timeout,
		// A redirect is the upstream's answer: it is passed on, never followed.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if cfg.RecordDir != "" {
		if p.recorder, err = NewRecorder(RecorderConfig{Dir: cfg.RecordDir, Upstream: redacted(soaURL),
			Mode: p.modeName(), Version: cfg.Version, Ignore: cfg.RecordIgnore, PlatformKey: cfg.PlatformKey,
			Catalogue: cfg.Catalogue, Log: cfg.Log}); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// withDefaults fills in the zero values and checks the mode.
func withDefaults(cfg Config) (Config, error) {
	if cfg.PlatformKey == nil {
		return cfg, errors.New("proxy: the platform key is required")
	}
	switch cfg.Mode {
	case "":
		cfg.Mode = PassThrough
	case PassThrough, Resign:
	default:
		return cfg, fmt.Errorf("proxy: unknown upstream mode %q: use %s or %s", cfg.Mode, PassThrough, Resign)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.RecordIgnore == nil {
		cfg.RecordIgnore = DefaultRecordIgnore()
	}
	if cfg.CompareIgnore == nil {
		cfg.CompareIgnore = DefaultCompareIgnore()
	}
	if cfg.Catalogue == nil {
		cfg.Catalogue = soa.DefaultCatalogue()
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Transport == nil {
		cfg.Transport = newTransport()
	}
	return cfg, nil
}

// newTransport is the transport of forwarded calls: the proxies of the
// environment (a team behind a corporate proxy reaches the test
// environment through it), a few kept connections.
func newTransport() *http.Transport {
	return &http.Transport{Proxy: http.ProxyFromEnvironment, MaxIdleConnsPerHost: 16,
		IdleConnTimeout: 90 * time.Second, TLSHandshakeTimeout: 10 * time.Second}
}

// upstreamURLs reads the upstream's URL: a base URL gets /service/soa
// appended; a URL ending in /service/soa is taken as it is.
func upstreamURLs(raw string) (soaURL, base string, err error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", "", fmt.Errorf("proxy: --upstream %q: want an http:// or https:// URL with a host, e.g. http://HOST:PORT", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", "", fmt.Errorf("proxy: --upstream %q: give the URL without a query or fragment", raw)
	}
	path := strings.TrimRight(u.Path, "/")
	path = strings.TrimSuffix(path, "/service/soa")
	u.Path = path
	soaURL = u.String() + "/service/soa"
	u.User = nil // a browser sent to a page must not be handed the password
	return soaURL, u.String(), nil
}

// redacted is a URL without its user and password, for files and logs.
func redacted(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}

// modeName is the mode as the journal and the recorded files name it.
func (p *Proxy) modeName() string {
	if p.cfg.Compare {
		return "compare"
	}
	return string(p.cfg.Mode)
}

// Comparing reports whether the emulator answers and the upstream is asked
// too (compare mode).
func (p *Proxy) Comparing() bool { return p != nil && p.cfg.Compare }

// URL is the upstream's /service/soa, its password left out.
func (p *Proxy) URL() string { return redacted(p.soaURL) }

// Close lets go of the idle connections to the upstream.
func (p *Proxy) Close() {
	if p != nil {
		p.client.CloseIdleConnections()
	}
}

// Summarise counts a compared call in the compare summary, once the
// journal has numbered it (id).
func (p *Proxy) Summarise(sysid, service, method string, id uint64, info *journal.Upstream) {
	call := "(no req)"
	if service != "" {
		call = service + "." + method
	}
	p.summary.Add(sysid, call, id, info)
}

// Report sums up compare mode for sysid ("" for every application);
// without compare mode (or a proxy) it says so and lists nothing.
func (p *Proxy) Report(sysid string) Report {
	if !p.Comparing() {
		return Report{Calls: []CallReport{}, Gaps: []Gap{}}
	}
	r := p.summary.Report(sysid)
	r.Upstream, r.Ignore = p.URL(), p.cfg.CompareIgnore
	return r
}

// ResetCompare forgets sysid's comparisons ("" for everything).
func (p *Proxy) ResetCompare(sysid string) {
	if p != nil {
		p.summary.Reset(sysid)
	}
}
