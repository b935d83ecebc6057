package rpc

import (
	"log/slog"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestMessagesHaveBothTexts: every id of the handler's table has its
// English and Chinese text, with the same verbs.
func TestMessagesHaveBothTexts(t *testing.T) {
	texts := messages()
	assert.NoError(t, lang.CheckTable(texts[:]))
}

// TestChineseDetails: with Lang Chinese the wire, the journal and the log
// say the same Chinese detail: the unknown sysid's, the method's, and
// with SignHints the signature diagnosis, the platform key named in
// Chinese.
func TestChineseDetails(t *testing.T) {
	h, m := newTestHandler(t)
	var log testtool.Buffer
	h.Log = slog.New(slog.NewTextHandler(&log, nil))
	h.cfg.Lang, h.cfg.SignHints = lang.Chinese, true
	for _, tc := range []struct {
		name, form, code, message string
	}{
		{"unknown sysid", wiretest.FormSignedBy(t, m.MerchantKey, "1", wiretest.CannedReq), "20000",
			`应用不存在: sysid "1" 的应用未在 tsymock 注册（已注册：` + demo.SysID + `）；请用 --app SYSID=CERT 或 POST /__tsymock/apps 注册它，或以 --auto-apps 启动`},
		{"unknown method", wiretest.SignedForm(t, m, `{"service":"MemberService","method":"createMemberx","param":{}}`), "10003",
			`参数method错误: MemberService 中没有 method "createMemberx"；是不是 "createMember"？`},
		{"signed with the platform key", wiretest.FormSignedBy(t, m.PlatformKey, demo.SysID, wiretest.CannedReq), "20019",
			"签名验证失败【tsymock：签名用的密钥是「平台私钥」（" + keys.Fingerprint(&m.PlatformKey.PublicKey) + "），而不是 sysid " + demo.SysID +
				" 登记的商户证书（" + keys.Fingerprint(&m.MerchantKey.PublicKey) + "）对应的商户私钥】"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := wiretest.Post(t, h, m, tc.form)
			assert.Equal(t, tc.code, body["errorCode"])
			assert.Equal(t, tc.message, body["message"])
			entries := h.Journal.Find(journal.Filter{})
			require.NotEmpty(t, entries)
			assert.Equal(t, tc.message, entries[len(entries)-1].Message)
			assert.Contains(t, log.String(), "message="+strconv.Quote(tc.message))
		})
	}
	entries := h.Journal.Find(journal.Filter{})
	assert.Contains(t, entries[len(entries)-1].Signature.Diagnosis, "签名用的密钥是「平台私钥」", "the journal's diagnosis too")
}
