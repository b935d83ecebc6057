//go:build tsymock_crashpoints && unix

package wal

import (
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
)

// CrashEnv names the variable that, in a binary built with the
// tsymock_crashpoints tag, makes the process kill itself with SIGKILL the
// N-th time it reaches a step of crash.go: "STEP|N". The process-level
// crash tests of cmd/tsymock build such a binary; a binary built without
// the tag (every release) has no such seam and ignores the variable.
const CrashEnv = "TSYMOCK_WAL_CRASH"

// envHooks are the hooks CrashEnv asks for.
func envHooks() hooks {
	step, n, ok := strings.Cut(os.Getenv(CrashEnv), "|")
	hit, err := strconv.ParseInt(n, 10, 64)
	if !ok || err != nil || hit < 1 {
		return hooks{}
	}
	var hits atomic.Int64
	return hooks{crash: func(p string) {
		if p == step && hits.Add(1) == hit {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}}
}
