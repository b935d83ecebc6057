package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/tsymock/tsymock/scenarios"
)

// hangups catches SIGHUP for the server's whole life: by default it would
// kill the process at once (exit 129), dropping the calls in flight and
// leaving the ready file behind. tsymock takes it as servers do, as "read
// your configuration again": the scenario files are reloaded now, and
// the server goes on, its state, journal and armed rules kept. Draining
// like SIGTERM was the other choice; reloading was preferred because a
// hangup also comes from a terminal that closes (an ssh session that drops),
// which must not end a shared sandbox. stop ends the catching.
func hangups() (hup <-chan os.Signal, stop func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP)
	return c, func() { signal.Stop(c) }
}

// reloadOnHangup reloads the scenario files (w, nil without --scenarios)
// at each SIGHUP until ctx ends.
func reloadOnHangup(ctx context.Context, hup <-chan os.Signal, w *scenarios.Watcher, logger *slog.Logger) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
		}
		switch {
		case w == nil:
			logger.Info("SIGHUP: no scenario files to reload (--scenarios); serving on")
		default:
			if err := w.Sync(); err != nil {
				logger.Warn("SIGHUP: scenario files reloaded, some refused (their previous rules stay)", "err", err)
				continue
			}
			logger.Info("SIGHUP: scenario files reloaded; serving on")
		}
	}
}
