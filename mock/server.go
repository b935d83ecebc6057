// Package mock is tsymock's HTTP server: the signed /service/soa endpoint
// that merchant SDKs call, the page flows, the notifier, and the control
// plane under /__tsymock/ (the admin API, the journal, contract coverage and
// a web page). Package mock/mocktest runs one for a Go test, with a ready
// client.
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
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/tsymock/tsymock/internal/admin"
	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/coverage"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/metrics"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/pages"
	"github.com/tsymock/tsymock/internal/proxy"
	"github.com/tsymock/tsymock/internal/rpc"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/internal/store"
	"github.com/tsymock/tsymock/scenarios"
)

// Server is a running tsymock. Create it with New.
type Server struct {
	cfg       Config
	apps      *apps.Registry
	autoKeys  apps.AutoKeys // nil unless Config.AutoApps
	catalogue *soa.Catalogue
	emu       *emulator.Emulator
	scen      *scenarios.Set
	scenIDs   *ids.Streams // the ids scenario templates draw, per sysid
	log       *slog.Logger
	http      *http.Server
	unused    unusedConns  // connections that never sent a request: closed at Shutdown
	rpc       *rpc.Handler // /service/soa
	version   []string     // X-Tsymock-Version, made once: assigned, it costs nothing per request
	journal   *journal.Journal
	coverage  *coverage.Counter
	metrics   *metrics.Metrics // GET /__tsymock/metrics
	notify    *notify.Notifier
	pages     *pages.Handler // the browser pages of PROTOCOL.md §6
	admin     *admin.API     // /__tsymock/
	store     *store.Store   // the data dir, or nil
	proxy     *proxy.Proxy   // the upstream (Config.Upstream), or nil
	bodies    *form.Budget   // the bytes of request bodies held at once
	lang      lang.Lang      // Config.Lang
	// unknownPaths bounds the warnings about paths answered 404.
	unknownPaths *pathLimit

	// router is Handler, built once: by Serve before it accepts, or by the
	// first request.
	router func() http.Handler
}

// New checks cfg and builds a server.
func New(cfg Config) (*Server, error) {
	if cfg.PlatformKey == nil {
		return nil, errors.New("mock: a platform private key is required")
	}
	if cfg.AccountSets != nil {
		if err := emulator.CheckAccountSets(cfg.AccountSets); err != nil {
			return nil, fmt.Errorf("mock: Config.AccountSets: %w", err)
		}
	}
	if err := emulator.CheckCompanyAudit(cfg.CompanyAudit); err != nil {
		return nil, fmt.Errorf("mock: Config.CompanyAudit: %w", err)
	}
	l, err := lang.Parse(cfg.Lang)
	if err != nil {
		return nil, fmt.Errorf("mock: Config.Lang: %w", err)
	}
	cfg = withDefaults(cfg)
	idSource := cfg.idSource()
	scenIDs := idSource.Streams(scenarioStreams)
	ecfg := emulator.Config{Clock: cfg.Clock, IDs: idSource, VerificationCode: cfg.VerificationCode,
		Strict: cfg.Strict, AccountSets: cfg.AccountSets, CompanyAudit: cfg.CompanyAudit}
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
		scen:      newScenarioSet(cfg, scenIDs),
		scenIDs:   scenIDs,
		log:       cfg.Logger,
		version:   []string{cfg.Version},
		bodies:    form.NewBudget(cfg.BodyBudget),
		lang:      l,
		// Real time, not cfg.Clock: a clock moved by the admin API must not
		// silence or flood the log.
		unknownPaths: newPathLimit(time.Now),
	}
	if cfg.AutoApps {
		s.autoKeys = apps.NewAutoKeys(cfg.AutoAppKeys)
	}
	s.journal = journal.NewLimited(cfg.journalLimits())
	s.coverage = coverage.New(s.catalogue)
	s.metrics = metrics.New(s.catalogue)
	var finished func(key string) // the data dir keeps which notifications need no more attempts
	var events notify.EventSource = s.emu
	if st != nil {
		finished, events = st.Finished, keptEvents{Emulator: s.emu, store: st}
	}
	s.notify = notify.New(cfg.Notify.internal(finished), cfg.PlatformKey, cfg.Clock, events, s.log)
	if s.proxy, err = s.newProxy(); err != nil {
		return nil, fmt.Errorf("mock: %w", err)
	}
	s.rpc = s.newRPC()
	s.pages = s.newPages()
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
	s.admin = admin.New(admin.Config{Token: cfg.AdminToken, Hosts: cfg.AdminHosts, Version: cfg.Version}, admin.Parts{
		Server: adminServer{s}, State: s.emu, Journal: s.journal, Clock: cfg.Clock, Log: s.log, Compare: s.proxy,
		Metrics: s.metricsHandler()})
	s.http = s.newHTTPServer()
	return s, nil
}

