// Package mock is tsymock's HTTP server: the signed /service/soa endpoint
// that merchant SDKs call, the page flows, the notifier, and the control
// plane under /__tsymock/ (the admin API, the journal, contract coverage and
// a web page). NewTestServer runs one for a Go test; package mock/mocktest
// adds a ready client.
//
// A request is read leniently, verified (sysid, timestamp window, signature
// over the exact strings received), decoded and validated against the
// catalogue, decrypted, answered by the emulator, and written back as a
// signed JSON envelope with HTTP 200, as the platform does. Scenario rules
// (package scenarios) are asked first, once the call is decoded: they may
// answer, delay, or break the answer on purpose.
package mock

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/tsymock/tsymock/internal/admin"
	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/coverage"
	"github.com/tsymock/tsymock/internal/diagnose"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/pages"
	"github.com/tsymock/tsymock/internal/rpc"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/internal/store"
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

// Config is everything the server depends on. Zero values get defaults.
type Config struct {
	// PlatformKey signs every answer and decrypts request fields. Required.
	PlatformKey *rsa.PrivateKey
	// Apps are the applications known at start.
	Apps []App
	// Skew is the allowed difference between a request's timestamp and the
	// server's clock, both ways (default DefaultSkew).
	Skew time.Duration
	// Clock is the server's time (default the system clock).
	Clock clock.Clock
	// IDs generates userIds and order numbers (default random).
	IDs *ids.Source
	// Logger receives one line per request (default discards).
	Logger *slog.Logger
	// SignHints appends the signature diagnosis to the 20019 message on the
	// wire; by default the wire keeps the platform's exact text.
	SignHints bool
	// KnownKeys are further keys used to explain a wrong-key signature,
	// such as the bundled demo merchant key.
	KnownKeys []diagnose.NamedKey
	// MaxBody bounds the request body in bytes (default DefaultMaxBody).
	MaxBody int64
	// BodyTimeout bounds the time to send a request body (default
	// DefaultBodyTimeout).
	BodyTimeout time.Duration
	// Version is reported in the X-Tsymock-Version header.
	Version string
	// VerificationCode is the SMS code the emulated platform "sends"
	// (default emulator.DefaultVerificationCode).
	VerificationCode string
	// Scenarios are the scenario files in force at start; Server.Scenarios
	// changes the rules at run time.
	Scenarios []*scenarios.File
	// NoMagic switches off the magic values (a bizUserId, bizOrderNo, ...
	// starting err-<code>- answers that code).
	NoMagic bool
	// MaxDelay caps scenario delays and hangs (default DefaultMaxDelay).
	MaxDelay time.Duration
	// PProf serves the Go profiler under PProfPrefix (/debug/pprof/) to
	// loopback clients, for profiles taken under load.
	PProf bool
	// JournalSize is how many calls the journal keeps per application
	// (default DefaultJournalSize).
	JournalSize int
	// AdminToken lets clients other than loopback ones use the admin API
	// (/__tsymock/), with "Authorization: Bearer TOKEN" or
	// "X-Tsymock-Token: TOKEN". Without it they are refused.
	AdminToken string
	// AutoApps registers an unknown sysid on its first request signed with
	// one of AutoAppKeys (default the bundled demo merchant key).
	AutoApps    bool
	AutoAppKeys []*rsa.PublicKey
	// Notify is how notifications reach backUrl: retry schedule, attempt
	// timeout, allowed hosts.
	Notify NotifyConfig
	// DataDir, when set, keeps the state across restarts: the applications
	// registered at run time, members, cards, orders, the ledger and the
	// notifications not yet delivered. Every change is in the write-ahead
	// log DataDir/tsymock.wal before it is answered. "" keeps the state in
	// memory only.
	DataDir string
}

// Server is a running tsymock. Create it with New.
type Server struct {
	cfg       Config
	apps      *apps.Registry
	autoKeys  apps.AutoKeys // nil unless Config.AutoApps
	catalogue *soa.Catalogue
	emu       *emulator.Emulator
	scen      *scenarios.Set
	log       *slog.Logger
	http      *http.Server
	rpc       *rpc.Handler // /service/soa
	version   []string     // X-Tsymock-Version, made once: assigned, it costs nothing per request
	journal   *journal.Journal
	coverage  *coverage.Counter
	notify    *notify.Notifier
	pages     *pages.Handler // the browser pages of PROTOCOL.md §6
	admin     *admin.API     // /__tsymock/
	store     *store.Store   // the data dir, or nil
}

