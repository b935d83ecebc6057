package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// perfFlags are serve's options for measuring the server: the profiler
// endpoints, and (hidden, for "tsymock load --suite") members created
// before the server listens.
type perfFlags struct {
	pprof         bool
	preload       int
	preloadPrefix string
}

func (f *perfFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.pprof, "pprof", false, "serve the Go profiler under "+mock.PProfPrefix+" to loopback clients (go tool pprof http://ADDR/debug/pprof/profile)")
	fs.IntVar(&f.preload, "preload-members", 0, "create this many members of the demo app before listening (load tests)")
	fs.StringVar(&f.preloadPrefix, "preload-prefix", "preload-", "bizUserId prefix of --preload-members")
}

// preloadMembers creates the --preload-members members, so that the ready
// line comes once they exist.
func (f *perfFlags) preloadMembers(ctx context.Context, srv *mock.Server, logger *slog.Logger) error {
	if f.preload <= 0 {
		return nil
	}
	start := time.Now()
	if err := srv.PreloadMembers(ctx, demo.SysID, f.preloadPrefix, f.preload); err != nil {
		return fmt.Errorf("--preload-members: %w", err)
	}
	// Return what building the state left over to the system, so that the
	// resident memory read after the ready line is that of the state.
	debug.FreeOSMemory()
	logger.Info("preloaded members", "sysid", demo.SysID, "count", f.preload, "duration", time.Since(start))
	return nil
}
