package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/internal/soa"
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

// otherEnv are the TSYMOCK_ variables that are no serve flag's: what the
// other commands and the tests read. TestEnvNamesKnown finds every TSYMOCK_
// name in the code and the docs and checks that it is a flag's or here.
func otherEnv() []string {
	return []string{
		"TSYMOCK_WAL_CRASH",     // wal.CrashEnv, only in a tsymock_crashpoints build: the crash tests' fault injection
		"TSYMOCK_START_TAIL",    // cmd/tsymock's startup test: the history's length
		"TSYMOCK_E2E_FEW_FILES", // internal/e2e: the notifier under a low file limit
		"TSYMOCK_SPEC",          // internal/soa: the spec text to check a table against
	}
}

// unknownEnv names the variables of environ (NAME=value lines) that start
// with TSYMOCK_ but that no flag of fs and nothing else of tsymock reads,
// each with the known name it most likely misspells: a service container
// configured only through its environment (TSYMOCK_SCENARIO=...) would
// otherwise start without the setting, silently. Client-side variables
// (TSYMOCK_ADDR, TSYMOCK_ADMIN_TOKEN) are serve flags' too.
func unknownEnv(fs *pflag.FlagSet, environ []string) []string {
	known := otherEnv()
	fs.VisitAll(func(f *pflag.Flag) { known = append(known, envName(f.Name)) })
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, envPrefix) || slices.Contains(known, name) {
			continue
		}
		msg := "$" + name + " is not a tsymock setting: ignored"
		if best, ok := soa.Closest(name, known); ok {
			msg += fmt.Sprintf(" (did you mean $%s?)", best)
		}
		out = append(out, msg)
	}
	slices.Sort(out)
	return out
}