// New checks cfg and builds a server.
func New(cfg Config) (*Server, error) {
	if cfg.PlatformKey == nil {
		return nil, errors.New("mock: a platform private key is required")
	}
	cfg = withDefaults(cfg)
	ecfg := emulator.Config{Clock: cfg.Clock, IDs: cfg.IDs, VerificationCode: cfg.VerificationCode}
	var st *store.Store
	if cfg.DataDir != "" {
		st = store.New()
		ecfg.Recorder = st // only when set: a nil *store.Store would be a non-nil Recorder
	}
	s := &Server{
		cfg:       cfg,
		apps:      apps.NewRegistry(),
		catalogue: soa.DefaultCatalogue(),
		emu:       emulator.New(ecfg),
		store:     st,
		scen:      newScenarioSet(cfg),
		log:       cfg.Logger,
		version:   []string{cfg.Version},
	}
	if cfg.AutoApps {
		s.autoKeys = apps.NewAutoKeys(cfg.AutoAppKeys)
	}
	s.journal = journal.New(cfg.JournalSize)
	s.coverage = coverage.New(s.catalogue)
	var finished func(key string) // the data dir keeps which notifications need no more attempts
	if st != nil {
		finished = st.Finished
	}
	s.notify = notify.New(cfg.Notify.internal(finished), cfg.PlatformKey, cfg.Clock, s.emu, s.log)
	s.rpc = s.newRPC()
	var err error
	if s.pages, err = s.newPages(); err != nil {
		return nil, fmt.Errorf("mock: %w", err)
	}
	for _, a := range cfg.Apps {
		if _, err := s.registerApp(a.internal(), OriginConfig); err != nil {
			return nil, err
		}
	}
	if st != nil {
		if err := s.openStore(); err != nil {
			return nil, fmt.Errorf("mock: %w", err)
		}
	}
	s.admin = admin.New(admin.Config{Token: cfg.AdminToken, Version: cfg.Version}, admin.Parts{
		Server: adminServer{s}, State: s.emu, Journal: s.journal, Clock: cfg.Clock.(clock.Settable)})
	s.http = s.newHTTPServer()
	return s, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Skew <= 0 {
		cfg.Skew = DefaultSkew
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	cfg.Clock = clock.MakeSettable(cfg.Clock) // the admin API moves it
	if cfg.IDs == nil {
		cfg.IDs = ids.NewRandom()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
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

// newHTTPServer builds the net/http server in New, so that Serve and
// Shutdown, often called from different goroutines, only read it. The read
// and write timeouts leave room for the longest scenario delay: when the
// read timeout passes, net/http cancels the request's context.
func (s *Server) newHTTPServer() *http.Server {
	h := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30*time.Second + s.cfg.MaxDelay,
		WriteTimeout:      60*time.Second + s.cfg.MaxDelay,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	h.RegisterOnShutdown(s.rpc.StopWaiting)
	return h
}

// Serve answers requests on ln until Shutdown is called. It returns nil
// after a clean shutdown.
func (s *Server) Serve(ln net.Listener) error {
	s.notify.Start()
	err := s.http.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections, ends scenario delays and hangs, and
// waits for in-flight requests to finish, or for ctx to end. Scheduled
// notifications are cancelled and attempts in flight aborted.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.http.Shutdown(ctx)
	err = errors.Join(err, s.notify.Close(ctx))
	if s.store != nil {
		err = errors.Join(err, s.store.Close())
	}
	return err
}

// newRPC builds the handler of /service/soa from the server's parts.
func (s *Server) newRPC() *rpc.Handler {
	parts := rpc.Parts{Apps: s.apps, Catalogue: s.catalogue, Emulator: s.emu, Scenarios: s.scen,
		Journal: s.journal, Coverage: s.coverage, Notifier: s.notify, Log: s.log}
	if s.cfg.AutoApps {
		parts.AutoApp = s.autoApp
	}
	return rpc.New(rpc.Config{PlatformKey: s.cfg.PlatformKey, Skew: s.cfg.Skew, Clock: s.cfg.Clock,
		MaxBody: s.cfg.MaxBody, BodyTimeout: s.cfg.BodyTimeout, MaxDelay: s.cfg.MaxDelay,
		SignHints: s.cfg.SignHints, KnownKeys: s.cfg.KnownKeys}, parts)
}

// newPages builds the browser pages from the server's parts.
func (s *Server) newPages() (*pages.Handler, error) {
	return pages.New(pages.Config{PlatformKey: s.cfg.PlatformKey, Clock: s.cfg.Clock, MaxBody: s.cfg.MaxBody,
		VerificationCode: s.cfg.VerificationCode},
		pages.Parts{Verify: s.rpc.VerifyPage, Apps: s.apps, Emulator: s.emu, Notifier: s.notify, Log: s.log})
}

// openStore opens the data dir and replays it, after the configured
// applications are registered.
func (s *Server) openStore() error {
	return s.store.Open(s.cfg.DataDir, store.Replayer{Emulator: s.emu, Log: s.log,
		RegisterApp: func(a apps.App, origin string) error {
			_, err := s.registerApp(a, origin)
			return err
		}})
}
