package e2e

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// badCheckDigit is personID with another check digit: a real date and
// region, but not a number GB 11643 gives (the real test environment
// answers 30012).
const badCheckDigit = "110101199001011234"

// lenientCall is a call the real test environment refuses that tsymock
// answers OK unless --strict: the rule it is noted under, and the code the
// real environment (and --strict) answers.
type lenientCall struct {
	name, method string
	rule, code   string
	do           func(c *memberClient) error
}

// call is the call's service and method, as coverage names it: method is
// a MemberService method unless it names its service ("OrderService.pay").
func (l lenientCall) call() string {
	if strings.Contains(l.method, ".") {
		return l.method
	}
	return "MemberService." + l.method
}

func lenientCalls() []lenientCall {
	return []lenientCall{
		{"a card outside the test cards", "getBankCardBin", "test-card-prefix", "30049", func(c *memberClient) error {
			_, err := c.GetBankCardBin(c.ctx, cardICBC)
			return err
		}},
		{"an ID number with a wrong check digit", "setRealName", "test-identity", "30012", func(c *memberClient) error {
			c.person("bad-digit")
			_, err := c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "bad-digit", Name: personName,
				IdentityType: client.IdentityIDCard, IdentityNo: badCheckDigit})
			return err
		}},
		// spec §4.1.10 line 2249: unionBank 12 位数字; 40037 支付行号格式错误
		{"a unionBank of 11 digits", "applyBindBankCard", "param-format", "40037", func(c *memberClient) error {
			c.realNamed("union")
			req := applyCard("union", cardABC)
			req.UnionBank = "10210002450"
			_, err := c.ApplyBindBankCard(c.ctx, req)
			return err
		}},
		// spec §4.2.1 三 note: 会员需要先绑定手机才能进行订单操作
		{"an order of a payer without a phone", "OrderService.depositApply", "member-prerequisite", "30021", func(c *memberClient) error {
			c.realNamed("no-phone")
			_, err := c.DepositApply(c.ctx, client.DepositApplyRequest{BizOrderNo: "np1", BizUserID: "no-phone",
				AccountSetNo: escrowSet, Amount: 100, Fee: 0, ValidateType: client.ValidateNone, BackURL: backURL,
				FrontURL: backURL, PayMethod: client.Gateway(100), IndustryCode: "1910", IndustryName: "其他",
				Source: client.SourcePC})
			return err
		}},
		// spec §4.2.23 note 3: 发起跨境提现的前置条件同 4.2.3 提现申请 (§4.2.3 note 1: 先绑定手机)
		{"a cross-border withdrawal of a member without a phone", "OrderService.crossBorderWithdrawApply",
			"member-prerequisite", "30021", func(c *memberClient) error {
				c.approved("xb-reserve")
				c.realNamed("xb")
				_, err := c.ApplicationTransfer(c.ctx, client.ApplicationTransferRequest{BizTransferNo: "xb-fund",
					SourceAccountSetNo: standardSet, TargetBizUserID: "xb", TargetAccountSetNo: escrowSet, Amount: 100})
				require.NoError(c.t, err)
				return c.crossBorder("xb", "xb-reserve", "xb1", 100)
			}},
		// spec §4.2.17 extendInfo (lines 7988-7994): 不可包含“|”特殊字符
		{"a transfer whose extendInfo holds |", "OrderService.applicationTransfer", "param-format", "10000",
			func(c *memberClient) error {
				c.person("pipe")
				_, err := c.ApplicationTransfer(c.ctx, client.ApplicationTransferRequest{BizTransferNo: "pipe1",
					SourceAccountSetNo: standardSet, TargetBizUserID: "pipe", TargetAccountSetNo: escrowSet, Amount: 1,
					ExtendInfo: "a|b"})
				return err
			}},
		// spec §4.2.1 四 (2): a consumption of cross-border goods names goodsType and bizGoodsNo
		{"a cross-border consumption without bizGoodsNo", "OrderService.consumeApply", "required-param", "10001",
			func(c *memberClient) error {
				c.realNamed("cb-payer")
				c.withPhone("cb-payer", phoneA)
				c.realNamed("cb-shop")
				_, err := c.ConsumeApply(c.ctx, client.ConsumeApplyRequest{PayerID: "cb-payer", ReceiverID: "cb-shop",
					BizOrderNo: "cb1", Amount: 100, Fee: 0, BackURL: backURL, FrontURL: backURL, PayMethod: client.Gateway(100),
					GoodsType: client.GoodsCrossBorder, IndustryCode: "1910", IndustryName: "其他", Source: client.SourcePC})
				return err
			}},
		// spec §4.2.2 accountSetNo: 个人会员、企业会员填写托管专用账户集编号
		{"a member's deposit into the platform's set", "OrderService.depositApply", "member-account-set", "30018",
			func(c *memberClient) error {
				c.realNamed("in-standard")
				c.withPhone("in-standard", phoneA)
				_, err := c.DepositApply(c.ctx, client.DepositApplyRequest{BizOrderNo: "ms1", BizUserID: "in-standard",
					AccountSetNo: standardSet, Amount: 100, Fee: 0, ValidateType: client.ValidateNone, BackURL: backURL,
					FrontURL: backURL, PayMethod: client.Gateway(100), IndustryCode: "1910", IndustryName: "其他",
					Source: client.SourcePC})
				return err
			}},
		// spec §4.1.27 line 4540: the platform opens 100001 with #yunBizUserId_B2C#
		{"a member's sub-account in the platform's set", "createBankSubAcctNo", "sub-account-set", "30018",
			func(c *memberClient) error {
				c.realNamed("sub")
				c.withPhone("sub", phoneA)
				_, err := c.CreateBankSubAcctNo(c.ctx, client.CreateBankSubAcctNoRequest{BizUserID: "sub",
					AccountSetNo: "100001", AcctOrgType: 1})
				return err
			}},
		// spec §4.1.2 note 3 sends the code by SMS; §6.18: 手机号：11 位
		{"a code to bind a phone that is no mobile number", "sendVerificationCode", "param-format", "10000",
			func(c *memberClient) error {
				c.person("abc-phone")
				_, err := c.SendVerificationCode(c.ctx, client.SendVerificationCodeRequest{BizUserID: "abc-phone", Phone: "abc",
					VerificationCodeType: 9})
				return err
			}},
		// spec §4.1.23 note (1): 适用个人会员注册后，无法绑定手机号的业务场景使用
		{"applyBindAcct of an enterprise", "applyBindAcct", "member-type", "30006", func(c *memberClient) error {
			c.company("acct-co")
			_, err := c.ApplyBindAcct(c.ctx, client.ApplyBindAcctRequest{BizUserID: "acct-co", OperationType: "set",
				AcctType: "weChatPublic", Acct: "o-openid"})
			return err
		}},
		// spec §5.4 line 12728: parentBankName 需严格按照银行列表上送 (§6.21); the code is tsymock's choice
		{"a parentBankName outside §6.21", "setCompanyInfo", "bank-name", "10000", func(c *memberClient) error {
			return c.submitCompany("mars-bank", func(info *client.CompanyBasicInfo) { info.ParentBankName = "火星银行" })
		}},
		// spec §5.4 line 12698: expLicense 格式：yyyy-MM-dd; 40044 日期格式有误
		{"an expLicense not yyyy-MM-dd", "setCompanyInfo", "param-format", "40044", func(c *memberClient) error {
			return c.submitCompany("slash-date", func(info *client.CompanyBasicInfo) { info.ExpLicense = "2030/12/31" })
		}},
		// spec §4.1.14 note 2 lists the bindings it unbinds; 三要素 (cardCheck 1) is not among them
		{"unbindBankCard of a cardCheck 1 card", "unbindBankCard", "card-unbind-method", "30015", func(c *memberClient) error {
			c.realNamed("three")
			req := applyCard("three", cardABC)
			req.CardCheck = client.CardCheckAccountThree
			_, err := c.ApplyBindBankCard(c.ctx, req)
			require.NoError(c.t, err)
			_, err = c.UnbindBankCard(c.ctx, client.CardRequest{BizUserID: "three", CardNo: cardABC})
			return err
		}},
	}
}

