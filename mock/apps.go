package mock

import (
	"cmp"
	"crypto/rsa"
	"fmt"
	"slices"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/soa"
)

// App is an application (sysid) with the merchant's public key, taken from
// the certificate the merchant uploaded to the platform.
type App struct {
	SysID string
	Key   *rsa.PublicKey
	// AccountSets are the application's account sets, the one that holds
	// escrow first; nil means Config.AccountSets (default: 200126 and the
	// standard sets of spec §6.17).
	AccountSets []string
	// CompanyAudit is how setCompanyInfo audits the application's
	// enterprises (CompanyAuditAuto or CompanyAuditManual); "" means
	// Config.CompanyAudit, or the mode it has when registered again.
	CompanyAudit string
}

// internal is a as the registry keeps it.
func (a App) internal() apps.App {
	return apps.App{SysID: a.SysID, Key: a.Key, AccountSets: a.AccountSets, CompanyAudit: a.CompanyAudit}
}

// AppInfo describes a registered application, as GET /__tsymock/apps
// reports it.
type AppInfo = apps.Info

// How an application came to be registered (AppInfo.Origin).
const (
	OriginConfig = apps.OriginConfig // Config.Apps, the --app flag, the demo app
	OriginAdmin  = apps.OriginAdmin  // registered at run time
	OriginAuto   = apps.OriginAuto   // registered on first use (--auto-apps)
)

// RegisterApp registers an application at run time, or replaces the key
// of a registered one; nil AccountSets keep the sets it has, and ""
// CompanyAudit the audit mode it has. When it is
// registered again with other account sets after its first call, its state
// is Reset (members, orders, balances, journal, coverage, its run-time
// rules and notifications), so that the new sets take effect: balances
// cannot move from one set to another. With a data dir it is kept: it is
// on disk when RegisterApp returns.
func (s *Server) RegisterApp(a App) error {
	_, err := s.registerAtRunTime(a)
	return err
}

// registerAtRunTime is RegisterApp, reporting whether it reset the
// application's state (the admin API says so in its answer).
func (s *Server) registerAtRunTime(a App) (reset bool, err error) {
	had, live := s.emu.AccountSetsOf(a.SysID)
	registered, err := s.registerApp(a.internal(), OriginAdmin)
	if err != nil {
		return false, err
	}
	if s.store != nil {
		if err := s.store.KeepApp(registered, OriginAdmin); err != nil {
			return false, fmt.Errorf("mock: keep %s in the data dir: %w", a.SysID, err)
		}
	}
	if !live || len(a.AccountSets) == 0 || slices.Equal(had, a.AccountSets) {
		return false, nil
	}
	if err := s.Reset(a.SysID); err != nil {
		return false, err
	}
	s.log.Warn("application registered again with other account sets: its state was reset",
		"sysid", a.SysID, "accountSets", a.AccountSets, "before", had)
	return true, nil
}

// registerApp makes an application known, with its account sets and how
// it came, and returns it as registered.
func (s *Server) registerApp(a apps.App, origin string) (apps.App, error) {
	if len(a.AccountSets) > 0 {
		if err := emulator.CheckAccountSets(a.AccountSets); err != nil {
			return apps.App{}, fmt.Errorf("mock: application %s: %w", a.SysID, err)
		}
	}
	if err := emulator.CheckCompanyAudit(a.CompanyAudit); err != nil {
		return apps.App{}, fmt.Errorf("mock: application %s: %w", a.SysID, err)
	}
	if old, ok := s.apps.Get(a.SysID); ok {
		// registered again without a mode or sets: it keeps its own, and the
		// data dir's record of it says so
		a.CompanyAudit = cmp.Or(a.CompanyAudit, old.CompanyAudit)
		if len(a.AccountSets) == 0 {
			a.AccountSets = old.AccountSets
		}
	}
	a, err := s.apps.Add(a, origin)
	if err != nil {
		return apps.App{}, fmt.Errorf("mock: %w", err)
	}
	if len(a.AccountSets) > 0 {
		s.emu.SetAccountSets(a.SysID, a.AccountSets)
	}
	s.emu.SetCompanyAudit(a.SysID, a.CompanyAudit)
	return a, nil
}

// Apps lists the registered applications, sorted by sysid, each with the
// account sets it has.
func (s *Server) Apps() []AppInfo {
	infos := s.apps.Infos()
	for i := range infos {
		infos[i].AccountSets, _ = s.emu.AccountSetsOf(infos[i].SysID)
		infos[i].CompanyAudit = s.emu.CompanyAuditOf(infos[i].SysID)
		infos[i].PlatformUserID = emulator.PlatformUserID(infos[i].SysID)
	}
	return infos
}

// autoApp registers an unknown sysid whose request is signed with one of
// the auto keys (Config.AutoApps), and reports whether it did; past
// AutoAppsMax such applications it answers 20000 saying so.
func (s *Server) autoApp(p form.Params) (apps.App, bool, *soa.Error) {
	key, ok := s.autoKeys.Match(p)
	if !ok {
		return apps.App{}, false, nil
	}
	a, err := s.apps.AddAuto(apps.App{SysID: p.SysID, Key: key}, s.cfg.AutoAppsMax)
	if err != nil {
		s.log.Warn("application not registered on first use", "sysid", p.SysID, "err", err)
		return apps.App{}, false, soa.Errorf(soa.CodeUnknownApp, "sysid %q is not registered, and --auto-apps registered %d applications, its bound "+
			"(--auto-apps-max); register it with --app SYSID=CERT or POST /__tsymock/apps, or restart with a higher bound", p.SysID, s.cfg.AutoAppsMax)
	}
	if s.store != nil {
		if err := s.store.KeepApp(a, OriginAuto); err != nil {
			s.log.Error("application registered on first use is not kept", "sysid", p.SysID, "err", err)
		}
	}
	s.log.Info("application registered on first use", "sysid", p.SysID, "key", a.Fingerprint())
	return a, true, nil
}
