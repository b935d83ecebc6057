package main

import (
	"cmp"
	"fmt"
	"os"

	"github.com/tsymock/tsymock/internal/lang"
)

// langEnv is --lang from the environment: serve reads it as it reads
// every flag (flagsFromEnv), and call takes it for its --lang default, as
// the client commands take $TSYMOCK_ADDR for their address. Empty, it is
// unset for both, as an empty LANG is.
const langEnv = envPrefix + "LANG"

// defaultLang is call's --lang unless given: $TSYMOCK_LANG, else auto.
func defaultLang() string { return cmp.Or(os.Getenv(langEnv), lang.Auto) }

// peopleLang is the language of what a person reads (serve's banner,
// call's lines) for the --lang setting, which was given on the command
// line or else came from $TSYMOCK_LANG or the default: a setting lang
// cannot read is named where the person wrote it.
func peopleLang(setting string, given bool) (lang.Lang, error) {
	if _, err := lang.Setting(setting); err != nil {
		if given {
			return lang.English, fmt.Errorf("--lang %w", err)
		}
		return lang.English, fmt.Errorf("$%s %w", langEnv, err)
	}
	return lang.ForPeople(setting, os.Getenv)
}