// submitCompany creates an enterprise and submits companyInfo with edit
// made to its companyBasicInfo.
func (c *memberClient) submitCompany(bizUserID string, edit func(*client.CompanyBasicInfo)) error {
	c.t.Helper()
	c.company(bizUserID)
	req := companyInfo(bizUserID, "北京测试科技有限公司")
	edit(&req.CompanyBasicInfo)
	_, err := c.SetCompanyInfo(c.ctx, req)
	return err
}

// TestLenientCallsAreMarked: a call that relies on tsymock being more
// lenient than the real test environment is answered OK, and marked: a
// warning in its log line naming the rule and the real environment's code,
// the note in its journal entry (found with ?portability=), and the rule
// in the coverage report's "would fail on the real test environment" list.
// No full card or ID number shows in any of them.
func TestLenientCallsAreMarked(t *testing.T) {
	for _, tc := range lenientCalls() {
		t.Run(tc.name, func(t *testing.T) {
			e, c := members(t)
			require.NoError(t, tc.do(c))
			a := admin{t: t, base: e.URL}

			noted := notedCalls(a, tc.rule)
			require.Len(t, noted, 1)
			entry := noted[0]
			assert.Equal(t, tc.call(), entry.Service+"."+entry.Method)
			assert.Equal(t, mock.OutcomeOK, entry.Outcome)
			require.Len(t, entry.Portability, 1)
			assert.Equal(t, tc.rule, entry.Portability[0].Rule)
			assert.Equal(t, tc.code, entry.Portability[0].Code)
			assert.Contains(t, entry.Portability[0].Message, "spec §")
			assert.Len(t, notedCalls(a, mock.PortabilityAny), 1, "only the lenient call is noted")

			waitForLog(t, e, "wouldFail=")
			assert.Contains(t, e.Log.String(), `level=WARN msg="soa OK, but the real test environment would refuse this call"`)
			assert.Contains(t, e.Log.String(), "wouldFail=\""+tc.rule+": ")
			assert.Contains(t, e.Log.String(), "(the real test environment answers "+tc.code+")")

			var cov []mock.Coverage
			a.get("coverage?sysid="+e.SysID, &cov)
			require.Len(t, cov, 1)
			require.Len(t, cov[0].Portability, 1)
			p := cov[0].Portability[0]
			assert.Equal(t, []any{tc.rule, tc.code, 1}, []any{p.Rule, p.Code, p.Calls})
			assert.Equal(t, map[string]int{tc.call(): 1}, p.Methods)
			assert.Equal(t, entry.ID, p.Example.JournalID)
			code, text := a.do(http.MethodGet, "coverage?format=text&sysid="+e.SysID, "")
			require.Equal(t, http.StatusOK, code)
			assert.Contains(t, string(text), "would fail on the real test environment")
			assert.Contains(t, string(text), "e.g. journal #"+strconv.FormatUint(entry.ID, 10)+" "+tc.call())

			_, journal := a.do(http.MethodGet, "journal?sysid="+e.SysID, "")
			haystack := e.Log.String() + string(journal) + string(text)
			for _, secret := range []string{cardICBC, badCheckDigit} {
				assert.NotContains(t, haystack, secret)
			}
		})
	}
}

