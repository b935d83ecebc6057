package main

import (
	"fmt"
	"os"
	"runtime"
)

// pin moves this process, the load generator, off the server CPUs onto
// the others it may use, so that the servers and the crypto floor have
// ServerCPUs to themselves. unpin gives the process back all its CPUs.
func (s *suite) pin() (unpin func() error, err error) {
	all, err := threadCPUs(0)
	if err != nil {
		return nil, fmt.Errorf("bench: server CPUs %s: %w", s.o.ServerCPUs, err)
	}
	if missing := s.o.ServerCPUs.minus(all); len(missing) > 0 {
		return nil, fmt.Errorf("bench: server CPUs %s: this process may not use CPUs %s (only %s)", s.o.ServerCPUs, missing, all)
	}
	s.generator = all.minus(s.o.ServerCPUs)
	if len(s.generator) == 0 {
		return nil, fmt.Errorf("bench: server CPUs %s leave none of this process's CPUs (%s) to the load generator", s.o.ServerCPUs, all)
	}
	if err := pinProcess(s.generator); err != nil {
		return nil, err
	}
	defaultGOMAXPROCS()
	s.progress("servers on CPUs %s, the load generator on CPUs %s (GOMAXPROCS %d)", s.o.ServerCPUs, s.generator, runtime.GOMAXPROCS(0))
	return func() error {
		err := pinProcess(all)
		defaultGOMAXPROCS()
		return err
	}, nil
}

// defaultGOMAXPROCS sizes GOMAXPROCS to the process's CPUs at once (the
// runtime would within a second or so), unless $GOMAXPROCS sets it.
func defaultGOMAXPROCS() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.SetDefaultGOMAXPROCS()
	}
}
