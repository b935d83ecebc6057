package mock

import (
	"crypto/rsa"
	"log/slog"
	"time"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/diagnose"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/scenarios"
)

// DefaultSkew is the timestamp window of the real platform.
const DefaultSkew = 10 * time.Minute

// DefaultMaxBody bounds a request body; larger requests are answered 10004.
const DefaultMaxBody = 1 << 20

// DefaultBodyTimeout bounds how long a client may take to send its request
// body: a client that never finishes its body is cut off instead of holding
// a connection and a goroutine.
const DefaultBodyTimeout = 10 * time.Second

// DefaultBodyBudget bounds the bytes of request bodies held at once (read
// or being answered); a body that would pass it is answered 9999 at once.
const DefaultBodyBudget = 64 << 20

// DefaultMaxConns bounds the connections open at once; past it a new one
// is answered 503 and closed.
const DefaultMaxConns = 1024

// DefaultAutoAppsMax bounds the applications registered on first use.
const DefaultAutoAppsMax = 1000

// Config is everything the server depends on. Zero values get defaults.
type Config struct {
	// PlatformKey signs every answer and decrypts request fields. Required.
	PlatformKey *rsa.PrivateKey
	// Apps are the applications known at start.
	Apps []App
	// Skew is the allowed difference between a request's timestamp and the
	// server's clock, both ways (default DefaultSkew).
	Skew time.Duration
	// Clock is the server's time (default the system clock, which the
	// admin API can still set and advance). NewFixedClock makes one that
	// stands still.
	Clock Clock
	// IDSeed, when not 0, makes the userIds and order numbers the server
	// generates repeat from run to run: each application (sysid) draws
	// from a stream of its own, derived from the seed and its sysid
	// (ids.Source.For), so the same calls of one sysid get the same ids
	// whatever other sysids call meanwhile; a reset sysid starts its
	// stream again. 0 draws them at random.
	IDSeed uint64
	// Logger receives one line per request (default discards).
	Logger *slog.Logger
	// SignHints appends the signature diagnosis to the 20019 message on the
	// wire; by default the wire keeps the platform's exact text.
	SignHints bool
	// PlatformMessages answers every error's message as the platform words
	// it (the spec §7 text, or the spec's own words for a case), without the
	// explanation tsymock adds after it, for suites that compare a message
	// whole; the journal and the log keep the explanation. A scenario rule's
	// message is answered as the rule wrote it either way.
	PlatformMessages bool
	// Lang is the language of what tsymock adds after an errorCode's spec
	// §7 text (on the wire, in the journal and the log), of the signature
	// diagnosis and of the pages' sentences for the tester: LangEnglish
	// ("" too, the default: the bytes tsymock always answered) or
	// LangChinese (中文, in the spec's terms: 时间戳, 应用, 账户集, 签名).
	// The §7 texts, param names, flags, URLs and codes stay as they are.
	// Only the messages a newcomer meets first have both texts (the
	// timestamp window, the sysid, v, req, the service and method, the
	// params, the account set, the SMS code, an encrypted field, the
	// signature, the pages' errors); the others stay English.
	Lang string
	// KnownKeys are further keys used to explain a wrong-key signature,
	// such as the bundled demo merchant key.
	KnownKeys []KnownKey
	// MaxBody bounds the request body in bytes (default DefaultMaxBody).
	MaxBody int64
	// BodyTimeout bounds the time to send a request body (default
	// DefaultBodyTimeout).
	BodyTimeout time.Duration
	// BodyBudget bounds the bytes of request bodies held at once, every
	// request together (default DefaultBodyBudget): a body takes its bytes
	// as they arrive and gives them back once answered.
	BodyBudget int64
	// MaxConns bounds the connections open at once (default
	// DefaultMaxConns; negative: no bound). Past it a new connection gets
	// HTTP 503 with a message and is closed.
	MaxConns int
	// Version is reported in the X-Tsymock-Version header.
	Version string
	// VerificationCode is the SMS code the emulated platform "sends"
	// (default 111111).
	VerificationCode string
	// Strict makes a call fail as Allinpay's real test environment would
	// answer it when it relies on tsymock being more lenient (a card
	// outside the test cards, an ID number with a wrong check digit...; see
	// PortabilityRules). By default such a call succeeds, and is marked in
	// the log, its journal entry and the coverage report.
	Strict bool
	// AccountSets are every application's account sets (spec §6.17), the
	// escrow one (托管账户集) first; nil means 200126 and the standard sets
	// of spec §6.17 (100001-100006, 2000000). App.AccountSets overrides
	// them for one application.
	AccountSets []string
	// CompanyAudit is how setCompanyInfo audits an enterprise:
	// CompanyAuditAuto ("" too, the default) at once, as tsymock always
	// did; CompanyAuditManual leaves it pending (status 1 待审核, spec §6.8)
	// until Server.DecideCompanyAudit or POST /__tsymock/company-audit
	// decides it, as the real test environment's back office does (spec
	// §4.1.6 note 4). App.CompanyAudit overrides it for one application.
	CompanyAudit string
	// Scenarios are the scenario files in force at start; Server.Scenarios
	// changes the rules at run time.
	Scenarios []*scenarios.File
	// NoMagic switches off the magic values (a bizUserId, bizOrderNo, ...
	// starting err-<code>- answers that code).
	NoMagic bool
	// MaxDelay caps scenario delays, hangs and slow bodies (default DefaultMaxDelay).
	MaxDelay time.Duration
	// PProf serves the Go profiler under PProfPrefix (/debug/pprof/) to
	// loopback clients, for profiles taken under load.
	PProf bool
	// JournalSize is how many calls the journal keeps per application
	// (default DefaultJournalSize).
	JournalSize int
	// JournalBytes bounds the estimated size of the whole journal (default
	// journal.DefaultTotalBytes, 128 MiB; one application's calls: a
	// quarter of it, at most 32 MiB); past it the oldest calls are
	// forgotten. Each call is cut to its own bounds too (docs/reliability.md).
	JournalBytes int
	// AdminToken lets clients other than loopback ones use the admin API
	// (/__tsymock/), with "Authorization: Bearer TOKEN" or
	// "X-Tsymock-Token: TOKEN". Without it they are refused.
	AdminToken string
	// AdminHosts are host names, besides IP addresses and localhost, that
	// a request to the admin API without the token may name in its Host
	// header ("tsymock" in a compose network). Any other is refused, so
	// that a page whose name resolves to this machine (DNS rebinding)
	// cannot use the API of a loopback server.
	AdminHosts []string
	// AutoApps registers an unknown sysid on its first request signed with
	// one of AutoAppKeys (default the bundled demo merchant key).
	AutoApps    bool
	AutoAppKeys []*rsa.PublicKey
	// AutoAppsMax bounds the applications AutoApps registers (default
	// DefaultAutoAppsMax): each has its own state, journal and counters.
	// Past it an unknown sysid is answered 20000, saying so.
	AutoAppsMax int
	// Notify is how notifications reach backUrl: retry schedule, attempt
	// timeout, allowed hosts (notify.go).
	Notify NotifyConfig
	// DataDir, when set, keeps the state across restarts: the applications
	// registered at run time, members, cards, orders, the ledger and the
	// notifications not yet delivered. Every change is in the write-ahead
	// log DataDir/tsymock.wal before it is answered. "" keeps the state in
	// memory only.
	DataDir string
	// Snapshots says when the state in DataDir is snapshotted and the log
	// cut behind the snapshot (persist.go): by default at 8 MiB of log or
	// every hour.
	Snapshots SnapshotConfig
	// Upstream puts a real environment behind the server: forwarding,
	// recording, comparing (upstream.go, docs/record.md).
	Upstream UpstreamConfig
}

