package e2e

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

func TestGetBankCardBin(t *testing.T) {
	_, c := members(t)
	for _, tc := range []struct {
		cardNo, bin, bankCode, bankName string
		cardType                        int
	}{
		{"6228480000000000001", "622848", "01030000", "农业银行", client.CardDebit},
		{"6228490000000000001", "622849", "01030000", "农业银行", client.CardDebit},
		{"6222020000000000002", "622202", "01020000", "工商银行", client.CardDebit},
		{"6217000000000000003", "621700", "01050000", "建设银行", client.CardDebit},
		{"6236680000000000004", "623668", "01050000", "建设银行", client.CardDebit},
		{"6225880000000005", "622588", "03080000", "招商银行", client.CardDebit},
		{"6217850000000000006", "6217", "01040000", "中国银行", client.CardDebit},
		{"4367420000000004", "436742", "01050000", "建设银行", client.CardCredit},
		{"6225750000000007", "622575", "03080000", "招商银行", client.CardCredit},
		{cardOther, "621483", "99990000", "tsymock 测试银行", client.CardDebit},
		{"123456789012", "123456", "99990000", "tsymock 测试银行", client.CardDebit},
	} {
		got, err := c.GetBankCardBin(c.ctx, tc.cardNo)
		require.NoError(t, err, tc.cardNo)
		b := got.CardBinInfo
		assert.Equal(t, []any{tc.bin, tc.bankCode, tc.bankName, tc.cardType, 1},
			[]any{b.CardBin, b.BankCode, b.BankName, b.CardType, b.CardState}, tc.cardNo)
		assert.NotEmpty(t, b.CardName)
		assert.Positive(t, b.CardLenth)
	}
	for _, cardNo := range []string{unknownCard, "000000123456", "6228-4800-0000-0000", "1234", "62284800000",
		"62284800000000000001"} {
		_, err := c.GetBankCardBin(c.ctx, cardNo)
		assert.Equal(t, "30049", apiCode(t, err), cardNo)
		assert.NotContains(t, err.Error(), cardNo, "a card number is never repeated whole")
	}
}

func TestBindBankCard(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	ap, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardABC))
	require.NoError(t, err)
	assert.Equal(t, "p", ap.BizUserID)
	assert.Regexp(t, `^D20261128\d{5}$`, ap.TranceNum, "D, the transDate and five digits, as the platform numbers a binding")
	assert.Equal(t, "20261128", ap.TransDate)
	assert.Equal(t, []any{"农业银行", "01030000", client.CardDebit}, []any{ap.BankName, ap.BankCode, ap.CardType})

	got, err := c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", TranceNum: ap.TranceNum,
		TransDate: ap.TransDate, Phone: phoneB, VerificationCode: smsCode})
	require.NoError(t, err)
	assert.Equal(t, client.BindBankCardResponse{BizUserID: "p", TranceNum: ap.TranceNum, TransDate: ap.TransDate}, *got)

	list, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "p"})
	require.NoError(t, err)
	assert.Equal(t, []client.BoundCard{{BankCardNo: cardABC, BankName: "农业银行", BindTime: "2026-11-28 12:00:00",
		CardType: client.CardDebit, BindState: 1, Phone: phoneB, BindMethod: client.CardCheckVspQuick}}, list.BindCardList)
}

// TestBindCardOfUnknownBIN: a team's usual test card, whose BIN tsymock
// does not know, binds as a debit card of tsymock's test bank.
func TestBindCardOfUnknownBIN(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	ap, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardOther))
	require.NoError(t, err)
	assert.Equal(t, []any{"tsymock 测试银行", "99990000", client.CardDebit}, []any{ap.BankName, ap.BankCode, ap.CardType})
	_, err = c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", TranceNum: ap.TranceNum, Phone: phoneB,
		VerificationCode: smsCode})
	require.NoError(t, err)
	_, err = c.SetSafeCard(c.ctx, client.CardRequest{BizUserID: "p", CardNo: cardOther})
	require.NoError(t, err, "a debit card, so it may be the safe card")

	list, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "p"})
	require.NoError(t, err)
	assert.Equal(t, []client.BoundCard{{BankCardNo: cardOther, BankName: "tsymock 测试银行", BindTime: "2026-11-28 12:00:00",
		CardType: client.CardDebit, BindState: 1, Phone: phoneB, IsSafeCard: true, BindMethod: client.CardCheckVspQuick}}, list.BindCardList)
}

func TestApplyBindBankCardErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(c *memberClient)
		req   func() client.ApplyBindBankCardRequest
		want  string
	}{
		{"not real-named", func(c *memberClient) { c.person("p") }, func() client.ApplyBindBankCardRequest { return applyCard("p", cardABC) }, "30008"},
		{"enterprise without company information", func(c *memberClient) { c.company("p") }, func() client.ApplyBindBankCardRequest { return applyCard("p", cardABC) }, "30030"},
		{"enterprise rejected", func(c *memberClient) {
			c.company("p")
			_, err := c.SetCompanyInfo(c.ctx, companyInfo("p", "reject Ltd"))
			require.NoError(c.t, err)
		}, func() client.ApplyBindBankCardRequest { return applyCard("p", cardABC) }, "30050"},
		{"the BIN reserved for 30049", func(c *memberClient) { c.realNamed("p") }, func() client.ApplyBindBankCardRequest { return applyCard("p", unknownCard) }, "30049"},
		{"not a card number", func(c *memberClient) { c.realNamed("p") }, func() client.ApplyBindBankCardRequest { return applyCard("p", "62284800000") }, "30049"},
		{"already bound", func(c *memberClient) { c.realNamed("p"); c.withCard(applyCard("p", cardABC)) },
			func() client.ApplyBindBankCardRequest { return applyCard("p", cardABC) }, "30017"},
		{"someone else's name", func(c *memberClient) { c.realNamed("p") }, func() client.ApplyBindBankCardRequest {
			r := applyCard("p", cardABC)
			r.Name = "李四"
			return r
		}, "30009"},
		{"someone else's ID", func(c *memberClient) { c.realNamed("p") }, func() client.ApplyBindBankCardRequest {
			r := applyCard("p", cardABC)
			r.IdentityNo = otherID
			return r
		}, "30009"},
		{"credit card without cvv2", func(c *memberClient) { c.realNamed("p") }, func() client.ApplyBindBankCardRequest {
			r := applyCard("p", cardCredit)
			r.Validate = "1228"
			return r
		}, "10001"},
		{"credit card as safe card", func(c *memberClient) { c.realNamed("p") }, func() client.ApplyBindBankCardRequest {
			r := applyCard("p", cardCredit)
			r.Validate, r.CVV2, r.IsSafeCard = "1228", "123", true
			return r
		}, "30025"},
		{"a second safe card", func(c *memberClient) {
			c.realNamed("p")
			r := applyCard("p", cardABC)
			r.IsSafeCard = true
			c.withCard(r)
		}, func() client.ApplyBindBankCardRequest {
			r := applyCard("p", cardICBC)
			r.IsSafeCard = true
			return r
		}, "30026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := members(t)
			tc.setup(c)
			_, err := c.ApplyBindBankCard(c.ctx, tc.req())
			assert.Equal(t, tc.want, apiCode(t, err))
		})
	}
}

func TestBindBankCardErrors(t *testing.T) {
	e, c := members(t)
	c.realNamed("p")
	ap, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardABC))
	require.NoError(t, err)
	bind := func(tranceNum, transDate, phone, code string) error {
		_, err := c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", TranceNum: tranceNum,
			TransDate: transDate, Phone: phone, VerificationCode: code})
		return err
	}
	assert.Equal(t, "30016", apiCode(t, bind("1000000000000000000", "", phoneB, smsCode)), "unknown tranceNum")
	assert.Equal(t, "30016", apiCode(t, bind(ap.TranceNum, "20261127", phoneB, smsCode)), "another transDate")
	assert.Equal(t, "10000", apiCode(t, bind(ap.TranceNum, "", phoneA, smsCode)), "another phone than applied with")
	assert.Equal(t, "20011", apiCode(t, bind(ap.TranceNum, "", phoneB, "000000")), "wrong code")
	require.NoError(t, bind(ap.TranceNum, "", phoneB, smsCode), "the wrong code can be retyped")
	assert.Equal(t, "30016", apiCode(t, bind(ap.TranceNum, "", phoneB, smsCode)), "a tranceNum is used once")

	late, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardICBC))
	require.NoError(t, err)
	e.Clock.Advance(16 * time.Minute)
	assert.Equal(t, "30016", apiCode(t, bind(late.TranceNum, "", phoneB, smsCode)), "expired after 15 minutes")
}

