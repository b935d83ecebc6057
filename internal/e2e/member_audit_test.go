package e2e

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// TestMemberPagesRefuseByTheSpec: the browser pages refuse what the
// specification's notes rule out, as HTML error pages: an enterprise's
// payment-password pages (spec §4.1.17-§4.1.20 note 1, lines 2894, 3080,
// 3254, 3437: 仅支持个人会员) are 30006, and a rejected enterprise's
// e-contract (§4.1.4 note 5, line 1404) is 30050.
func TestMemberPagesRefuseByTheSpec(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	c.approved("firm")
	c.withPhone("firm", phoneA)
	c.company("rejected")
	_, err := c.SetCompanyInfo(c.ctx, companyInfo("rejected", "驳回测试公司"))
	require.NoError(t, err)
	firm := pwdParams(rcv)
	firm.BizUserID, firm.Name, firm.IdentityNo, firm.Phone, firm.OldPhone = "firm", personName, legalID, phoneA, phoneA
	for _, tc := range []struct {
		name, path, service, method string
		params                      any
		code                        string
	}{
		{"setPayPwd of an enterprise", client.PageSetPayPwd, "MemberPwdService", "setPayPwd", firm, "30006"},
		{"resetPayPwd of an enterprise", client.PageResetPayPwd, "MemberPwdService", "resetPayPwd", firm, "30006"},
		{"updatePhoneByPayPwd of an enterprise", client.PageUpdatePhoneByPayPwd, "MemberPwdService", "updatePhoneByPayPwd",
			firm, "30006"},
		{"signContract of a rejected enterprise", client.PageSignContract, "MemberService", "signContract",
			client.ContractPageParams{BizUserID: "rejected", JumpURL: rcv.URL + "/jump", BackURL: rcv.URL + "/notify",
				Source: client.SourcePC}, "30050"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errorPage(t, getPage(t, mustPageURL(t, c, tc.path, tc.service, tc.method, tc.params)), tc.code)
		})
	}
	info, err := c.GetMemberInfo(c.ctx, "rejected")
	require.NoError(t, err)
	assert.False(t, info.MemberInfo.IsSignContract)
}

// TestSetCompanyInfoManualAudit: the answer carries result for an online
// audit only (spec §4.1.6 line 1859: 仅自动审核时返回); with isAuth false the
// outcome comes by getMemberInfo (and the verifyResult notification).
func TestSetCompanyInfoManualAudit(t *testing.T) {
	_, c := members(t)
	for _, tc := range []struct {
		name      string
		isAuth    bool
		hasResult bool
	}{{"online", true, true}, {"manual", false, false}} {
		t.Run(tc.name, func(t *testing.T) {
			c.company("firm-" + tc.name)
			req := companyInfo("firm-"+tc.name, "北京测试科技有限公司")
			req.IsAuth = tc.isAuth
			req.CompanyBasicInfo.LegalIDs = mustEncrypt(t, c.Client, req.CompanyBasicInfo.LegalIDs)
			req.CompanyBasicInfo.AccountNo = mustEncrypt(t, c.Client, req.CompanyBasicInfo.AccountNo)
			raw, err := c.Call(c.ctx, "MemberService", "setCompanyInfo", req) // raw, to see which keys come
			require.NoError(t, err)
			var answer map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(raw, &answer))
			_, has := answer["result"]
			assert.Equal(t, tc.hasResult, has, "%s", raw)
			info, err := c.GetMemberInfo(c.ctx, "firm-"+tc.name)
			require.NoError(t, err)
			assert.Equal(t, client.AuditApproved, info.MemberInfo.Status)
		})
	}
}

// TestCreateBankSubAcctNoSets: the sets spec §4.1.27 (line 4540) lists are
// taken, an unknown set is 30019 and the deposit, reserve and intermediate
// sets are 30018 账户集错误.
func TestCreateBankSubAcctNoSets(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	c.withPhone("p", phoneA)
	for _, tc := range []struct {
		who, set, code string
	}{
		{"p", "200126", ""},
		{"#yunBizUserId_B2C#", "2000000", ""},
		{"p", "300000", "30019"},
		{"p", "100002", "30018"},
		{"#yunBizUserId_B2C#", "100004", "30018"},
	} {
		t.Run(tc.who+" in "+tc.set, func(t *testing.T) {
			got, err := c.CreateBankSubAcctNo(c.ctx, client.CreateBankSubAcctNoRequest{BizUserID: tc.who,
				AccountSetNo: tc.set, AcctOrgType: 1})
			if tc.code == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.set, got.AccountSetNo)
				return
			}
			assert.Equal(t, tc.code, apiCode(t, err))
		})
	}
}

// TestCardCheckSevenTakesRealCards: with --strict, a bank card outside
// 622848/622849 binds by cardCheck 7, with which the test environment
// binds real cards (spec §6.18 line 14490), and is still 30049 for
// cardCheck 6, which takes the test cards only (§4.1.10 note 1).
func TestCardCheckSevenTakesRealCards(t *testing.T) {
	e := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = true })
	c := &memberClient{Client: e.client(t), t: t, ctx: context.Background()}
	c.realNamed("p")
	for _, tc := range []struct {
		cardCheck int
		code      string
	}{{client.CardCheckAgreement, "30049"}, {client.CardCheckVspQuick, ""}, {0, ""}} {
		req := applyCard("p", cardICBC)
		req.CardCheck = tc.cardCheck
		_, err := c.ApplyBindBankCard(c.ctx, req)
		if tc.code == "" {
			require.NoError(t, err, "cardCheck %d", tc.cardCheck)
			continue
		}
		assert.Equal(t, tc.code, apiCode(t, err), "cardCheck %d", tc.cardCheck)
	}
}
