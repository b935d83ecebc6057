package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/mock"
)

// companyAuditFlags are how "tsymock serve" audits enterprises
// (setCompanyInfo, spec §4.1.6): every application's mode, and one
// application's own.
type companyAuditFlags struct {
	mode   string   // --company-audit
	perApp []string // --app-company-audit, as given (SYSID=MODE)
}

func (f *companyAuditFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.mode, "company-audit", emulator.CompanyAuditAuto,
		"how setCompanyInfo audits an enterprise: auto (decided at once: approved, or rejected when the companyName holds \"reject\" or \"驳回\") or manual (pending, status 1 待审核, until POST /__tsymock/company-audit decides it, as the real test environment's back office does: spec §4.1.6 note 4)")
	fs.StringArrayVar(&f.perApp, "app-company-audit", nil,
		"give one application its own audit mode: SYSID=auto or SYSID=manual (repeatable); SYSID is the demo app or one of --app")
}

// apply checks the modes, sets every application's and gives each
// application of --app-company-audit its own.
func (f *companyAuditFlags) apply(cfg *mock.Config) error {
	if err := emulator.CheckCompanyAudit(f.mode); err != nil {
		return fmt.Errorf("--company-audit: %w", err)
	}
	cfg.CompanyAudit = f.mode
	seen := map[string]bool{}
	for _, v := range f.perApp {
		sysid, mode, ok := strings.Cut(strings.TrimSpace(v), "=")
		if !ok || sysid == "" || seen[sysid] {
			return fmt.Errorf("--app-company-audit %q: want SYSID=auto or SYSID=manual once per sysid", v)
		}
		if err := emulator.CheckCompanyAudit(mode); err != nil || mode == "" {
			return fmt.Errorf("--app-company-audit %s: want auto or manual, got %q", sysid, mode)
		}
		seen[sysid] = true
		i := slices.IndexFunc(cfg.Apps, func(a mock.App) bool { return a.SysID == sysid })
		if i < 0 {
			return fmt.Errorf("--app-company-audit %s: no such application: name the demo app %s or one of --app", sysid, demoSysID())
		}
		cfg.Apps[i].CompanyAudit = mode
	}
	return nil
}
