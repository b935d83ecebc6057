package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// appAudit is the audit mode sysid was configured with.
func appAudit(cfg mock.Config, sysid string) string {
	for _, a := range cfg.Apps {
		if a.SysID == sysid {
			return a.CompanyAudit
		}
	}
	return ""
}

// TestCompanyAuditFlags: --company-audit and --app-company-audit, or
// their TSYMOCK_ variables, reach mock.Config; the default is auto, as
// tsymock always audited; a per-application mode names a configured
// application.
func TestCompanyAuditFlags(t *testing.T) {
	demo := demoSysID()
	for _, tc := range []struct {
		name    string
		args    []string
		env     map[string]string
		mode    string
		demoApp string
		err     string
	}{
		{"default", nil, nil, mock.CompanyAuditAuto, "", ""},
		{"--company-audit manual", []string{"--company-audit", "manual"}, nil, mock.CompanyAuditManual, "", ""},
		{"TSYMOCK_COMPANY_AUDIT", nil, map[string]string{"TSYMOCK_COMPANY_AUDIT": "manual"}, mock.CompanyAuditManual, "", ""},
		{"--app-company-audit", []string{"--app-company-audit", demo + "=manual"}, nil, mock.CompanyAuditAuto,
			mock.CompanyAuditManual, ""},
		{"TSYMOCK_APP_COMPANY_AUDIT", nil, map[string]string{"TSYMOCK_APP_COMPANY_AUDIT": demo + "=manual"},
			mock.CompanyAuditAuto, mock.CompanyAuditManual, ""},
		{"one app auto, the rest manual", []string{"--company-audit", "manual", "--app-company-audit", demo + "=auto"}, nil,
			mock.CompanyAuditManual, mock.CompanyAuditAuto, ""},
		{"another mode", []string{"--company-audit", "later"}, nil, "", "", `--company-audit: emulator: company audit "later": want auto or manual`},
		{"an app's other mode", []string{"--app-company-audit", demo + "=later"}, nil, "", "", "want auto or manual"},
		{"an app's empty mode", []string{"--app-company-audit", demo + "="}, nil, "", "", "want auto or manual"},
		{"no sysid", []string{"--app-company-audit", "manual"}, nil, "", "", "want SYSID=auto or SYSID=manual"},
		{"twice", []string{"--app-company-audit", demo + "=auto", "--app-company-audit", demo + "=manual"}, nil, "", "",
			"once per sysid"},
		{"an unknown app", []string{"--app-company-audit", "42=manual"}, nil, "", "", "no such application"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := configOf(t, tc.args, tc.env)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.mode, cfg.CompanyAudit)
			assert.Equal(t, tc.demoApp, appAudit(cfg, demo))
		})
	}
}
