package main

import (
	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/mock"
)

// guardFlags are serve's bounds on what clients can make it hold: open
// connections, and the admin API's accepted host names.
type guardFlags struct {
	maxConns    int
	adminHosts  []string
	autoAppsMax int
}

func (f *guardFlags) register(fs *pflag.FlagSet) {
	fs.IntVar(&f.maxConns, "max-conns", mock.DefaultMaxConns,
		"connections open at once; past it a new one is answered 503 and closed (-1: no bound)")
	fs.IntVar(&f.autoAppsMax, "auto-apps-max", mock.DefaultAutoAppsMax,
		"applications --auto-apps registers at most; past it an unknown sysid is answered 20000, saying so")
	fs.StringArrayVar(&f.adminHosts, "admin-host", nil,
		"a host name, besides IP addresses and localhost, by which clients without the admin token may reach the admin API (repeatable; e.g. the compose service name); other names are refused, against DNS rebinding")
}

// apply sets the bounds on the server's configuration.
func (f *guardFlags) apply(cfg *mock.Config) {
	cfg.MaxConns = f.maxConns
	cfg.AdminHosts = f.adminHosts
	cfg.AutoAppsMax = f.autoAppsMax
}
