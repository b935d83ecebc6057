//go:build !linux

package load

import "errors"

// Pinning to CPUs is Linux's sched_setaffinity: elsewhere the suite runs
// unpinned (ServerCPUs gives nil for "auto").

var errNoAffinity = errors.New("load: pinning to CPUs needs Linux")

func threadCPUs(int) (CPUSet, error) { return nil, errNoAffinity }

func onCPUs(set CPUSet, fn func() error) error {
	if len(set) > 0 {
		return errNoAffinity
	}
	return fn()
}

func pinProcess(CPUSet) error { return errNoAffinity }

func checkPinned(int, CPUSet) error { return errNoAffinity }
