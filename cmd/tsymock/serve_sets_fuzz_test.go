package main

import (
	"strings"
	"testing"

	"github.com/tsymock/tsymock/internal/emulator"
)

// FuzzParseAppSets: any --app-account-sets values, as the command line or
// TSYMOCK_APP_ACCOUNT_SETS gives them ("|" separates values here), are
// read without panicking, and what is accepted is a valid list per sysid.
func FuzzParseAppSets(f *testing.F) {
	f.Fuzz(func(t *testing.T, joined string) {
		var values []string
		if joined != "" {
			values = strings.Split(joined, "|")
		}
		got, err := parseAppSets(values)
		if err != nil {
			return
		}
		for id, sets := range got {
			if id == "" || emulator.CheckAccountSets(sets) != nil {
				t.Fatalf("%q: accepted %q=%v", joined, id, sets)
			}
		}
	})
}
