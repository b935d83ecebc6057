package e2e

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// TestTestIdentitiesRealName: the spec's test identities (§6.18), whose
// birth dates are impossible and check digits wrong, are real-named as the
// test environment takes them; a made-up number of the same kind passes
// noted, and is 30012 with --strict (RulesDec2026e; it was 30012 always).
func TestTestIdentitiesRealName(t *testing.T) {
	_, c := members(t)
	for _, tc := range []struct{ bizUserID, name, id string }{
		{"tsy", tsyName, tsyID},
		{"wxe", wxeName, wxeID},
	} {
		t.Run(tc.bizUserID, func(t *testing.T) {
			c.person(tc.bizUserID)
			_, err := c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: tc.bizUserID, Name: tc.name,
				IdentityType: client.IdentityIDCard, IdentityNo: tc.id})
			require.NoError(t, err)
		})
	}
	t.Run("made up, strict", func(t *testing.T) {
		e := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = true })
		c := &memberClient{Client: e.client(t), t: t, ctx: context.Background()}
		c.person("bad")
		_, err := c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "bad", Name: personName,
			IdentityType: client.IdentityIDCard, IdentityNo: "310226123456745670"})
		got := apiError(t, err)
		assert.Equal(t, "30012", got.Code)
		assert.Contains(t, got.Message, "身份证验证失败: identityNo 310226********5670: digits 7 to 14 are not a real birth date")
		assert.Contains(t, got.Message, "rule test-identity")
	})
}

// TestCardChecksThatBindAtOnce: cardCheck 1, 5 and 8 bind without
// bindBankCard and answer no tranceNum (spec §4.1.10, §6.18); queryBankCard
// lists the card with its bindMethod.
func TestCardChecksThatBindAtOnce(t *testing.T) {
	_, c := members(t)
	for _, tc := range []struct {
		name      string
		holder    [2]string
		cardNo    string
		phone     string
		cardCheck int
	}{
		{"1, 三要素, without a phone", [2]string{personName, personID}, testCard, "", client.CardCheckAccountThree},
		{"5, 四要素, its test data", [2]string{tsyName, tsyID}, tsyCard, tsyPhone, client.CardCheckAccountFour},
		{"8, 万鉴通, its test data", [2]string{wxeName, wxeID}, wxeCard, phoneA, client.CardCheckWanJianTong},
		{"8, 万鉴通, a credit card without validate or cvv2", [2]string{personName, personID}, cardCredit, phoneA,
			client.CardCheckWanJianTong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := "at-once-" + tc.cardNo
			c.holder(id, tc.holder[0], tc.holder[1])
			got, err := c.ApplyBindBankCard(c.ctx, cardOf(id, tc.holder[0], tc.holder[1], tc.cardNo, tc.phone, tc.cardCheck))
			require.NoError(t, err)
			assert.Empty(t, got.TranceNum)
			card, ok := c.boundCards(id)[tc.cardNo]
			require.True(t, ok, "bound without bindBankCard")
			assert.Equal(t, tc.cardCheck, card.BindMethod)
			_, err = c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: id, Phone: phoneA, VerificationCode: smsCode})
			assert.Equal(t, "30016", apiCode(t, err), "nothing to confirm")
		})
	}
}

// TestCardCheckSimulations: the answers of spec §6.18's simulations, each
// with the code and message a test can assert on.
func TestCardCheckSimulations(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	for _, tc := range []struct {
		name      string
		cardNo    string
		cardCheck int
		code, msg string
	}{
		{"6, ending 00 without validate or cvv2", testCredit, 6, "10001", "参数不能为空: validate or cvv2"},
		{"6, ending 01", "6228490000000000001", 6, "30014", "绑定银行卡失败: 手机号不一致"},
		{"6, ending 02", "6228490000000000002", 6, "30009", "验证实名信息失败: 身份证不一致"},
		{"6, ending 03", "6228490000000000003", 6, "30014", "绑定银行卡失败: 卡号异常"},
		{"6, ending 04", "6228490000000000004", 6, "30009", "验证实名信息失败: 账号户名不一致"},
		{"1 refuses a credit card", cardCredit, 1, "40012", "不支持信用卡: cardCheck 1 does not bind credit cards"},
		{"3 refuses a credit card", cardCredit, 3, "40012", "不支持信用卡: cardCheck 3"},
		{"5 refuses a credit card", cardCredit, 5, "40012", "不支持信用卡: cardCheck 5"},
		{"2 was removed in 2.1.3", testCard, 2, "10000", "参数错误: cardCheck 2 (ITS 快捷) was removed in spec 2.1.3"},
		{"4 is no method", testCard, 4, "10000", "参数错误: cardCheck 4 is not a binding method"},
		{"99 is the back office's", testCard, 99, "10000", "参数错误: cardCheck 99 is a binding made in the platform's back office"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := cardOf("p", personName, personID, tc.cardNo, phoneA, tc.cardCheck)
			if tc.cardNo == cardCredit {
				req.Validate, req.CVV2 = "0321", "123"
			}
			_, err := c.ApplyBindBankCard(c.ctx, req)
			got := apiError(t, err)
			assert.Equal(t, tc.code, got.Code)
			assert.Contains(t, got.Message, tc.msg)
			assert.NotContains(t, got.Message, tc.cardNo, "the card is not repeated whole")
		})
	}
	assert.Empty(t, c.boundCards("p"), "nothing was bound")
}

