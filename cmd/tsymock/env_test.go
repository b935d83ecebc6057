package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFlagsFromEnv(t *testing.T) {
	env := map[string]string{
		"TSYMOCK_ADDR":      "0.0.0.0:6900",
		"TSYMOCK_SCENARIOS": "/scenarios, builtin:balances",
		"TSYMOCK_NO_MAGIC":  "true",
		"TSYMOCK_MAX_DELAY": "5s",
		"TSYMOCK_SEED":      "9", // the command line says 7
	}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	var f serveFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	require.NoError(t, fs.Parse([]string{"--seed", "7"}))
	require.NoError(t, flagsFromEnv(fs, lookup))
	assert.Equal(t, "0.0.0.0:6900", f.addr)
	assert.Equal(t, []string{"/scenarios", "builtin:balances"}, f.scenarios)
	assert.True(t, f.noMagic)
	assert.Equal(t, 5*time.Second, f.maxDelay)
	assert.Equal(t, uint64(7), f.seed, "the command line wins")
	assert.Equal(t, "info", f.logLevel, "unset variables leave the default")

	env = map[string]string{"TSYMOCK_MAX_DELAY": "soon"}
	fs = pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	require.NoError(t, fs.Parse(nil))
	err := flagsFromEnv(fs, lookup)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "$TSYMOCK_MAX_DELAY")
}

func TestServeReadsEnvironment(t *testing.T) {
	t.Setenv("TSYMOCK_ADDR", "127.0.0.1:0")
	t.Setenv("TSYMOCK_SEED", "7")
	addr, _, stop := startServe(t)
	assert.NotEqual(t, "127.0.0.1:6900", addr)
	stop()
}

// misspelt are the TSYMOCK_ names the tests and docs use as mistakes.
var misspelt = []string{"TSYMOCK_SCENARIO", "TSYMOCK_ADRR", "TSYMOCK_COLOUR", "TSYMOCK_SEEED"}

// TestUnknownEnv: a TSYMOCK_ variable that nothing reads is named, with the
// known one it most likely misspells; those of the client commands and the
// tests are known (probe-R finding 6).
func TestUnknownEnv(t *testing.T) {
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	var f serveFlags
	f.register(fs)
	for _, tc := range []struct {
		name    string
		environ []string
		want    []string
	}{
		{"misspelt: the closest name", []string{"TSYMOCK_SCENARIO=builtin:balances", "TSYMOCK_ADRR=127.0.0.1:7534"}, []string{
			"$TSYMOCK_ADRR is not a tsymock setting: ignored (did you mean $TSYMOCK_ADDR?)",
			"$TSYMOCK_SCENARIO is not a tsymock setting: ignored (did you mean $TSYMOCK_SCENARIOS?)"}},
		{"nothing close", []string{"TSYMOCK_COLOUR=blue"}, []string{"$TSYMOCK_COLOUR is not a tsymock setting: ignored"}},
		{"case ignored for the suggestion", []string{"TSYMOCK_max_delay=5s"}, []string{
			"$TSYMOCK_max_delay is not a tsymock setting: ignored (did you mean $TSYMOCK_MAX_DELAY?)"}},
		{"flags, client commands and tests: known", []string{"TSYMOCK_ADDR=x", "TSYMOCK_ADMIN_TOKEN=x", "TSYMOCK_SCENARIOS=x",
			"TSYMOCK_NOTIFY_ALLOW_HOSTS=app", "TSYMOCK_WAL_CRASH=x", "TSYMOCK_SPEC=x"}, nil},
		{"other prefixes: not ours", []string{"TSYMOCKX=1", "tsymock_addr=1", "MY_TSYMOCK_ADDR=1", "PATH=/bin"}, nil},
		{"a value with = and no value", []string{"TSYMOCK_ADRR=a=b", "TSYMOCK_SEEED"}, []string{
			"$TSYMOCK_ADRR is not a tsymock setting: ignored (did you mean $TSYMOCK_ADDR?)",
			"$TSYMOCK_SEEED is not a tsymock setting: ignored (did you mean $TSYMOCK_SEED?)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, unknownEnv(fs, tc.environ))
		})
	}
}

// TestEnvNamesKnown keeps the list of known variables derived from what
// is read: every TSYMOCK_ name in the repository's code, recipes and
// examples is a serve flag's or one of otherEnv, and each of otherEnv is
// named somewhere else, so that neither a new variable warns nor a gone one
// lingers (TestDocsNameRealVariables checks the docs).
func TestEnvNamesKnown(t *testing.T) {
	known := serveEnvNames()
	seen := map[string]bool{}
	err := filepath.WalkDir(repoRoot, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == ".git" || name == "node_modules" || name == "vendor" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".yaml", ".yml", ".sh", ".php", ".js", ".java", ".json", ".toml", ".tsv":
		default:
			if base := filepath.Base(path); base != "Makefile" && base != "Dockerfile" {
				return nil
			}
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		self := filepath.Base(path) == "env.go" && filepath.Base(filepath.Dir(path)) == "tsymock"
		for _, name := range envRE.FindAllString(string(b), -1) {
			if slices.Contains(misspelt, name) {
				continue
			}
			if !self {
				seen[name] = true
			}
			if !known[name] && !slices.Contains(otherEnv(), name) {
				t.Errorf("%s names %s, which is no serve flag's variable: add it to otherEnv if something reads it", path, name)
			}
		}
		return nil
	})
	require.NoError(t, err)
	for _, name := range otherEnv() {
		assert.True(t, seen[name], "otherEnv lists %s, which nothing outside env.go names any more", name)
	}
	assert.True(t, seen[addrEnv], "the client commands' variables are found")
}

// TestServeWarnsOfUnknownEnv: serve starts anyway, and its log names the
// misspelt variable once, before it listens.
func TestServeWarnsOfUnknownEnv(t *testing.T) {
	t.Setenv("TSYMOCK_SCENARIO", "builtin:balances")
	_, stderr, stop := startServe(t)
	stop()
	log := stderr.String()
	assert.Equal(t, 1, strings.Count(log, "TSYMOCK_SCENARIO is not"), log)
	assert.Contains(t, log, `level=WARN msg="$TSYMOCK_SCENARIO is not a tsymock setting: ignored (did you mean $TSYMOCK_SCENARIOS?)"`)
	assert.Less(t, strings.Index(log, "TSYMOCK_SCENARIO is not"), strings.Index(log, "msg=listening"))
}

// TestFlagHint: a misspelt flag's error names the closest flag.
func TestFlagHint(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
		not  string
	}{
		{"serve --adr", []string{"serve", "--adr", "127.0.0.1:0"}, "unknown flag: --adr (did you mean --addr?)", ""},
		{"serve --scenario=x", []string{"serve", "--scenario=x"}, "unknown flag: --scenario (did you mean --scenarios?)", ""},
		{"call --ur", []string{"call", "--ur", "x", "A", "b", "{}"}, "unknown flag: --ur (did you mean --url?)", ""},
		{"nothing close", []string{"serve", "--colour"}, "unknown flag: --colour\n", "did you mean"},
		{"a shorthand: none", []string{"serve", "-x"}, "unknown shorthand flag: 'x' in -x\n", "did you mean"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			assert.Equal(t, 2, run(t.Context(), tc.args, io.Discard, &stderr))
			assert.Contains(t, stderr.String(), tc.want)
			if tc.not != "" {
				assert.NotContains(t, stderr.String(), tc.not)
			}
		})
	}
}
