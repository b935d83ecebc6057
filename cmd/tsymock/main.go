// Command tsymock is a contract-testing mock of Allinpay's Tongshangyun
// (通商云) merchant API v2.0. Run "tsymock help" for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/internal/soa"
)

// version is stamped at link time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module's build information.
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"serve", "start the mock server (the default)", runServe},
		{"call", "send one signed call and print the verified answer", runCall},
		{"validate", "check scenario files (file:line errors) without starting a server", runValidate},
		{"magic", "list the magic values (err-<code>-...) and the codes they answer", runMagic},
		{"keygen", "generate a merchant or platform key set (.pfx, PEM, .cer)", runKeygen},
		{"demo-keys", "write the bundled TEST ONLY demo keys to a folder", runDemoKeys},
		{"health", "exit 0 when a running server is healthy, 1 otherwise (for health checks)", runHealth},
		{"coverage", "print a running server's contract coverage: methods called, errorCodes answered, gaps", runCoverage},
		{"load", "load a running server with signed requests and report requests/s and latency", runLoad},
		{"version", "print the version", runVersion},
	}
}

// run dispatches to a subcommand and returns the exit code. Tests call it
// directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (len(args[0]) > 0 && args[0][0] == '-' && args[0] != "-h" && args[0] != "--help") {
		return runServe(ctx, args, stdout, stderr)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "tsymock: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `tsymock — a contract-testing mock of Allinpay Tongshangyun (通商云) API v2.0

Usage:
  tsymock [serve] [flags]      start the server (default command)
  tsymock <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "tsymock <command> --help" for a command's flags.
With no flags, serve listens on 127.0.0.1:6900 with the bundled TEST ONLY
platform key and the demo app sysid 100000000002 (merchant .pfx password 123456).
`)
}

// parseFlags parses a subcommand's flags; when it reports !ok the command
// ends with code (0 after --help, 2 after a usage error, which it prints).
func parseFlags(fs *pflag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, pflag.ErrHelp):
		return 0, false
	default: // pflag prints nothing itself with ContinueOnError
		fmt.Fprintf(fs.Output(), "tsymock %s: %v%s\nRun \"tsymock %s --help\" for its flags.\n", fs.Name(), err, flagHint(fs, err), fs.Name())
		return 2, false
	}
}

// flagHint is " (did you mean --addr?)" for an unknown long flag close to
// one of fs's, else "".
func flagHint(fs *pflag.FlagSet, err error) string {
	var unknown *pflag.NotExistError
	if !errors.As(err, &unknown) || unknown.GetSpecifiedShortnames() != "" {
		return ""
	}
	var names []string
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if best, ok := soa.Closest(unknown.GetSpecifiedName(), names); ok {
		return " (did you mean --" + best + "?)"
	}
	return ""
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func runVersion(_ context.Context, _ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "tsymock %s\n", versionString())
	return 0
}
