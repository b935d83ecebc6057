package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// serveFlags are the options of "tsymock serve".
type serveFlags struct {
	addr        string
	platformKey string
	platformPwd string
	apps        []string
	noDemoApp   bool
	skew        time.Duration
	clock       string
	seed        uint64
	logFormat   string
	banner      string
	logLevel    string
	signHints   bool
	// platformMessages answers errors with the platform's text alone.
	platformMessages bool
	smsCode          string
	scenarios        []string
	noMagic          bool
	maxDelay         time.Duration
	readyFile        string
	perf             perfFlags
	notify           notifyFlags
	upstream         upstreamFlags
	guard            guardFlags
	journalSize      int
	adminToken       string
	autoApps         bool
	persist          persistFlags
	strict           bool
	sets             accountSetFlags
	audit            companyAuditFlags
	// lang is --lang; people is it resolved for the banner (auto: the
	// locale's language), which runServe does: English until then.
	lang   string
	people lang.Lang
	// envWarnings are the TSYMOCK_ variables no flag reads (unknownEnv),
	// which serve logs once it has a logger.
	envWarnings []string
}

func (f *serveFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.addr, "addr", "127.0.0.1:6900", "address to listen on; port 0 picks a free port")
	fs.StringVar(&f.platformKey, "platform-key", "", "platform private key (PEM or .pfx) that signs answers; default the bundled TEST ONLY key")
	fs.StringVar(&f.platformPwd, "platform-key-password", "", "password of --platform-key when it is a .pfx")
	fs.StringArrayVar(&f.apps, "app", nil, "register an application: SYSID=PATH to the merchant's .cer or public key PEM (repeatable)")
	fs.BoolVar(&f.noDemoApp, "no-demo-app", false, "do not register the demo application "+demoSysID())
	fs.DurationVar(&f.skew, "skew", mock.DefaultSkew, "allowed difference between a request's timestamp and the server clock, either way")
	fs.StringVar(&f.clock, "clock", "", `fix the server clock at this China time ("2006-01-02 15:04:05") or RFC 3339 time`)
	fs.Uint64Var(&f.seed, "seed", 0, "make generated ids (userId, orderNo) deterministic from this seed, per sysid: "+
		"a sysid's ids depend on the seed, the sysid and the order of its own calls (0: random; "+
		"a seed gives other ids than tsymock before per-sysid streams did)")
	fs.StringVar(&f.logFormat, "log-format", "text", "log format: text or json (logs go to stderr, in batches at most 50 ms late; a warning or an error at once)")
	fs.StringVar(&f.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.StringVar(&f.banner, "banner", bannerAuto, "a few lines for a person on stderr once ready (URL, sysids, keys, web page, docs): auto (when stdout is a terminal and --log-format is text), on or off; the JSON ready line on stdout stays")
	fs.StringVar(&f.smsCode, "verification-code", emulator.DefaultVerificationCode, "the SMS verification code every emulated SMS carries")
	fs.BoolVar(&f.signHints, "sign-hints", false, "append the signature diagnosis to the 20019 message on the wire (the platform sends only 签名验证失败)")
	fs.BoolVar(&f.platformMessages, "platform-messages", false, "answer every errorCode's message as the platform words it (参数不能为空, 应用不存在...), without the explanation tsymock adds after it, for test suites that compare messages whole; the journal and the log keep the explanation")
	fs.StringVar(&f.lang, "lang", lang.Auto, "language of tsymock's messages: auto, en or zh (中文; also written as a locale: zh_CN.UTF-8, zh-CN, ZH). "+
		"auto puts the banner in the locale's language (LC_ALL, LC_MESSAGES, LANG: Chinese for a UTF-8 zh locale, English for zh_CN.GBK or a bare zh_CN); "+
		"only zh puts the errorCode details on the wire, the log, the signature diagnosis and the pages' hints in Chinese, "+
		"so that a CI run and a laptop with a Chinese locale answer the same bytes")
	fs.StringArrayVar(&f.scenarios, "scenarios", nil, "load scenario rules from a file, a folder of *.yaml/*.yml/*.json, or builtin:NAME (repeatable; files are reloaded when they change)")
	fs.BoolVar(&f.noMagic, "no-magic", false, "switch off the magic values (a bizUserId, bizOrderNo... starting err-<code>- answers that code)")
	fs.DurationVar(&f.maxDelay, "max-delay", mock.DefaultMaxDelay, "cap on scenario delays, hangs and slow bodies")
	fs.StringVar(&f.readyFile, "ready-file", "", "once listening, write the ready line's JSON to this file (removed on exit), for CI steps that wait for it")
	f.perf.register(fs)
	f.notify.register(fs)
	f.upstream.register(fs)
	f.guard.register(fs)
	fs.IntVar(&f.journalSize, "journal-size", mock.DefaultJournalSize, "calls the journal keeps per application (GET /__tsymock/journal)")
	fs.StringVar(&f.adminToken, "admin-token", "", "let clients other than loopback use the admin API (/__tsymock/) with this token, sent as \"Authorization: Bearer TOKEN\" or \"X-Tsymock-Token: TOKEN\"; without it they are refused. Prefer TSYMOCK_ADMIN_TOKEN: a flag is visible to every user in /proc")
	f.persist.register(fs)
	fs.BoolVar(&f.strict, "strict", false, "fail the calls and pages that rely on tsymock being more lenient than Allinpay's real test environment (a card outside the test cards, an ID number with a wrong check digit, a \"#\" in a jumpUrl...) as the real environment would; without it they succeed and are marked in the log, the journal and the coverage report")
	f.sets.register(fs)
	f.audit.register(fs)
	fs.BoolVar(&f.autoApps, "auto-apps", false, "register an unknown sysid on its first request signed with the bundled demo merchant key, so parallel CI jobs can each use their own sysid without setup")
}

