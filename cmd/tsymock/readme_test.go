package main

import (
	"os"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeListsEveryServeFlag keeps the flag tables of the READMEs, in
// English and Chinese, true to "tsymock serve --help".
func TestReadmeListsEveryServeFlag(t *testing.T) {
	for _, name := range []string{"README.md", "README.zh-CN.md"} {
		t.Run(name, func(t *testing.T) {
			readme, err := os.ReadFile("../../" + name)
			require.NoError(t, err)
			var f serveFlags
			fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
			f.register(fs)
			fs.VisitAll(func(fl *pflag.Flag) {
				assert.True(t, strings.Contains(string(readme), "`--"+fl.Name), "%s does not list --%s", name, fl.Name)
			})
		})
	}
}

// TestReadmesLinkEachOther: each README's first lines link to the other
// language.
func TestReadmesLinkEachOther(t *testing.T) {
	for name, other := range map[string]string{"README.md": "(README.zh-CN.md)", "README.zh-CN.md": "(README.md)"} {
		readme, err := os.ReadFile("../../" + name)
		require.NoError(t, err)
		lines := strings.SplitN(string(readme), "\n", 4)
		assert.Contains(t, strings.Join(lines[:min(3, len(lines))], "\n"), other, "%s must link to the other language at the top", name)
	}
}
