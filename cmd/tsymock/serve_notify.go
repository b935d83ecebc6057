package main

import (
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/mock"
)

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
