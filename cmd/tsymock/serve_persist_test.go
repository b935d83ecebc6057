package main

import (
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  string
	}{
		{"0", 0, ""},
		{"4096", 4096, ""},
		{"64MiB", 64 << 20, ""},
		{"64mib", 64 << 20, ""},
		{" 512 KiB ", 512 << 10, ""},
		{"2GiB", 2 << 30, ""},
		{"100b", 100, ""},
		{"", 0, "is not a size"},
		{"MiB", 0, "is not a size"},
		{"-1", 0, "is not a size"},
		{"+1", 0, "is not a size"},
		{"1.5MiB", 0, "is not a size"},
		{"64MB", 0, "is not a size"},
		{"64 M", 0, "is not a size"},
		{"99999999999GiB", 0, "too large"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			back, err := parseSize(formatSize(got))
			require.NoError(t, err)
			assert.Equal(t, got, back, "written as %s", formatSize(got))
		})
	}
}

// FuzzParseSize: no text makes the size parser panic, and a size it
// accepts is written in a form that reads back as the same size.
func FuzzParseSize(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseSize(s)
		if err != nil {
			return
		}
		if n < 0 {
			t.Fatalf("%q: negative size %d", s, n)
		}
		back, err := parseSize(formatSize(n))
		if err != nil || back != n {
			t.Fatalf("%q: %d written as %q reads %d, %v", s, n, formatSize(n), back, err)
		}
	})
}

// TestSnapshotFlags: the flags (and their environment variables) as the
// server's configuration: defaults, a size with a unit, 0 for off.
func TestSnapshotFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want mock.SnapshotConfig
		err  string
	}{
		{"defaults", nil, nil, mock.SnapshotConfig{Bytes: mock.DefaultSnapshotBytes, Every: mock.DefaultSnapshotEvery}, ""},
		{"set", []string{"--snapshot-every-bytes", "8MiB", "--snapshot-every", "10m"}, nil,
			mock.SnapshotConfig{Bytes: 8 << 20, Every: 10 * time.Minute}, ""},
		{"from the environment", nil, map[string]string{"TSYMOCK_SNAPSHOT_EVERY_BYTES": "1GiB", "TSYMOCK_SNAPSHOT_EVERY": "0"},
			mock.SnapshotConfig{Bytes: 1 << 30, Every: -1}, ""},
		{"off", []string{"--snapshot-every-bytes=0", "--snapshot-every=0"}, nil, mock.SnapshotConfig{Bytes: -1, Every: -1}, ""},
		{"negative time", []string{"--snapshot-every=-1s"}, nil, mock.SnapshotConfig{}, "want a duration of 0 or more"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f persistFlags
			fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
			f.register(fs)
			require.NoError(t, fs.Parse(tc.args))
			require.NoError(t, flagsFromEnv(fs, func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }))
			var cfg mock.Config
			err := f.apply(&cfg)
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, cfg.Snapshots)
		})
	}
	var f persistFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	assert.ErrorContains(t, fs.Parse([]string{"--snapshot-every-bytes", "lots"}), `"lots" is not a size`)
}
