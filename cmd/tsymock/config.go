package main

import (
	"crypto/rsa"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

func demoSysID() string { return demo.SysID }

// serverConfig turns flags into the server's configuration: the bundled
// demo material unless flags replace it. Of the demo merchant it reads the
// public key only, from the .cer: the .pfx's decryption alone was a fifth
// of the start, for a key the server never uses.
func serverConfig(f serveFlags, logger *slog.Logger) (mock.Config, error) {
	platformKey, err := loadPlatformKey(f)
	if err != nil {
		return mock.Config{}, err
	}
	merchant, err := demo.MerchantPublicKey()
	if err != nil {
		return mock.Config{}, err
	}
	machines, err := lang.ForMachines(f.lang) // the wire's and the log's: only an explicit zh
	if err != nil {
		return mock.Config{}, err
	}
	cfg := mock.Config{
		PlatformKey:      platformKey,
		Skew:             f.skew,
		Logger:           logger,
		SignHints:        f.signHints,
		PlatformMessages: f.platformMessages,
		VerificationCode: f.smsCode,
		Strict:           f.strict,
		AccountSets:      f.sets.defaults,
		NoMagic:          f.noMagic,
		MaxDelay:         f.maxDelay,
		Notify:           f.notify.config(),
		JournalSize:      f.journalSize,
		AdminToken:       f.adminToken,
		AutoApps:         f.autoApps,
		PProf:            f.perf.pprof,
		Version:          versionString(),
		Lang:             machines.String(),
		KnownKeys: []mock.KnownKey{{
			Name: say(machines, msgDemoKeyName, demo.SysID),
			Key:  merchant,
		}},
	}
	if !f.noDemoApp {
		cfg.Apps = append(cfg.Apps, mock.App{SysID: demo.SysID, Key: cfg.KnownKeys[0].Key})
	}
	apps, err := parseApps(f.apps)
	if err != nil {
		return mock.Config{}, err
	}
	cfg.Apps = append(cfg.Apps, apps...)
	if err := f.sets.apply(cfg.Apps); err != nil {
		return mock.Config{}, err
	}
	if err := f.audit.apply(&cfg); err != nil {
		return mock.Config{}, err
	}
	if cfg.Clock, err = parseClock(f.clock); err != nil {
		return mock.Config{}, err
	}
	cfg.IDSeed = f.seed
	if cfg.Upstream, err = f.upstream.config(f.scenarios); err != nil {
		return mock.Config{}, err
	}
	f.guard.apply(&cfg)
	if err := f.persist.apply(&cfg); err != nil {
		return mock.Config{}, err
	}
	return cfg, nil
}

// loadPlatformKey reads --platform-key, or the bundled key without it.
func loadPlatformKey(f serveFlags) (*rsa.PrivateKey, error) {
	if f.platformKey == "" {
		return demo.PlatformKey()
	}
	key, err := keys.LoadPrivateKeyFile(f.platformKey, f.platformPwd)
	if err != nil {
		return nil, fmt.Errorf("--platform-key: %w", err)
	}
	return key, nil
}

// parseApps reads SYSID=PATH pairs.
func parseApps(specs []string) ([]mock.App, error) {
	var apps []mock.App
	for _, spec := range specs {
		sysid, path, ok := strings.Cut(spec, "=")
		if !ok || sysid == "" || path == "" {
			return nil, fmt.Errorf("--app %q: want SYSID=PATH to the merchant's .cer", spec)
		}
		pub, err := keys.LoadPublicKeyFile(path)
		if err != nil {
			return nil, fmt.Errorf("--app %s: %w", sysid, err)
		}
		apps = append(apps, mock.App{SysID: sysid, Key: pub})
	}
	return apps, nil
}

// parseClock returns nil for the system clock, or a clock fixed at the
// given time.
func parseClock(s string) (mock.Clock, error) {
	if s == "" {
		return nil, nil
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04:05", s, soa.Shanghai()); err == nil {
		return mock.NewFixedClock(t), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil, fmt.Errorf(`--clock %q: want "2006-01-02 15:04:05" (China time) or RFC 3339`, s)
	}
	return mock.NewFixedClock(t), nil
}