// TestStrictFailsAsTheRealEnvironment: with mock.Config.Strict (--strict)
// the same calls fail with the real test environment's code, change
// nothing, and carry no note; the message says which rule refused them.
func TestStrictFailsAsTheRealEnvironment(t *testing.T) {
	for _, tc := range lenientCalls() {
		t.Run(tc.name, func(t *testing.T) {
			e := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = true })
			c := &memberClient{Client: e.client(t), t: t, ctx: context.Background()}
			err := apiError(t, tc.do(c))
			assert.Equal(t, tc.code, err.Code)
			assert.Contains(t, err.Message, "tsymock --strict: the real test environment refuses this; rule "+tc.rule)

			a := admin{t: t, base: e.URL}
			assert.Empty(t, notedCalls(a, mock.PortabilityAny))
			var cov []mock.Coverage
			a.get("coverage?sysid="+e.SysID, &cov)
			require.Len(t, cov, 1)
			assert.Empty(t, cov[0].Portability)
		})
	}
	t.Run("the refused call changed nothing", func(t *testing.T) {
		e := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = true })
		c := &memberClient{Client: e.client(t), t: t, ctx: context.Background()}
		require.Error(t, lenientCalls()[1].do(c))
		info, err := c.GetMemberInfo(c.ctx, "bad-digit")
		require.NoError(t, err)
		assert.False(t, info.MemberInfo.IsIdentityChecked, "not real-named")
	})
}

// TestStrictIsKeptAcrossRestarts: a call refused with --strict is refused
// again when the data dir is replayed by a server without it, and the
// other way round: the replay judges each call as it was judged.
func TestStrictIsKeptAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	start := func(strict bool) (*memberClient, func()) {
		e, _, stop := demoStoppable(t, func(cfg *mock.Config) { cfg.DataDir, cfg.Strict = dir, strict })
		return &memberClient{Client: e.client(t), t: t, ctx: context.Background()}, stop
	}
	realNamed := func(c *memberClient, bizUserID string) bool {
		info, err := c.GetMemberInfo(c.ctx, bizUserID)
		require.NoError(t, err)
		return info.MemberInfo.IsIdentityChecked
	}
	c, stop := start(true)
	require.Error(t, lenientCalls()[1].do(c))
	stop()
	c, stop = start(false)
	assert.False(t, realNamed(c, "bad-digit"), "replayed as refused")
	c.person("lenient")
	_, err := c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "lenient", Name: personName,
		IdentityType: client.IdentityIDCard, IdentityNo: badCheckDigit})
	require.NoError(t, err)
	stop()
	c, _ = start(true)
	assert.True(t, realNamed(c, "lenient"), "a strict server replays a lenient call as it was answered")
	assert.False(t, realNamed(c, "bad-digit"))
}

// notedCalls are the journal entries with a portability note of rule.
func notedCalls(a admin, rule string) []mock.JournalEntry {
	var page struct{ Entries []mock.JournalEntry }
	a.get("journal?portability="+rule, &page)
	return page.Entries
}
