package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/mock"
)

// accountSetFlags are the account sets (spec §6.17) of "tsymock serve":
// every application's, and one application's own.
type accountSetFlags struct {
	defaults []string // --account-sets
	perApp   []string // --app-account-sets, as given (SYSID=SET,SET...)
}

func (f *accountSetFlags) register(fs *pflag.FlagSet) {
	fs.StringSliceVar(&f.defaults, "account-sets", emulator.DefaultAccountSets(),
		"every application's account sets (spec §6.17), the escrow (托管) one first, e.g. 400193,100001,100002,2000000; an accountSetNo outside them is answered 30019")
	fs.StringArrayVar(&f.perApp, "app-account-sets", nil,
		"give one application its own account sets: SYSID=SET,SET,... the escrow one first (repeatable); SYSID is the demo app or one of --app")
}

// apply checks the account sets and gives each application of
// --app-account-sets its own.
func (f *accountSetFlags) apply(apps []mock.App) error {
	if err := emulator.CheckAccountSets(f.defaults); err != nil {
		return fmt.Errorf("--account-sets: %w", err)
	}
	own, err := parseAppSets(f.perApp)
	if err != nil {
		return err
	}
	for sysid, sets := range own {
		i := slices.IndexFunc(apps, func(a mock.App) bool { return a.SysID == sysid })
		if i < 0 {
			return fmt.Errorf("--app-account-sets %s: no such application: name the demo app %s or one of --app", sysid, demoSysID())
		}
		apps[i].AccountSets = sets
	}
	return nil
}

// parseAppSets reads SYSID=SET,SET... values. A value without "=" goes on
// the list before it, so that TSYMOCK_APP_ACCOUNT_SETS, whose lists are
// comma-separated, can say "A=400193,100001,B=400221,100001".
func parseAppSets(values []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(values) == 0 {
		return out, nil
	}
	var sysid string
	for _, tok := range strings.Split(strings.Join(values, ","), ",") {
		tok = strings.TrimSpace(tok)
		if id, set, ok := strings.Cut(tok, "="); ok {
			if _, dup := out[id]; dup || id == "" {
				return nil, fmt.Errorf("--app-account-sets %q: want SYSID=SET,SET... once per sysid", tok)
			}
			sysid, tok = id, set
			out[sysid] = nil
		} else if sysid == "" {
			return nil, fmt.Errorf("--app-account-sets %q: want SYSID=SET,SET (one or more)", tok)
		}
		out[sysid] = append(out[sysid], tok)
	}
	for id, sets := range out {
		if err := emulator.CheckAccountSets(sets); err != nil {
			return nil, fmt.Errorf("--app-account-sets %s: %w", id, err)
		}
	}
	return out, nil
}