// TestCardCheckSixBinds: other endings succeed, and 00 with cvv2 binds a
// credit card; bindBankCard confirms with the tranceNum and 111111.
func TestCardCheckSixBinds(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	for _, tc := range []struct {
		cardNo   string
		cvv2     string
		cardType int
	}{{testCard, "", client.CardDebit}, {testCredit, "123", client.CardCredit}} {
		req := cardOf("p", personName, personID, tc.cardNo, phoneA, client.CardCheckAgreement)
		req.CVV2 = tc.cvv2
		ap, err := c.ApplyBindBankCard(c.ctx, req)
		require.NoError(t, err)
		assert.Equal(t, tc.cardType, ap.CardType)
		require.NotEmpty(t, ap.TranceNum)
		_, err = c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", TranceNum: ap.TranceNum, Phone: phoneA,
			VerificationCode: smsCode})
		require.NoError(t, err)
	}
	cards := c.boundCards("p")
	assert.Equal(t, client.CardCredit, cards[testCredit].CardType)
	assert.Equal(t, client.CardCheckAgreement, cards[testCard].BindMethod)
}

// TestCardCheckThreeCode: a cardCheck 3 binding waits for bindBankCard,
// answers no tranceNum, and is confirmed with the test environment's
// 11111 (spec §6.18); a wrong code names it.
func TestCardCheckThreeCode(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	ap, err := c.ApplyBindBankCard(c.ctx, cardOf("p", personName, personID, testCard, rnpPhone, client.CardCheckRealNamePay))
	require.NoError(t, err)
	assert.Empty(t, ap.TranceNum)
	assert.Empty(t, c.boundCards("p"))
	_, err = c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", Phone: rnpPhone, VerificationCode: "22222"})
	got := apiError(t, err)
	assert.Equal(t, "20011", got.Code)
	assert.Contains(t, got.Message, "验证码错误: wrong code for tranceNum")
	assert.Contains(t, got.Message, "cardCheck 3's code is 11111 in the test environment (spec §6.18)")
	_, err = c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", Phone: rnpPhone, VerificationCode: rnpCode})
	require.NoError(t, err)
	assert.Equal(t, client.CardCheckRealNamePay, c.boundCards("p")[testCard].BindMethod)
}

// TestCardCheckThreeTakesBothCodes: the spec gives a cardCheck 3 binding
// two codes, §6.18's 11111 (line 14426) and §5.2's 111111 (实名付 note 5,
// line 11427: 开通实名付时，短信验证码为 111111); with --strict each binds.
func TestCardCheckThreeTakesBothCodes(t *testing.T) {
	for _, code := range []string{rnpCode, "111111"} {
		t.Run(code, func(t *testing.T) {
			e := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = true; cfg.VerificationCode = "654321" })
			c := &memberClient{Client: e.client(t), t: t, ctx: context.Background()}
			c.realNamed("p")
			_, err := c.ApplyBindBankCard(c.ctx, cardOf("p", personName, personID, testCard, rnpPhone, client.CardCheckRealNamePay))
			require.NoError(t, err)
			_, err = c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", Phone: rnpPhone, VerificationCode: code})
			require.NoError(t, err)
			assert.Equal(t, client.CardCheckRealNamePay, c.boundCards("p")[testCard].BindMethod)
		})
	}
}

// TestDefaultCardCheckNeedsBindBankCard: without cardCheck (7, the default
// since 2.1.3) the card waits for bindBankCard; lenient calls (a card
// outside the test BINs, a special phone) still pass, as before.
func TestDefaultCardCheckNeedsBindBankCard(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	for _, cardNo := range []string{testCard, cardICBC} {
		ap, err := c.ApplyBindBankCard(c.ctx, cardOf("p", personName, personID, cardNo, "15100000000", 0))
		require.NoError(t, err)
		require.NotEmpty(t, ap.TranceNum)
		assert.NotContains(t, c.boundCards("p"), cardNo)
		_, err = c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", TranceNum: ap.TranceNum,
			Phone: "15100000000", VerificationCode: smsCode})
		require.NoError(t, err)
		assert.Equal(t, client.CardCheckVspQuick, c.boundCards("p")[cardNo].BindMethod)
	}
}
