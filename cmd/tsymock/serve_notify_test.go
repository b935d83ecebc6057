package main

import (
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

func TestNotifyFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want mock.NotifyConfig
	}{
		{nil, mock.NotifyConfig{Schedule: mock.DefaultNotifySchedule(), Timeout: mock.DefaultNotifyTimeout, Workers: mock.DefaultNotifyWorkers}},
		{[]string{"--notify-schedule", "50ms,100ms,200ms,400ms", "--notify-timeout", "2s", "--notify-allow-hosts", "a.example,b.example:8443", "--notify-workers", "4"},
			mock.NotifyConfig{Schedule: []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond},
				Timeout: 2 * time.Second, AllowHosts: []string{"a.example", "b.example:8443"}, Workers: 4}},
	} {
		var f notifyFlags
		fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
		f.register(fs)
		require.NoError(t, fs.Parse(tc.args))
		got := f.config()
		if len(got.AllowHosts) == 0 {
			got.AllowHosts = nil
		}
		assert.Equal(t, tc.want, got, "%v", tc.args)
	}
	var f notifyFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	assert.Error(t, fs.Parse([]string{"--notify-schedule", "soon"}))
}
