package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// memberCall is one MemberService call for a member, with valid params.
type memberCall struct {
	method string
	call   func(c *memberClient, bizUserID string) error
}

// everyMemberCall is every emulated method that names a member, but
// createMember and unlockMember.
func everyMemberCall() []memberCall {
	return []memberCall{
		{"sendVerificationCode", func(c *memberClient, id string) error {
			_, err := c.SendVerificationCode(c.ctx, client.SendVerificationCodeRequest{BizUserID: id, Phone: phoneA, VerificationCodeType: 9})
			return err
		}},
		{"bindPhone", func(c *memberClient, id string) error {
			_, err := c.BindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: id, Phone: phoneA, VerificationCode: smsCode})
			return err
		}},
		{"unbindPhone", func(c *memberClient, id string) error {
			_, err := c.UnbindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: id, Phone: phoneA, VerificationCode: smsCode})
			return err
		}},
		{"setRealName", func(c *memberClient, id string) error {
			_, err := c.SetRealName(c.ctx, realName(id, personID))
			return err
		}},
		{"setCompanyInfo", func(c *memberClient, id string) error {
			_, err := c.SetCompanyInfo(c.ctx, companyInfo(id, "甲"))
			return err
		}},
		{"getMemberInfo", func(c *memberClient, id string) error { _, err := c.GetMemberInfo(c.ctx, id); return err }},
		{"applyBindBankCard", func(c *memberClient, id string) error {
			_, err := c.ApplyBindBankCard(c.ctx, applyCard(id, cardABC))
			return err
		}},
		{"bindBankCard", func(c *memberClient, id string) error {
			_, err := c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: id, TranceNum: "1", Phone: phoneB, VerificationCode: smsCode})
			return err
		}},
		{"queryBankCard", func(c *memberClient, id string) error {
			_, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: id})
			return err
		}},
		{"unbindBankCard", func(c *memberClient, id string) error {
			_, err := c.UnbindBankCard(c.ctx, client.CardRequest{BizUserID: id, CardNo: cardABC})
			return err
		}},
		{"setSafeCard", func(c *memberClient, id string) error {
			_, err := c.SetSafeCard(c.ctx, client.CardRequest{BizUserID: id, CardNo: cardABC})
			return err
		}},
		{"lockMember", func(c *memberClient, id string) error { _, err := c.LockMember(c.ctx, id); return err }},
		{"createBankSubAcctNo", func(c *memberClient, id string) error {
			_, err := c.CreateBankSubAcctNo(c.ctx, client.CreateBankSubAcctNoRequest{BizUserID: id, AccountSetNo: "200126", AcctOrgType: 1})
			return err
		}},
		{"applyBindAcct", func(c *memberClient, id string) error {
			_, err := c.ApplyBindAcct(c.ctx, client.ApplyBindAcctRequest{BizUserID: id, OperationType: "set", AcctType: "weChatMiniProgram", Acct: "o-openid"})
			return err
		}},
		{"vspTermidService", func(c *memberClient, id string) error {
			_, err := c.VspTermidService(c.ctx, client.VspTermidRequest{BizUserID: id, OperationType: "query", VspCusID: "c", AppID: "a"})
			return err
		}},
		{"bankCardChangeBindPhone", func(c *memberClient, id string) error {
			_, err := c.BankCardChangeBindPhone(c.ctx, changePhone(id, cardABC, phoneB, client.CardCheckVspQuick))
			return err
		}},
		{"verifyBankCardChangeBindPhone", func(c *memberClient, id string) error {
			_, err := c.VerifyBankCardChangeBindPhone(c.ctx, client.VerifyBankCardChangeBindPhoneRequest{BizUserID: id,
				TranceNum: "1", Phone: phoneB, VerificationCode: smsCode})
			return err
		}},
	}
}

