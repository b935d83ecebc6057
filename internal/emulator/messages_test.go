package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestMessagesHaveBothTexts: every id of the emulator's table has its
// English and Chinese text, with the same verbs.
func TestMessagesHaveBothTexts(t *testing.T) {
	texts := messages()
	assert.NoError(t, lang.CheckTable(texts[:]))
}

// TestUnknownSetInChinese: 30019 names the sets and the flags in Chinese
// too, the §7 text first, the sets listed as Chinese lists them; the
// error keeps a copy of the application's sets, not the state's slice,
// which it writes out after the op (review-W 9).
func TestUnknownSetInChinese(t *testing.T) {
	e := withSets([]string{"400193", "100001"})
	_, serr := do(t, e, "queryMerchantBalance", `{"accountSetNo":"200126"}`)
	require.NotNil(t, serr)
	assert.Equal(t, `账户集不存在: accountSetNo "200126"; this application has [400193 100001] (tsymock serve --account-sets or `+
		`--app-account-sets app=... give it others)`, serr.Message)
	e.app("app").sets[0] = "changed"
	assert.Equal(t, `账户集不存在: accountSetNo "200126"；该应用的账户集为 400193、100001（tsymock serve --account-sets 或 `+
		`--app-account-sets app=... 可为它配置其他账户集）`, serr.In(lang.Chinese).Message)
}

// TestDetailsInChinese: the details a newcomer meets after the first
// calls (a reserved bizUserId, a statement's dates, an SMS code never sent
// or wrong, a payment password that is not six digits) are English as
// tsymock always wrote them, and Chinese In(lang.Chinese); the code stays.
func TestDetailsInChinese(t *testing.T) {
	e := newTest()
	_, reserved := do(t, e, "createMember", `{"bizUserId":"#yunBizUserId_B2C#","memberType":3,"source":1}`)
	_, _, bothDates := dateRange("20261201", "2026/12/31")
	_, _, endDate := dateRange("2026-12-01", "20261231")
	_, _, backwards := dateRange("2026-12-02", "2026-12-01")
	notSent := e.useCode(&member{}, smsKey{smsBind, "13800138001"}, "111111")
	unbind := e.useCode(&member{}, smsKey{smsUnbind, "13800138001"}, "111111")
	ct := newCardTest(t)
	trance := ct.apply("6228480000000000001", "13800138001")
	_, wrongCard := memberCall(t, ct.e, "a", "bindBankCard", map[string]any{"bizUserId": "p1", "tranceNum": trance,
		"transDate": "20261128", "phone": "13800138001", "verificationCode": "000000"})
	for _, tc := range []struct {
		name   string
		err    *soa.Error
		en, zh string
	}{
		{"reserved bizUserId", reserved,
			"参数错误: bizUserId #yunBizUserId_B2C# is the platform's own, reserved: spec §4.1.1 keeps it from members",
			"参数错误: #yunBizUserId_B2C# 是平台自己的保留会员标识，不能用作会员的 bizUserId（规范 §4.1.1）"},
		{"both dates", bothDates, `日期格式有误: dateStart "20261201" and dateEnd "2026/12/31" must be yyyy-MM-dd`,
			`日期格式有误: dateStart "20261201" 和 dateEnd "2026/12/31" 应为 yyyy-MM-dd 格式`},
		{"the end date", endDate, `日期格式有误: dateEnd "20261231" must be yyyy-MM-dd`, `日期格式有误: dateEnd "20261231" 应为 yyyy-MM-dd 格式`},
		{"dates out of order", backwards, "日期格式有误: dateEnd 2026-12-01 is before dateStart 2026-12-02",
			"日期格式有误: dateEnd 2026-12-01 早于 dateStart 2026-12-02"},
		{"a code never sent", notSent,
			"验证码错误: no code was sent to 13800138001 for this; call sendVerificationCode (verificationCodeType 9) first",
			"验证码错误: 还没有向 13800138001 发送这一用途的验证码；请先调用 sendVerificationCode（verificationCodeType 9，绑定手机）"},
		{"an unbinding code never sent", unbind,
			"验证码错误: no code was sent to 13800138001 for this; call sendVerificationCode (verificationCodeType 6) first",
			"验证码错误: 还没有向 13800138001 发送这一用途的验证码；请先调用 sendVerificationCode（verificationCodeType 6，解绑手机）"},
		{"a wrong code on a page", e.CheckCode("13800138001", "000000"),
			"验证码错误: wrong code for 13800138001 (tsymock's codes are the one set with --verification-code, default 111111)",
			"验证码错误: 手机号 13800138001 的验证码不对（tsymock 的短信验证码都是 --verification-code 设的值，默认 111111）"},
		{"a wrong code for an order", e.codeMatches(&order{bizOrderNo: "dep-001"}, "000000"),
			"验证码错误: wrong code for order dep-001 (tsymock's codes are the one set with --verification-code, default 111111)",
			"验证码错误: 订单 dep-001 的验证码不对（tsymock 的短信验证码都是 --verification-code 设的值，默认 111111）"},
		{"a wrong code for a card", wrongCard,
			`验证码错误: wrong code for tranceNum "` + trance + `" (tsymock's codes are the one set with --verification-code, default 111111)`,
			`验证码错误: tranceNum "` + trance + `" 的验证码不对（tsymock 的短信验证码都是 --verification-code 设的值，默认 111111）`},
		{"a payment password not six digits", setPwd(&member{}, "12345a"),
			"参数错误: the payment password is six digits", "参数错误: 支付密码为 6 位数字"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NotNil(t, tc.err)
			assert.Equal(t, tc.en, tc.err.Message)
			zh := tc.err.In(lang.Chinese)
			assert.Equal(t, tc.zh, zh.Message)
			assert.Equal(t, tc.err.Code, zh.Code)
		})
	}
}
