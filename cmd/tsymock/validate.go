package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// runValidate checks scenario files without starting a server: exit 0 when
// every file is valid, 1 when any has a problem (each printed as
// file:line: message), 2 for a usage error.
func runValidate(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("validate", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	list := fs.Bool("list", false, "print the rules, with their source, in the order serve tries them")
	noMagic := fs.Bool("no-magic", false, "with --list: leave out the magic values, as serve --no-magic does")
	maxDelay := fs.Duration("max-delay", mock.DefaultMaxDelay, "serve's --max-delay: a rule that waits longer is noted (the server cuts its wait short)")
	fs.Usage = func() { validateUsage(fs, stderr) }
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	files, err := scenarios.Load(fs.Args()...)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if problems := neverMatch(fs.Args(), files); len(problems) > 0 {
		fmt.Fprintln(stderr, problems)
		return 1
	}
	if *list {
		set := scenarios.NewSet(scenarios.Options{NoMagic: *noMagic})
		set.SetFiles(files)
		printRules(stdout, set.Rules())
	}
	for _, c := range scenarios.Capped(files, *maxDelay) {
		fmt.Fprintf(stdout, "note: %s\n", c)
	}
	fmt.Fprintf(stdout, "ok: %d files, %d rules\n", len(files), countRules(files))
	return 0
}

// neverMatch is what validate refuses although serve loads it: a folder
// without a scenario file (a wrong path, or files named .yml.txt), and
// rules an earlier rule shadows. Neither answers a call.
func neverMatch(paths []string, files []*scenarios.File) scenarios.Errors {
	var errs scenarios.Errors
	for _, p := range paths {
		if found, err := scenarios.Expand([]string{p}); err == nil && len(found) == 0 {
			errs = append(errs, &scenarios.Error{File: p, Msg: "no scenario files here (*.yaml, *.yml, *.json)"})
		}
	}
	return append(errs, scenarios.Shadowed(files)...)
}

func validateUsage(fs *pflag.FlagSet, stderr io.Writer) {
	fmt.Fprint(stderr, `Usage: tsymock validate [--list] PATH...

Check scenario files without starting a server. PATH is a file, a folder (its
*.yaml, *.yml and *.json files) or builtin:NAME (builtin:* for every example:
`+strings.Join(scenarios.BuiltinNames(), ", ")+`).
Problems are printed as file:line: message (file:line:column: for YAML syntax);
the exit code is 1 if there is any. Besides what serve refuses, validate refuses
a folder without scenario files and a rule that an earlier one shadows (the same
when, answered every time), which would never answer a call.
Flags:
`)
	fs.PrintDefaults()
}

func countRules(files []*scenarios.File) int {
	n := 0
	for _, f := range files {
		n += len(f.Rules)
	}
	return n
}

// printRules prints one rule a line: its id, what it matches and how it
// answers, in columns that stay in line with Chinese rule names.
func printRules(w io.Writer, rules []scenarios.RuleInfo) {
	rows := [][]string{{"RULE", "WHEN", "RESPOND"}}
	for _, r := range rules {
		rows = append(rows, []string{r.ID, r.When, r.Answer})
	}
	_ = writeTable(w, rows)
}

// runMagic lists the magic values.
func runMagic(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("magic", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tsymock magic\n\nList the error codes that magic values answer.\n")
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	fields := scenarios.MagicFields()
	fmt.Fprintf(stdout, "A %s or %s param that starts with %s<code>- is answered with that\n"+
		"error code and its catalogue message, before any scenario rule\n(serve --no-magic switches this off).\n\n",
		strings.Join(fields[:len(fields)-1], ", "), fields[len(fields)-1], scenarios.MagicPrefix)
	rows := [][]string{{"CODE", "EXAMPLE", "MESSAGE"}}
	for _, m := range scenarios.Magic() {
		rows = append(rows, []string{m.Code, m.Example, m.Message})
	}
	_ = writeTable(stdout, rows)
	return 0
}
