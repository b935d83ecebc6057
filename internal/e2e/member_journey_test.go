package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// TestPersonalOnboardingJourney is a merchant's personal onboarding, step by
// step as its code would run it, over POST and over GET.
func TestPersonalOnboardingJourney(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []client.Option
	}{{"POST", nil}, {"GET", []client.Option{client.WithGET()}}} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := members(t, tc.opts...)
			step := func(name string, err error) {
				t.Helper()
				require.NoError(t, err, name)
			}
			const id = "alice"
			_, err := c.CreateMember(c.ctx, client.CreateMemberRequest{BizUserID: id, MemberType: client.MemberPersonal, Source: client.SourceMobile})
			step("createMember", err)
			_, err = c.SendVerificationCode(c.ctx, client.SendVerificationCodeRequest{BizUserID: id, Phone: phoneA, VerificationCodeType: client.VerificationCodeBind})
			step("sendVerificationCode", err)
			_, err = c.BindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: id, Phone: phoneA, VerificationCode: smsCode})
			step("bindPhone", err)
			_, err = c.SetRealName(c.ctx, realName(id, personID))
			step("setRealName", err)

			bin, err := c.GetBankCardBin(c.ctx, cardABC)
			step("getBankCardBin", err)
			require.Equal(t, client.CardDebit, bin.CardBinInfo.CardType)
			for _, cardNo := range []string{cardABC, cardICBC} {
				ap, err := c.ApplyBindBankCard(c.ctx, applyCard(id, cardNo))
				step("applyBindBankCard", err)
				_, err = c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: id, TranceNum: ap.TranceNum,
					TransDate: ap.TransDate, Phone: phoneB, VerificationCode: smsCode})
				step("bindBankCard", err)
			}
			list, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: id})
			step("queryBankCard", err)
			require.Len(t, list.BindCardList, 2)

			_, err = c.SetSafeCard(c.ctx, client.CardRequest{BizUserID: id, CardNo: cardABC})
			step("setSafeCard", err)
			_, err = c.UnbindBankCard(c.ctx, client.CardRequest{BizUserID: id, CardNo: cardICBC})
			step("unbindBankCard", err)

			_, err = c.LockMember(c.ctx, id)
			step("lockMember", err)
			_, err = c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: id})
			assert.Equal(t, "30022", apiCode(t, err), "a locked member")
			_, err = c.UnlockMember(c.ctx, id)
			step("unlockMember", err)

			info, err := c.GetMemberInfo(c.ctx, id)
			step("getMemberInfo", err)
			m := info.MemberInfo
			assert.Equal(t, []any{personName, personID, phoneA, true, true, 1},
				[]any{m.Name, m.IdentityCardNo, m.Phone, m.IsPhoneChecked, m.IsIdentityChecked, m.UserState})
			list, err = c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: id})
			step("queryBankCard", err)
			require.Len(t, list.BindCardList, 1)
			assert.Equal(t, client.BoundCard{BankCardNo: cardABC, BankName: "农业银行", BindTime: "2026-11-28 12:00:00",
				CardType: client.CardDebit, BindState: 1, Phone: phoneB, IsSafeCard: true, BindMethod: client.CardCheckVspQuick},
				list.BindCardList[0])
		})
	}
}

// TestEnterpriseOnboardingJourney: an enterprise is approved and shows its
// data; another, whose name asks for it, is rejected, then resubmits.
func TestEnterpriseOnboardingJourney(t *testing.T) {
	_, c := members(t)
	c.company("acme")
	audit, err := c.SetCompanyInfo(c.ctx, companyInfo("acme", "北京测试科技有限公司"))
	require.NoError(t, err)
	assert.Equal(t, client.AuditApproved, audit.Result)
	assert.Empty(t, audit.FailReason)
	info, err := c.GetMemberInfo(c.ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, client.MemberEnterprise, info.MemberType)
	assert.Equal(t, []any{"北京测试科技有限公司", legalID, "6222020000000000099", client.AuditApproved},
		[]any{info.MemberInfo.CompanyName, info.MemberInfo.LegalIDs, info.MemberInfo.AccountNo, info.MemberInfo.Status})
	c.withPhone("acme", phoneA)

	c.company("shady")
	audit, err = c.SetCompanyInfo(c.ctx, companyInfo("shady", "reject 测试公司"))
	require.NoError(t, err)
	assert.Equal(t, client.AuditRejected, audit.Result)
	assert.NotEmpty(t, audit.FailReason)
	_, err = c.ApplyBindBankCard(c.ctx, applyCard("shady", cardABC))
	assert.Equal(t, "30050", apiCode(t, err), "a rejected enterprise binds no card")
	info, err = c.GetMemberInfo(c.ctx, "shady")
	require.NoError(t, err)
	assert.Equal(t, client.AuditRejected, info.MemberInfo.Status)
	audit, err = c.SetCompanyInfo(c.ctx, companyInfo("shady", "正规测试公司"))
	require.NoError(t, err)
	assert.Equal(t, client.AuditApproved, audit.Result)
}

// TestSeededIDsRepeatMemberNumbers: with a seeded id source, the same calls
// get the same userId, tranceNum and subAcctNo on every run.
func TestSeededIDsRepeatMemberNumbers(t *testing.T) {
	run := func() []string {
		e := demoEnv(t, func(cfg *mock.Config) { cfg.IDSeed = 42 })
		c := &memberClient{Client: e.client(t), t: t, ctx: t.Context()}
		created, err := c.CreateMember(c.ctx, client.CreateMemberRequest{BizUserID: "p", MemberType: 3, Source: 1})
		require.NoError(t, err)
		_, err = c.SetRealName(c.ctx, realName("p", personID))
		require.NoError(t, err)
		ap, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardABC))
		require.NoError(t, err)
		sub, err := c.CreateBankSubAcctNo(c.ctx, client.CreateBankSubAcctNoRequest{BizUserID: "p", AccountSetNo: "200126", AcctOrgType: 1})
		require.NoError(t, err)
		return []string{created.UserID, ap.TranceNum, sub.SubAcctNo}
	}
	assert.Equal(t, run(), run())
}