// newHTTPServer builds the net/http server in New, so that Serve and
// Shutdown, often called from different goroutines, only read it. The read
// and write timeouts leave room for the longest scenario waits, a delay
// then a hang or a slow body, each up to MaxDelay: when the read timeout
// passes, net/http cancels the request's context.
//
// The router is not built here but by Serve, before it accepts: gorilla/mux
// compiles a regular expression for each path, a tenth of a start, and a
// caller that runs Serve in a goroutine (tsymock serve) says that it is
// ready meanwhile. Connections wait in the listener's queue until then.
func (s *Server) newHTTPServer() *http.Server {
	s.router = sync.OnceValue(s.Handler)
	h := &http.Server{
		Handler:           http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.router().ServeHTTP(w, r) }),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30*time.Second + 2*s.cfg.MaxDelay,
		WriteTimeout:      60*time.Second + 2*s.cfg.MaxDelay + s.cfg.Upstream.Timeout,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		ConnState:         s.unused.track,
	}
	h.RegisterOnShutdown(s.rpc.StopWaiting)
	h.RegisterOnShutdown(s.unused.closeAll)
	return h
}

// Serve answers requests on ln until Shutdown is called. It returns nil
// after a clean shutdown.
func (s *Server) Serve(ln net.Listener) error {
	s.notify.Start()
	s.router()
	err := s.http.Serve(s.limitConns(ln))
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections, closes those that never sent a
// request (a client pool's spare ones), ends scenario delays, hangs and slow bodies, and
// waits for in-flight requests to finish, or for ctx to end. Scheduled
// notifications are cancelled and attempts in flight aborted. With a data
// dir, the snapshots stop (one in progress is finished) and the log is
// closed.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.http.Shutdown(ctx)
	err = errors.Join(err, s.notify.Close(ctx))
	s.proxy.Close()
	if s.store != nil {
		err = errors.Join(err, s.store.Close())
	}
	return err
}

// newRPC builds the handler of /service/soa from the server's parts.
func (s *Server) newRPC() *rpc.Handler {
	parts := rpc.Parts{Apps: s.apps, Catalogue: s.catalogue, Emulator: s.emu, Scenarios: s.scen,
		Journal: s.journal, Coverage: s.coverage, Notifier: s.notify, Log: s.log, Metrics: s.metrics, Proxy: s.proxy}
	if s.cfg.AutoApps {
		parts.AutoApp = s.autoApp
	}
	return rpc.New(rpc.Config{PlatformKey: s.cfg.PlatformKey, Skew: s.cfg.Skew, Clock: s.cfg.Clock,
		MaxBody: s.cfg.MaxBody, BodyTimeout: s.cfg.BodyTimeout, Bodies: s.bodies, MaxDelay: s.cfg.MaxDelay,
		SignHints: s.cfg.SignHints, PlatformMessages: s.cfg.PlatformMessages, KnownKeys: s.cfg.knownKeys(), Lang: s.lang}, parts)
}

// newPages builds the browser pages from the server's parts.
func (s *Server) newPages() *pages.Handler {
	return pages.New(pages.Config{PlatformKey: s.cfg.PlatformKey, Clock: s.cfg.Clock, MaxBody: s.cfg.MaxBody, Bodies: s.bodies,
		VerificationCode: s.cfg.VerificationCode, Lang: s.lang},
		pages.Parts{Verify: s.rpc.VerifyPage, Record: s.rpc.RecordPage, Apps: s.apps, Emulator: s.emu,
			Notifier: s.notify, Log: s.log})
}

// adminServer is the Server as the admin API acts on it (admin.Server):
// its Go API, whose types are the internal packages' already, with
// RegisterApp taking the registry's App.
type adminServer struct{ *Server }

// RegisterApp registers an application the admin API was sent, and
// reports whether its state was reset for new account sets.
func (a adminServer) RegisterApp(app apps.App) (bool, error) {
	return a.registerAtRunTime(App{SysID: app.SysID, Key: app.Key, AccountSets: app.AccountSets, CompanyAudit: app.CompanyAudit})
}

// MetricsPath is where the server's metrics are scraped, in the
// Prometheus text format, behind the admin API's access rule.
const MetricsPath = AdminPrefix + "metrics"

// metricsHandler answers MetricsPath: the counters the calls and pages
// update, and what the journal, the notifier, the pages, the registry and
// the data dir hold, read when scraped.
func (s *Server) metricsHandler() http.Handler {
	src := metrics.Sources{Journal: s.journal, Notifier: s.notify, Pages: s.pages, Apps: s.apps, Version: s.cfg.Version}
	if s.store != nil {
		src.WAL = s.store.Stats
	}
	return s.metrics.Handler(src, s.log)
}
