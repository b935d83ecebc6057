package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/mock"
)

// persistFlags are serve's options for keeping the state in a data dir:
// where, what to do with a damaged log, and when to snapshot it.
type persistFlags struct {
	dataDir       string
	dataRecover   bool
	snapshotBytes byteSize
	snapshotEvery time.Duration
}

func (f *persistFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.dataDir, "data-dir", "", "keep the state (apps registered at run time, members, cards, orders, ledger, pending notifications) in this folder across restarts; every change is on disk before it is answered (default: in memory only)")
	fs.BoolVar(&f.dataRecover, "data-dir-recover", false, "when the --data-dir log is damaged (not just the torn end of a crash, which is always dropped), set the damaged file aside (renamed, never deleted) and start with the changes before the damage; without it tsymock refuses to start and names the damage")
	f.snapshotBytes = byteSize(mock.DefaultSnapshotBytes)
	fs.Var(&f.snapshotBytes, "snapshot-every-bytes", "with --data-dir, snapshot the state and cut the log behind it once the log a restart would replay holds this much (and at least the last snapshot's size): bytes, or with KiB, MiB or GiB; 0: never by size")
	fs.DurationVar(&f.snapshotEvery, "snapshot-every", mock.DefaultSnapshotEvery, "with --data-dir, snapshot the state this long after the last snapshot (or the start) if anything changed; 0: never by time (both 0: no snapshots)")
}

// apply sets the data dir and its snapshots on the server's configuration.
func (f *persistFlags) apply(cfg *mock.Config) error {
	if f.snapshotEvery < 0 {
		return fmt.Errorf("--snapshot-every %s: want a duration of 0 or more", f.snapshotEvery)
	}
	cfg.DataDir = f.dataDir
	cfg.Snapshots = mock.SnapshotConfig{Bytes: int64(f.snapshotBytes), Every: f.snapshotEvery}
	if f.snapshotBytes == 0 {
		cfg.Snapshots.Bytes = -1 // Config's zero is the default; the flag's is off
	}
	if f.snapshotEvery == 0 {
		cfg.Snapshots.Every = -1
	}
	return nil
}

// byteSize is a flag's size in bytes: a number, or one with a unit of
// KiB, MiB or GiB (any case), e.g. 64MiB.
type byteSize int64

// units are the sizes' units, largest first; suffix is how one is read
// (any case), name how it is written.
var units = []struct {
	suffix, name string
	size         int64
}{{"gib", "GiB", 1 << 30}, {"mib", "MiB", 1 << 20}, {"kib", "KiB", 1 << 10}, {"b", "", 1}}

// parseSize reads a size: digits, then at most one unit.
func parseSize(s string) (int64, error) {
	text := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(text, u.suffix); ok {
			text, mult = strings.TrimSpace(rest), u.size
			break
		}
	}
	n, err := strconv.ParseInt(text, 10, 64)
	switch {
	case err != nil || text == "" || text[0] < '0' || text[0] > '9':
		return 0, fmt.Errorf("%q is not a size: want bytes, or a whole number of KiB, MiB or GiB (64MiB)", s)
	case n > (1<<62)/mult:
		return 0, errors.New("size too large")
	}
	return n * mult, nil
}

// formatSize writes a size in its largest whole unit.
func formatSize(n int64) string {
	for _, u := range units[:3] {
		if n != 0 && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

func (b *byteSize) String() string { return formatSize(int64(*b)) }

// Type is the word --help shows for the flag's value.
func (b *byteSize) Type() string { return "size" }
