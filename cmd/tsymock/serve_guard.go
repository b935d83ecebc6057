package main

import (
	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/mock"
)

// guardFlags are serve's bounds on what clients can make it hold: open
// connections, and the admin API's accepted host names.
type guardFlags struct {
	maxConns int
}

func (f *guardFlags) register(fs *pflag.FlagSet) {
	fs.IntVar(&f.maxConns, "max-conns", mock.DefaultMaxConns,
		"connections open at once; past it a new one is answered 503 and closed (-1: no bound)")
}

// apply sets the bounds on the server's configuration.
func (f *guardFlags) apply(cfg *mock.Config) {
	cfg.MaxConns = f.maxConns
}
