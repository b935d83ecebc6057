package e2e

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// Test data of the member tests: valid ID card numbers (check digits
// computed), cards whose BINs tsymock knows, a card of an unknown BIN (a
// debit card of tsymock's test bank), one of the BIN reserved for 30049,
// and the default SMS code.
const (
	personName  = "张三"
	personID    = "110101199001011237"
	otherID     = "440304198511200419"
	legalID     = "11010119900307803X"
	smsCode     = "111111"
	phoneA      = "13800000001"
	phoneB      = "13900000002"
	cardABC     = "6228480000000000001" // 中国农业银行 debit
	cardICBC    = "6222020000000000002" // 中国工商银行 debit
	cardCCB     = "6217000000000000003" // 中国建设银行 debit
	cardCredit  = "4367420000000004"    // 中国建设银行 credit
	cardOther   = "6214830000000000008" // unknown BIN: tsymock 测试银行 debit
	unknownCard = "0000009999000000009" // BIN 000000: 30049 on purpose
)

// memberClient is a client with the test context, for short test steps.
type memberClient struct {
	*client.Client
	t   *testing.T
	ctx context.Context
}

// members starts a server with the demo material and returns its client.
func members(t *testing.T, opts ...client.Option) (*env, *memberClient) {
	t.Helper()
	e := demoEnv(t)
	return e, &memberClient{Client: e.client(t, opts...), t: t, ctx: context.Background()}
}

// apiCode is the errorCode of an error answer; any other outcome fails.
func apiCode(t *testing.T, err error) string {
	t.Helper()
	var apiErr *client.Error
	require.True(t, errors.As(err, &apiErr), "want an error answer, got %v", err)
	return apiErr.Code
}

// person creates a personal member.
func (c *memberClient) person(bizUserID string) {
	c.t.Helper()
	_, err := c.CreateMember(c.ctx, client.CreateMemberRequest{BizUserID: bizUserID, MemberType: client.MemberPersonal, Source: client.SourceMobile})
	require.NoError(c.t, err)
}

// company creates an enterprise member.
func (c *memberClient) company(bizUserID string) {
	c.t.Helper()
	_, err := c.CreateMember(c.ctx, client.CreateMemberRequest{BizUserID: bizUserID, MemberType: client.MemberEnterprise, Source: client.SourcePC})
	require.NoError(c.t, err)
}

// withPhone binds phone to a member with a sent code.
func (c *memberClient) withPhone(bizUserID, phone string) {
	c.t.Helper()
	_, err := c.SendVerificationCode(c.ctx, client.SendVerificationCodeRequest{BizUserID: bizUserID, Phone: phone,
		VerificationCodeType: client.VerificationCodeBind})
	require.NoError(c.t, err)
	_, err = c.BindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: bizUserID, Phone: phone, VerificationCode: smsCode})
	require.NoError(c.t, err)
}

// realNamed creates a personal member and real-names it as personName.
func (c *memberClient) realNamed(bizUserID string) {
	c.t.Helper()
	c.person(bizUserID)
	_, err := c.SetRealName(c.ctx, realName(bizUserID, personID))
	require.NoError(c.t, err)
}

func realName(bizUserID, identityNo string) client.SetRealNameRequest {
	return client.SetRealNameRequest{BizUserID: bizUserID, Name: personName, IdentityType: client.IdentityIDCard, IdentityNo: identityNo}
}

// applyCard is an applyBindBankCard of cardNo for the real-named person.
func applyCard(bizUserID, cardNo string) client.ApplyBindBankCardRequest {
	return client.ApplyBindBankCardRequest{BizUserID: bizUserID, CardNo: cardNo, Phone: phoneB, Name: personName,
		IdentityType: client.IdentityIDCard, IdentityNo: personID}
}

// withCard applies for and binds a card.
func (c *memberClient) withCard(req client.ApplyBindBankCardRequest) {
	c.t.Helper()
	ap, err := c.ApplyBindBankCard(c.ctx, req)
	require.NoError(c.t, err)
	_, err = c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: req.BizUserID, TranceNum: ap.TranceNum,
		TransDate: ap.TransDate, Phone: req.Phone, VerificationCode: smsCode})
	require.NoError(c.t, err)
}

// The branch and its 12-digit bank number of companyInfo's account (spec §5.4 requires both).
const (
	companyBankName  = "中国工商银行股份有限公司北京樱桃园支行"
	companyUnionBank = "102100024506"
)

// companyInfo is an enterprise's data; a companyName with "reject" is
// rejected by tsymock's audit.
func companyInfo(bizUserID, companyName string) client.SetCompanyInfoRequest {
	return client.SetCompanyInfoRequest{BizUserID: bizUserID, BackURL: "http://merchant.test/verify", IsAuth: true,
		CompanyBasicInfo: client.CompanyBasicInfo{CompanyName: companyName, LegalName: personName,
			IdentityType: client.IdentityIDCard, LegalIDs: legalID, LegalPhone: phoneA, AccountNo: "6222020000000000099",
			ParentBankName: "中国工商银行", BankName: companyBankName, UnionBank: companyUnionBank,
			AuthType: 2, UniCredit: "91110000100000000X"}} // 一证: the credit code alone (spec §5.4)
}

// approved creates an enterprise member and has it approved.
func (c *memberClient) approved(bizUserID string) {
	c.t.Helper()
	c.company(bizUserID)
	got, err := c.SetCompanyInfo(c.ctx, companyInfo(bizUserID, "北京测试科技有限公司"))
	require.NoError(c.t, err)
	require.Equal(c.t, client.AuditApproved, got.Result)
}