// TestBindBankCardWithoutTranceNum: tranceNum is optional (PROTOCOL.md §7);
// without it the latest pending application for the phone is confirmed,
// and with none pending the answer is 30016.
func TestBindBankCardWithoutTranceNum(t *testing.T) {
	e, c := members(t)
	c.realNamed("p")
	bind := func(phone, transDate string) (*client.BindBankCardResponse, error) { // tranceNum ""
		return c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", TransDate: transDate, Phone: phone,
			VerificationCode: smsCode})
	}
	_, err := c.Call(c.ctx, "MemberService", "bindBankCard", map[string]any{"bizUserId": "p", "phone": phoneB,
		"verificationCode": smsCode})
	assert.Equal(t, "30016", apiCode(t, err), "nothing pending, tranceNum absent")
	_, err = bind(phoneB, "")
	assert.Equal(t, "30016", apiCode(t, err), "nothing pending, tranceNum empty")

	first, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardABC))
	require.NoError(t, err)
	e.Clock.Advance(time.Minute)
	second, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardICBC))
	require.NoError(t, err)
	_, err = bind(phoneA, "")
	assert.Equal(t, "30016", apiCode(t, err), "nothing pending for another phone")
	_, err = bind(phoneB, "20261127")
	assert.Equal(t, "30016", apiCode(t, err), "nothing pending on another transDate")

	for _, want := range []*client.ApplyBindBankCardResponse{second, first} {
		got, err := bind(phoneB, "")
		require.NoError(t, err)
		assert.Equal(t, client.BindBankCardResponse{BizUserID: "p", TranceNum: want.TranceNum, TransDate: want.TransDate}, *got,
			"the latest pending application first")
	}
	_, err = bind(phoneB, "")
	assert.Equal(t, "30016", apiCode(t, err), "both used")

	third, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardCCB))
	require.NoError(t, err)
	raw, err := c.Call(c.ctx, "MemberService", "bindBankCard", map[string]any{"bizUserId": "p", "phone": phoneB,
		"verificationCode": smsCode})
	require.NoError(t, err, "tranceNum absent from the param")
	assert.JSONEq(t, `{"bizUserId":"p","tranceNum":"`+third.TranceNum+`","transDate":"20261128"}`, string(raw))

	list, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "p"})
	require.NoError(t, err)
	var bound []string
	for _, b := range list.BindCardList {
		bound = append(bound, b.BankCardNo)
	}
	assert.ElementsMatch(t, []string{cardABC, cardICBC, cardCCB}, bound)
}

// TestBindBankCardRace: two applications for one card; the second
// confirmation finds the card bound.
func TestBindBankCardRace(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	first, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardABC))
	require.NoError(t, err)
	second, err := c.ApplyBindBankCard(c.ctx, applyCard("p", cardABC))
	require.NoError(t, err)
	for i, ap := range []*client.ApplyBindBankCardResponse{first, second} {
		_, err := c.BindBankCard(c.ctx, client.BindBankCardRequest{BizUserID: "p", TranceNum: ap.TranceNum, Phone: phoneB, VerificationCode: smsCode})
		if i == 0 {
			require.NoError(t, err)
		} else {
			assert.Equal(t, "30017", apiCode(t, err))
		}
	}
}

func TestQueryBankCard(t *testing.T) {
	e, c := members(t)
	c.realNamed("p")
	c.withCard(applyCard("p", cardICBC))
	e.Clock.Advance(time.Minute)
	c.withCard(applyCard("p", cardABC))

	all, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "p"})
	require.NoError(t, err)
	require.Len(t, all.BindCardList, 2)
	assert.Equal(t, []string{cardICBC, cardABC}, []string{all.BindCardList[0].BankCardNo, all.BindCardList[1].BankCardNo}, "oldest first")
	assert.Equal(t, "2026-11-28 12:01:00", all.BindCardList[1].BindTime)

	one, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "p", CardNo: cardABC})
	require.NoError(t, err)
	require.Len(t, one.BindCardList, 1)
	assert.Equal(t, cardABC, one.BindCardList[0].BankCardNo)
	none, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "p", CardNo: cardCCB})
	require.NoError(t, err)
	assert.Empty(t, none.BindCardList)

	c.person("nocards")
	empty, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "nocards"})
	require.NoError(t, err)
	assert.NotNil(t, empty.BindCardList, "an empty list, not null")
}

// TestQueryBankCardEncryptedOnTheWire: bankCardNo is ciphertext, the rest
// keeps its JSON types.
func TestQueryBankCardEncryptedOnTheWire(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	c.withCard(applyCard("p", cardABC))
	raw, err := c.Call(c.ctx, "MemberService", "queryBankCard", map[string]any{"bizUserId": "p"})
	require.NoError(t, err)
	var v struct {
		BindCardList []map[string]json.RawMessage `json:"bindCardList"`
	}
	require.NoError(t, json.Unmarshal(raw, &v))
	require.Len(t, v.BindCardList, 1)
	item := v.BindCardList[0]
	assert.NotContains(t, string(raw), cardABC)
	assert.Equal(t, "1", string(item["cardType"]))
	assert.Equal(t, "1", string(item["bindState"]))
	assert.Equal(t, "false", string(item["isSafeCard"]))
}