// The languages of Config.Lang.
const (
	LangEnglish = "en" // the default
	LangChinese = "zh"
)

// KnownKey is a public key that may have made a wrong signature, named for
// the diagnosis ("bundled demo merchant key"), in Config.Lang.
type KnownKey struct {
	Name string
	Key  *rsa.PublicKey
}

func withDefaults(cfg Config) Config {
	if cfg.Skew <= 0 {
		cfg.Skew = DefaultSkew
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.NewAdjustable(clock.System{}) // the admin API moves it
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.BodyBudget <= 0 {
		cfg.BodyBudget = DefaultBodyBudget
	}
	if cfg.AutoAppsMax <= 0 {
		cfg.AutoAppsMax = DefaultAutoAppsMax
	}
	if cfg.MaxConns == 0 {
		cfg.MaxConns = DefaultMaxConns
	}
	if cfg.BodyTimeout <= 0 {
		cfg.BodyTimeout = DefaultBodyTimeout
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = DefaultMaxDelay
	}
	return cfg
}

// idSource generates the server's ids: seeded when IDSeed is set.
func (cfg Config) idSource() *ids.Source {
	if cfg.IDSeed != 0 {
		return ids.NewSeeded(cfg.IDSeed)
	}
	return ids.NewRandom()
}

// knownKeys are KnownKeys as the signature diagnosis takes them.
func (cfg Config) knownKeys() []diagnose.NamedKey {
	out := make([]diagnose.NamedKey, len(cfg.KnownKeys))
	for i, k := range cfg.KnownKeys {
		out[i] = diagnose.NamedKey{Name: k.Name, Key: k.Key}
	}
	return out
}

// Clock is the server's clock, which tests and the admin API's
// /__tsymock/clock move. It is one clock for every application.
type Clock interface {
	Now() time.Time
	Set(t time.Time)
	Advance(d time.Duration)
}

// NewFixedClock returns a clock that stands still at t until Set or
// Advance moves it: every answer and timestamp window is then the same
// from run to run. It is safe for concurrent use.
func NewFixedClock(t time.Time) Clock { return clock.NewManual(t) }

// Clock returns the server's clock, which the admin API sets and advances.
// A server on the system clock runs on from wherever it is set.
func (s *Server) Clock() Clock { return s.cfg.Clock }