func TestUnknownMemberEverywhere(t *testing.T) {
	_, c := members(t)
	calls := append(everyMemberCall(), memberCall{"unlockMember", func(c *memberClient, id string) error {
		_, err := c.UnlockMember(c.ctx, id)
		return err
	}})
	for _, mc := range calls {
		t.Run(mc.method, func(t *testing.T) {
			assert.Equal(t, "30001", apiCode(t, mc.call(c, "nobody")))
		})
	}
}

// TestLockedMemberEverywhere: a locked member gets 30022 with the spec's
// words 会员已锁定 (spec §4.1.15) on every call, a second lockMember
// included, until unlockMember.
func TestLockedMemberEverywhere(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	_, err := c.LockMember(c.ctx, "p")
	require.NoError(t, err)
	for _, mc := range everyMemberCall() {
		t.Run(mc.method, func(t *testing.T) {
			code, msg := answerCode(t, mc.call(c, "p"))
			assert.Equal(t, []string{"30022", "会员已锁定"}, []string{code, msg})
		})
	}
	got, err := c.UnlockMember(c.ctx, "p")
	require.NoError(t, err)
	assert.Equal(t, client.MemberResponse{BizUserID: "p"}, *got)
	_, err = c.GetMemberInfo(c.ctx, "p")
	assert.NoError(t, err)
	_, err = c.UnlockMember(c.ctx, "p")
	assert.Equal(t, "9000", apiCode(t, err), "unlocking an unlocked member")
}

// TestFakedLockedMemberReadsAsLocked: 30022 faked with a magic value or
// arm carries the words a really locked member gets, 会员已锁定 (spec
// §4.1.15), as 30000 carries the platform's 所属应用下已经存在此用户, not §7's
// 用户不可用.
func TestFakedLockedMemberReadsAsLocked(t *testing.T) {
	e, c := members(t)
	c.person("locked")
	_, err := c.LockMember(c.ctx, "locked")
	require.NoError(t, err)
	a := admin{t: t, base: e.URL}
	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"locked by lockMember", func() error { _, err := c.GetMemberInfo(c.ctx, "locked"); return err }},
		{"magic value", func() error { _, err := c.GetMemberInfo(c.ctx, "err-30022-x"); return err }},
		{"armed", func() error {
			a.json(http.MethodPost, "arm?sysid="+e.SysID,
				`{"when":{"service":"MemberService","method":"getMemberInfo"},"respond":{"error":{"code":"30022"}}}`, http.StatusCreated, nil)
			_, err := c.GetMemberInfo(c.ctx, "anyone")
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, msg := answerCode(t, tc.call())
			assert.Equal(t, []string{"30022", "会员已锁定"}, []string{code, msg})
		})
	}
}

func TestCreateBankSubAcctNo(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	req := client.CreateBankSubAcctNoRequest{BizUserID: "p", AccountSetNo: "200126", AcctOrgType: 1}
	got, err := c.CreateBankSubAcctNo(c.ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "p", got.BizUserID)
	assert.Equal(t, "200126", got.AccountSetNo)
	assert.Regexp(t, `^\d{20}$`, got.SubAcctNo)
	again, err := c.CreateBankSubAcctNo(c.ctx, req)
	require.NoError(t, err)
	assert.Equal(t, got.SubAcctNo, again.SubAcctNo, "one sub-account per account set")
	req.AccountSetNo = "100001"
	other, err := c.CreateBankSubAcctNo(c.ctx, req)
	require.NoError(t, err)
	assert.NotEqual(t, got.SubAcctNo, other.SubAcctNo)
}

func TestApplyBindAcct(t *testing.T) {
	_, c := members(t)
	c.person("p")
	got, err := c.ApplyBindAcct(c.ctx, client.ApplyBindAcctRequest{BizUserID: "p", OperationType: "set",
		AcctType: "weChatMiniProgram", Acct: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"})
	require.NoError(t, err)
	assert.Equal(t, client.ApplyBindAcctResponse{BizUserID: "p", Result: "OK"}, *got)
}
