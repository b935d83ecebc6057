package main

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

func TestWantBanner(t *testing.T) {
	terminal := func(io.Writer) bool { return true }
	pipe := func(io.Writer) bool { return false }
	for _, tc := range []struct {
		name, mode, logFormat string
		isTerminal            func(io.Writer) bool
		want                  bool
	}{
		{"auto, a terminal, text logs", bannerAuto, "text", terminal, true},
		{"auto, a pipe (CI, a container log)", bannerAuto, "text", pipe, false},
		{"auto, JSON logs: nothing for people", bannerAuto, "json", terminal, false},
		{"on, even into a pipe", bannerOn, "text", pipe, true},
		{"on, even with JSON logs: asked for", bannerOn, "json", pipe, true},
		{"off, on a terminal", bannerOff, "text", terminal, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := wantBanner(tc.mode, tc.logFormat, nil, tc.isTerminal)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := wantBanner("yes", "text", nil, pipe)
	require.EqualError(t, err, `--banner must be auto, on or off, not "yes"`)
}

func TestWriteBanner(t *testing.T) {
	for _, tc := range []struct {
		name      string
		args      []string
		addr      string
		want, not []string
	}{
		{
			name: "defaults: the demo app and the bundled keys",
			addr: "127.0.0.1:6900",
			want: []string{"soaUrl      http://127.0.0.1:6900/service/soa   your SDK's server address (the Java SDK's serverUrl",
				"server URL  http://127.0.0.1:6900               for an SDK that appends /service/soa itself",
				"sysid       100000000002", "TEST-ONLY-100000000002.pfx, password 123456",
				"tsymock demo-keys --out DIR", "TEST-ONLY-platform.cer",
				"web page    http://127.0.0.1:6900/__tsymock/", docsURL, "README.zh-CN.md", "Ctrl+C",
				"--banner off"},
		},
		{
			name: "every interface: a loopback address to browse",
			addr: "0.0.0.0:6900",
			want: []string{"http://127.0.0.1:6900/__tsymock/"},
			not:  []string{"0.0.0.0"},
		},
		{
			name: "IPv6 any: loopback too",
			addr: "[::]:7000",
			want: []string{"http://127.0.0.1:7000 "},
		},
		{
			name: "its own apps and platform key",
			args: []string{"--no-demo-app", "--app", "1902271423530473681=/keys/merchant.cer", "--platform-key", "/keys/platform.pfx"},
			addr: "127.0.0.1:6900",
			want: []string{"1902271423530473681", "verified with /keys/merchant.cer", "answers signed with /keys/platform.pfx"},
			not:  []string{"the demo app"},
		},
		{
			name: "no app at all",
			args: []string{"--no-demo-app"},
			addr: "127.0.0.1:6900",
			want: []string{"none yet", "--app SYSID=CERT"},
		},
		{
			name: "auto apps",
			args: []string{"--auto-apps"},
			addr: "127.0.0.1:6900",
			want: []string{"any other", "--auto-apps"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := parsedServeFlags(t, tc.args...)
			var b strings.Builder
			require.NoError(t, writeBanner(&b, f, mock.Config{AutoApps: f.autoApps}, tc.addr))
			for _, s := range tc.want {
				assert.Contains(t, b.String(), s)
			}
			for _, s := range tc.not {
				assert.NotContains(t, b.String(), s)
			}
			assert.LessOrEqual(t, strings.Count(b.String(), "\n"), 12, "a banner is short:\n%s", b.String())
		})
	}
}
