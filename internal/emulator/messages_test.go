package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/lang"
)

// TestMessagesHaveBothTexts: every id of the emulator's table has its
// English and Chinese text, with the same verbs.
func TestMessagesHaveBothTexts(t *testing.T) {
	texts := messages()
	assert.NoError(t, lang.CheckTable(texts[:]))
}

// TestUnknownSetInChinese: 30019 names the sets and the flags in Chinese
// too, the §7 text first.
func TestUnknownSetInChinese(t *testing.T) {
	e := withSets([]string{"400193", "100001"})
	_, serr := do(t, e, "queryMerchantBalance", `{"accountSetNo":"200126"}`)
	require.NotNil(t, serr)
	assert.Equal(t, `账户集不存在: accountSetNo "200126"；该应用的账户集为 [400193 100001]（tsymock serve --account-sets 或 `+
		`--app-account-sets app=... 可为它配置其他账户集）`, serr.In(lang.Chinese).Message)
}
