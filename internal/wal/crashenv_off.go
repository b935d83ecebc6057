//go:build !tsymock_crashpoints || !unix

package wal

// envHooks are none: only a binary built with the tsymock_crashpoints tag
// stops at the steps of crash.go (crashenv.go).
func envHooks() hooks { return hooks{} }
