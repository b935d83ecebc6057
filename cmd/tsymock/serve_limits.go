package main

import (
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/mock"
)

// This file holds serve's flag groups that bound it: what it sends (notifications) and what
// clients can make it hold (connections, admin host names, auto-registered applications).

// notifyFlags are serve's options for the notifications sent to backUrl.
type notifyFlags struct {
	schedule   []time.Duration
	timeout    time.Duration
	allowHosts []string
	workers    int
}

func (f *notifyFlags) register(fs *pflag.FlagSet) {
	fs.DurationSliceVar(&f.schedule, "notify-schedule", mock.DefaultNotifySchedule(),
		"delays before each attempt of an order notification, each after the previous attempt; the platform's is 5s,10m,1h,6h; "+
			"compress it for tests, e.g. 50ms,100ms,200ms,400ms (other notifications get one attempt, after the first delay)")
	fs.DurationVar(&f.timeout, "notify-timeout", mock.DefaultNotifyTimeout,
		"bound on one notification attempt (connect, send, answer); a hanging backUrl costs at most this")
	fs.StringSliceVar(&f.allowHosts, "notify-allow-hosts", nil,
		"send notifications to these backUrl hosts (name or host:port, comma-separated) besides loopback; default loopback only; link-local and cloud metadata addresses never")
	fs.IntVar(&f.workers, "notify-workers", mock.DefaultNotifyWorkers,
		"notification attempts in flight at once; the others wait their turn")
}

// config is the notifier's configuration.
func (f *notifyFlags) config() mock.NotifyConfig {
	return mock.NotifyConfig{Schedule: f.schedule, Timeout: f.timeout, AllowHosts: f.allowHosts, Workers: f.workers}
}

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