func TestUnbindBankCardAndSafeCard(t *testing.T) {
	_, c := members(t)
	c.realNamed("p")
	c.withCard(applyCard("p", cardABC))
	c.withCard(applyCard("p", cardICBC))
	credit := applyCard("p", cardCredit)
	credit.Validate, credit.CVV2 = "1228", "123"
	c.withCard(credit)

	unbind := func(cardNo string) error {
		_, err := c.UnbindBankCard(c.ctx, client.CardRequest{BizUserID: "p", CardNo: cardNo})
		return err
	}
	safe := func(cardNo string) error {
		_, err := c.SetSafeCard(c.ctx, client.CardRequest{BizUserID: "p", CardNo: cardNo})
		return err
	}
	assert.Equal(t, "30045", apiCode(t, safe(cardCCB)), "not bound")
	assert.Equal(t, "30025", apiCode(t, safe(cardCredit)), "a credit card")
	got, err := c.SetSafeCard(c.ctx, client.CardRequest{BizUserID: "p", CardNo: cardABC})
	require.NoError(t, err)
	assert.Equal(t, client.CardResponse{BizUserID: "p", CardNo: cardABC}, *got)
	assert.NoError(t, safe(cardABC), "setting the same safe card again")
	assert.Equal(t, "30026", apiCode(t, safe(cardICBC)), "another safe card")

	assert.Equal(t, "30027", apiCode(t, unbind(cardABC)), "the safe card")
	assert.Equal(t, "30045", apiCode(t, unbind(cardCCB)), "not bound")
	gone, err := c.UnbindBankCard(c.ctx, client.CardRequest{BizUserID: "p", CardNo: cardICBC})
	require.NoError(t, err)
	assert.Equal(t, client.CardResponse{BizUserID: "p", CardNo: cardICBC}, *gone, "cardNo decrypted")
	assert.Equal(t, "30045", apiCode(t, unbind(cardICBC)), "unbound already")

	list, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "p"})
	require.NoError(t, err)
	safeOf := map[string]bool{}
	for _, card := range list.BindCardList {
		safeOf[card.BankCardNo] = card.IsSafeCard
	}
	assert.Equal(t, map[string]bool{cardABC: true, cardCredit: false}, safeOf)
}

// TestEnterpriseBindsLegalRepresentativeCard: an approved enterprise binds a
// card of its legal representative; queryBankCard lists its corporate
// account first, bound by the audit (spec §5.7: bindMethod 0, bankCardPro
// 1, its bank, branch and unionBank from setCompanyInfo, §5.4: bankName is
// the parentBankName sent, not the BIN table's short name).
func TestEnterpriseBindsLegalRepresentativeCard(t *testing.T) {
	_, c := members(t)
	c.approved("e")
	req := applyCard("e", cardABC)
	req.IdentityNo = legalID
	c.withCard(req)
	list, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "e"})
	require.NoError(t, err)
	require.Len(t, list.BindCardList, 2)
	corp := list.BindCardList[0]
	assert.Equal(t, client.BoundCard{BankCardNo: "6222020000000000099", BankName: "中国工商银行", BindTime: corp.BindTime,
		CardType: client.CardDebit, BindState: 1, BindMethod: 0, BankCardPro: 1, UnionBank: companyUnionBank,
		BranchBankName: companyBankName}, corp)
	assert.NotEmpty(t, corp.BindTime)
	assert.Equal(t, cardABC, list.BindCardList[1].BankCardNo)
	assert.Equal(t, 0, list.BindCardList[1].BankCardPro)

	only, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "e", CardNo: "6222020000000000099"})
	require.NoError(t, err)
	assert.Equal(t, []client.BoundCard{corp}, only.BindCardList, "asked by its number")

	// listed as bound, so not 30045 该银行卡未绑定: the audit bound it, and it is changed off line
	// (§4.1.10 note 4; an enterprise needs no safe card, §4.1.12 note 2)
	_, err = c.UnbindBankCard(c.ctx, client.CardRequest{BizUserID: "e", CardNo: corp.BankCardNo})
	assert.Equal(t, "30015", apiCode(t, err), "unbinding the corporate account")
	_, err = c.SetSafeCard(c.ctx, client.CardRequest{BizUserID: "e", CardNo: corp.BankCardNo})
	assert.Equal(t, "30028", apiCode(t, err), "the corporate account as safe card")
}
