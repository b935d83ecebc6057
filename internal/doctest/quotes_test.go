package doctest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/emulator"
)

// What tsymock answers when one SDK setting is wrong; the SDK example tests
// see these in real answers, and both guides quote them.
const (
	// a clock in UTC instead of China time (spec §3.1: timestamp); the
	// seconds of the gap may vary on a loaded machine, the hours do not
	quote10000UTC = "behind the server time 2"
	// the wrong private key, or a text other than spec §3.4's
	quote20019 = "签名验证失败"
	// an account set the application does not have (spec §6.17)
	quote30019 = `账户集不存在: accountSetNo "400193"; this application has [200126 100001 100002 100003 100004 100005 2000000 100006] (tsymock serve --account-sets or --app-account-sets 100000000002=... give it others)`
)

// guides are the SDK guides, in each language.
var guides = []string{"docs/sdks.md", "docs/zh-CN/sdks.md"}

// TestGuidesQuoteRealAnswers keeps the guides' "when a setting is wrong"
// sections true: they quote what the example tests see tsymock answer, and
// name the account sets tsymock has by default.
func TestGuidesQuoteRealAnswers(t *testing.T) {
	for _, g := range guides {
		t.Run(g, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(root, g))
			require.NoError(t, err)
			for _, q := range []string{quote10000UTC, "the gap is a whole number of hours", "format the timestamp in Asia/Shanghai", "PHP: date.timezone, which ignores TZ", quote20019, quote30019,
				emulator.SetEscrow, emulator.SetStandard, "Asia/Shanghai", "v=2.0"} {
				assert.True(t, strings.Contains(string(b), q), "%s does not quote %q", g, q)
			}
		})
	}
}