// readyLine is printed to stdout, once, when the server accepts requests.
type readyLine struct {
	Event   string   `json:"event"`
	Addr    string   `json:"addr"`
	SOAURL  string   `json:"soaUrl"`
	Version string   `json:"version"`
	SysIDs  []string `json:"sysids"`
	PID     int      `json:"pid"`
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serveFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	f.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tsymock serve [flags]\n\nStart the mock server. Every flag can also come from the environment:\nTSYMOCK_ and its name in capitals (TSYMOCK_MAX_DELAY=5s; lists comma-separated);\nthe command line wins. Flags:\n")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	langGiven := fs.Changed("lang") // before the environment sets it
	if err := flagsFromEnv(fs, os.LookupEnv); err != nil {
		fmt.Fprintf(stderr, "tsymock serve: %v\n", err)
		return 2
	}
	f.envWarnings = unknownEnv(fs, os.Environ())
	people, err := peopleLang(f.lang, langGiven)
	if err != nil {
		fmt.Fprintf(stderr, "tsymock serve: %v\n", err)
		return 2
	}
	f.people = people
	if err := serve(ctx, f, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "tsymock: %v\n", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, f serveFlags, stdout, stderr io.Writer) error {
	logs := newLogBatch(stderr)
	defer logs.Flush()
	logger, err := newLogger(logs, f.logFormat, f.logLevel)
	if err != nil {
		return err
	}
	for _, w := range f.envWarnings {
		logger.Warn(w)
	}
	hup, stopHangups := hangups() // from the start: a SIGHUP must never kill the server
	defer stopHangups()
	banner, err := wantBanner(f.banner, f.logFormat, stdout, isTerminal)
	if err != nil {
		return err
	}
	cfg, err := serverConfig(f, logger)
	if err != nil {
		return err
	}
	if f.persist.dataRecover {
		if err := recoverDataDir(f.persist.dataDir, logger); err != nil {
			return damageHint(err) // a damaged snapshot: what to do, since no salvage helps
		}
	}
	srv, err := mock.New(cfg)
	if err != nil {
		return damageHint(err)
	}
	w, err := watchScenarios(ctx, srv, f.scenarios, logger)
	if err != nil {
		return err
	}
	hctx, stopReload := context.WithCancel(ctx)
	defer stopReload()
	go reloadOnHangup(hctx, hup, w, logger)
	if err := f.perf.preloadMembers(ctx, srv, logger); err != nil {
		return err
	}
	logs.Flush() // the start's lines are out before the ready file and line a script acts on
	ln, line, err := listenReady(f, cfg)
	if err != nil {
		return err
	}
	defer removeReadyFile(f.readyFile, logger)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if _, err := fmt.Fprintf(stdout, "%s\n", line); err != nil {
		return err
	}
	if banner {
		if err := writeBanner(stderr, f, cfg, ln.Addr().String()); err != nil {
			return err
		}
	}
	logger.Info("listening", "addr", ln.Addr().String())
	return stopOnDone(ctx, srv, errc, logger)
}

// stopOnDone waits for the server to fail or ctx to end, then shuts it
// down gracefully.
func stopOnDone(ctx context.Context, srv *mock.Server, errc <-chan error, logger *slog.Logger) error {
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return <-errc
}

// watchScenarios loads the scenario files before the server listens (a
// problem stops it), then follows their changes until ctx ends. The
// watcher is nil without files.
func watchScenarios(ctx context.Context, srv *mock.Server, paths []string, logger *slog.Logger) (*scenarios.Watcher, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	w := scenarios.NewWatcher(srv.Scenarios(), paths, scenarios.WatchOptions{Logger: logger, MaxDelay: srv.MaxDelay()})
	if err := w.Sync(); err != nil {
		return nil, fmt.Errorf("--scenarios:\n%w", err)
	}
	go w.Run(ctx)
	return w, nil
}

// newLogger is serve's logger, writing to the batch (see logBatch) and
// flushing it after a warning or an error.
func newLogger(w *logBatch, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(flushingHandler{slog.NewTextHandler(w, opts), w}), nil
	case "json":
		return slog.New(flushingHandler{slog.NewJSONHandler(w, opts), w}), nil
	default:
		return nil, fmt.Errorf("--log-format must be text or json, not %q", format)
	}
}
