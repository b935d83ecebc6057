//go:build !linux

package main

import "errors"

// Pinning to CPUs is Linux's sched_setaffinity: elsewhere the suite runs
// unpinned (parseServerCPUs gives nil for "auto").

var errNoAffinity = errors.New("bench: pinning to CPUs needs Linux")

func threadCPUs(int) (cpuSet, error) { return nil, errNoAffinity }

func onCPUs(set cpuSet, fn func() error) error {
	if len(set) > 0 {
		return errNoAffinity
	}
	return fn()
}

func pinProcess(cpuSet) error { return errNoAffinity }

func checkPinned(int, cpuSet) error { return errNoAffinity }
