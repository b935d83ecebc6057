package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/keys"
)

type keygenFlags struct {
	out      string
	sysid    string
	platform bool
	bits     int
	password string
	prefix   string
	force    bool
}

func runKeygen(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f keygenFlags
	fs := pflag.NewFlagSet("keygen", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.out, "out", ".", "folder to write the files to")
	fs.StringVar(&f.sysid, "sysid", "", "merchant key set for this sysid: writes PREFIX.pfx (alias = sysid), PREFIX.key.pem (PKCS#8) and PREFIX.cer")
	fs.BoolVar(&f.platform, "platform", false, "platform key set instead: writes PREFIX.key.pem (PKCS#8) and PREFIX.cer (what merchants configure as the platform certificate)")
	fs.IntVar(&f.bits, "bits", 2048, "RSA key size (1024 or 2048 are what the platform uses)")
	fs.StringVar(&f.password, "password", "123456", "password of the .pfx")
	fs.StringVar(&f.prefix, "prefix", "", `file name prefix (default the sysid, or "platform")`)
	fs.BoolVar(&f.force, "force", false, "overwrite existing files")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tsymock keygen (--sysid SYSID | --platform) [flags]\n\nGenerate a TEST key set. Flags:\n")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if err := keygen(f, stdout); err != nil {
		fmt.Fprintf(stderr, "tsymock keygen: %v\n", err)
		return 1
	}
	return 0
}

func keygen(f keygenFlags, stdout io.Writer) error {
	if f.platform == (f.sysid != "") {
		return errors.New("give exactly one of --sysid SYSID or --platform")
	}
	if f.bits < 1024 {
		return fmt.Errorf("--bits %d: at least 1024", f.bits)
	}
	name, cn := f.sysid, "tsymock TEST merchant "+f.sysid
	if f.platform {
		name, cn = "platform", "tsymock TEST platform"
	}
	if f.prefix == "" {
		f.prefix = name
	}
	ks, err := keys.Generate(rand.Reader, f.bits, cn, time.Now().Add(-24*time.Hour))
	if err != nil {
		return err
	}
	files, err := keygenFiles(ks, f)
	if err != nil {
		return err
	}
	return writeFiles(f.out, files, f.force, stdout)
}

// keygenFiles encodes a key set in the formats its role needs.
func keygenFiles(ks *keys.KeySet, f keygenFlags) (map[string][]byte, error) {
	pem8, err := ks.PKCS8PEM()
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		f.prefix + ".key.pem": pem8,
		f.prefix + ".cer":     ks.CertPEM(),
	}
	if !f.platform {
		pfx, err := ks.LegacyPFX(f.sysid, f.password)
		if err != nil {
			return nil, err
		}
		files[f.prefix+".pfx"] = pfx
	}
	return files, nil
}

// writeFiles writes each file (private keys readable by the owner only) and
// names it on stdout.
func writeFiles(dir string, files map[string][]byte, force bool, stdout io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(dir, name)
		fh, err := os.OpenFile(path, flags, 0o600)
		if err != nil {
			return fmt.Errorf("%w (use --force to overwrite)", err)
		}
		_, werr := fh.Write(files[name])
		if cerr := fh.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fmt.Errorf("write %s: %w", path, werr)
		}
		fmt.Fprintln(stdout, path)
	}
	return nil
}
