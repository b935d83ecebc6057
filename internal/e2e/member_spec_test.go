package e2e

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestVspTermidService: a member binds VSP terminals and lists them (spec
// §4.1.21, §5.14); a terminal binds one member only.
func TestVspTermidService(t *testing.T) {
	_, c := members(t)
	c.company("shop")
	c.person("other")
	set := func(bizUserID, term string) (*client.VspTermidResponse, error) {
		return c.VspTermidService(c.ctx, client.VspTermidRequest{BizUserID: bizUserID, OperationType: "set",
			VspCusID: "55058404816VQLX", AppID: "00013940", VspTermID: term})
	}
	_, err := set("shop", "55058404816VQLX01")
	require.NoError(t, err)
	got, err := set("shop", "55058404816VQLX02")
	require.NoError(t, err)
	assert.Equal(t, "OK", got.Result)
	assert.Equal(t, []client.VspTerminal{
		{VspCusID: "55058404816VQLX", VspTermID: "55058404816VQLX01", SetDate: vectorTime},
		{VspCusID: "55058404816VQLX", VspTermID: "55058404816VQLX02", SetDate: vectorTime},
	}, got.VspTermidList)

	_, err = set("other", "55058404816VQLX01")
	taken := apiError(t, err)
	assert.Equal(t, "20009", taken.Code)
	assert.Contains(t, taken.Message, `渠道商户信息错误: vspTermid "55058404816VQLX01" is bound to bizUserId "shop"`)

	one, err := c.VspTermidService(c.ctx, client.VspTermidRequest{BizUserID: "shop", OperationType: "query",
		VspCusID: "55058404816VQLX", AppID: "00013940", VspTermID: "55058404816VQLX02"})
	require.NoError(t, err)
	require.Len(t, one.VspTermidList, 1)
	none, err := c.VspTermidService(c.ctx, client.VspTermidRequest{BizUserID: "other", OperationType: "query",
		VspCusID: "c", AppID: "a"})
	require.NoError(t, err)
	assert.NotNil(t, none.VspTermidList)
	assert.Empty(t, none.VspTermidList)

	_, err = c.VspTermidService(c.ctx, client.VspTermidRequest{BizUserID: "shop", OperationType: "unbind", VspCusID: "c", AppID: "a"})
	assert.Equal(t, "10000", apiCode(t, err), "V2.1.5 knows set and query only")
	_, err = c.VspTermidService(c.ctx, client.VspTermidRequest{BizUserID: "shop", OperationType: "set", VspCusID: "c", AppID: "a"})
	got2 := apiError(t, err)
	assert.Equal(t, "10001", got2.Code)
	assert.Contains(t, got2.Message, "vspTermid")
}

// TestBankCardChangeBindPhoneEndToEnd: the bound phone changes by a card's
// SMS code (spec §4.1.25, §4.1.26): the card, bound by the change, and the
// member take the new phone.
func TestBankCardChangeBindPhoneEndToEnd(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	_, err := c.BankCardChangeBindPhone(c.ctx, changePhone("p", testCard, phoneB, client.CardCheckVspQuick))
	assert.Equal(t, "30021", apiCode(t, err), "a phone to change comes first")
	c.withPhone("p", phoneA)
	ap, err := c.BankCardChangeBindPhone(c.ctx, changePhone("p", testCard, phoneB, client.CardCheckAgreement))
	require.NoError(t, err)
	assert.Equal(t, []any{"农业银行", "01030000", client.CardDebit}, []any{ap.BankName, ap.BankCode, ap.CardType})
	require.NotEmpty(t, ap.TranceNum)
	_, err = c.VerifyBankCardChangeBindPhone(c.ctx, client.VerifyBankCardChangeBindPhoneRequest{BizUserID: "p",
		TranceNum: ap.TranceNum, Phone: phoneA, VerificationCode: smsCode})
	wrongPhone := apiError(t, err)
	assert.Equal(t, "10000", wrongPhone.Code)
	assert.Contains(t, wrongPhone.Message, "phone must be the one sent to bankCardChangeBindPhone")
	got, err := c.VerifyBankCardChangeBindPhone(c.ctx, client.VerifyBankCardChangeBindPhoneRequest{BizUserID: "p",
		TranceNum: ap.TranceNum, Phone: phoneB, VerificationCode: smsCode})
	require.NoError(t, err)
	assert.Equal(t, ap.TranceNum, got.TranceNum)
	info, err := c.GetMemberInfo(c.ctx, "p")
	require.NoError(t, err)
	assert.Equal(t, phoneB, info.MemberInfo.Phone)
	assert.Equal(t, phoneB, c.boundCards("p")[testCard].Phone)

	_, err = c.BankCardChangeBindPhone(c.ctx, changePhone("p", "6228490000000000001", phoneA, client.CardCheckAgreement))
	sim := apiError(t, err)
	assert.Equal(t, []string{"30014", "绑定银行卡失败: 手机号不一致"}, []string{sim.Code, sim.Message[:len("绑定银行卡失败: 手机号不一致")]})
}

// TestMemberAnswersOfTheSpec: the keys spec §5.1, §5.5–§5.7 add to the
// answers, and setSafeCard's encrypted cardNo (§4.1.12).
func TestMemberAnswersOfTheSpec(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	c.withPhone("p", phoneA)
	bin, err := c.GetBankCardBin(c.ctx, testCard)
	require.NoError(t, err)
	assert.Equal(t, "借记卡", bin.CardBinInfo.CardTypeLabel)

	req := cardOf("p", personName, personID, testCard, phoneA, client.CardCheckAccountThree)
	req.UnionBank = "103100000026"
	_, err = c.ApplyBindBankCard(c.ctx, req)
	require.NoError(t, err)
	card := c.boundCards("p")[testCard]
	assert.Equal(t, []any{1, 0, "103100000026"}, []any{card.BindMethod, card.BankCardPro, card.UnionBank})

	raw, err := c.Call(c.ctx, "MemberService", "setSafeCard", map[string]any{"bizUserId": "p", "cardNo": mustEncrypt(t, c.Client, testCard)})
	require.NoError(t, err)
	var echoed struct{ CardNo string }
	require.NoError(t, json.Unmarshal(raw, &echoed))
	assert.Regexp(t, `^[0-9A-F]{256,}$`, echoed.CardNo, "encrypted for the merchant")
	plain, err := c.Decrypt(echoed.CardNo)
	require.NoError(t, err)
	assert.Equal(t, testCard, plain)

	sub, err := c.CreateBankSubAcctNo(c.ctx, client.CreateBankSubAcctNoRequest{BizUserID: "p", AccountSetNo: "200126", AcctOrgType: 1})
	require.NoError(t, err)
	info, err := c.GetMemberInfo(c.ctx, "p")
	require.NoError(t, err)
	assert.Equal(t, []any{1, sub.SubAcctNo}, []any{info.MemberInfo.AcctOrgType, info.MemberInfo.SubAcctNo})
	_, err = c.CreateBankSubAcctNo(c.ctx, client.CreateBankSubAcctNoRequest{BizUserID: "p", AccountSetNo: "200126", AcctOrgType: 2})
	assert.Equal(t, "10000", apiCode(t, err), "acctOrgType 1 (华通银行) only")
	_, err = c.ApplyBindAcct(c.ctx, client.ApplyBindAcctRequest{BizUserID: "p", OperationType: "set", AcctType: "wechat", Acct: "o"})
	assert.Equal(t, "10000", apiCode(t, err), "acctType weChatPublic, weChatMiniProgram or aliPayService")
}

// TestPageFlowsOnTheSOAEndpoint: the page methods of §4.1 called on
// /service/soa are 10003 naming the page, as spec §3.6 makes them 前台
// requests (tsymock's reading: the spec gives /service/soa no answer for
// them).
func TestPageFlowsOnTheSOAEndpoint(t *testing.T) {
	_, c := members(t)
	for _, tc := range []struct{ service, method, page string }{
		{"MemberService", "signContract", client.PageSignContract},
		{"MemberService", "signContractQuery", client.PageSignContractQuery},
		{"MemberPwdService", "setPayPwd", client.PageSetPayPwd},
		{"MemberPwdService", "updatePayPwd", client.PageUpdatePayPwd},
		{"MemberPwdService", "resetPayPwd", client.PageResetPayPwd},
		{"MemberPwdService", "updatePhoneByPayPwd", client.PageUpdatePhoneByPayPwd},
	} {
		t.Run(tc.method, func(t *testing.T) {
			_, err := c.Call(c.ctx, tc.service, tc.method, map[string]any{"bizUserId": "p"})
			got := apiError(t, err)
			assert.Equal(t, "10003", got.Code)
			assert.Contains(t, got.Message, "参数method错误: "+tc.service+"."+tc.method+" is a page flow")
			assert.Contains(t, got.Message, tc.page)
			assert.Contains(t, got.Message, "§3.6")
		})
	}
}
