package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// envPrefix starts the environment variable of every serve flag. A GitHub
// Actions service container, for one, takes no arguments: only its
// environment configures it (TSYMOCK_SCENARIOS=/scenarios).
const envPrefix = "TSYMOCK_"

// envName is a flag's environment variable: --max-delay is
// TSYMOCK_MAX_DELAY.
func envName(flag string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// flagsFromEnv sets every flag not given on the command line from its
// environment variable, if set. A repeatable flag (--app, --scenarios)
// takes a comma-separated list.
func flagsFromEnv(fs *pflag.FlagSet, lookup func(string) (string, bool)) error {
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if err != nil || f.Changed {
			return
		}
		v, ok := lookup(envName(f.Name))
		if !ok {
			return
		}
		values := []string{v}
		if t := f.Value.Type(); t == "stringArray" || t == "stringSlice" {
			values = strings.Split(v, ",")
		}
		for _, x := range values {
			if e := fs.Set(f.Name, strings.TrimSpace(x)); e != nil {
				err = fmt.Errorf("$%s: %w", envName(f.Name), e)
				return
			}
		}
	})
	return err
}
