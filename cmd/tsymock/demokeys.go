package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/keys/demo"
)

func runDemoKeys(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var out string
	var force bool
	flags := pflag.NewFlagSet("demo-keys", pflag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&out, "out", "tsymock-demo-keys", "folder to write the files to")
	flags.BoolVar(&force, "force", false, "overwrite existing files")
	flags.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tsymock demo-keys [--out DIR]\n\nWrite the bundled TEST ONLY keys (demo sysid %s, .pfx password %s) for an SDK's configuration. Flags:\n", demo.SysID, demo.PFXPassword)
		flags.PrintDefaults()
	}
	if code, ok := parseFlags(flags, args); !ok {
		return code
	}
	files := map[string][]byte{}
	entries, _ := fs.ReadDir(demo.Files(), ".")
	for _, e := range entries {
		b, err := fs.ReadFile(demo.Files(), e.Name())
		if err != nil {
			fmt.Fprintf(stderr, "tsymock demo-keys: %v\n", err)
			return 1
		}
		files[e.Name()] = b
	}
	if err := writeFiles(out, files, force, stdout); err != nil {
		fmt.Fprintf(stderr, "tsymock demo-keys: %v\n", err)
		return 1
	}
	return 0
}
