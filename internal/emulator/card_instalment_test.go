package emulator

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// instalmentCard is one row of the test data of spec §5.2's 小通分期
// (lines 12172-12217), with the bank tsymock's BIN table gives its BIN.
type instalmentCard struct {
	name, identityNo, cardNo, validate, cvv2 string
	bin, bankName, cardName, bankCode        string
	length                                   int64
}

// specInstalmentCards are spec §5.2's 小通分期 test cards as the table
// gives them (姓名, 持卡人身份证号, 信用卡号, 有效期, CVN2; the 初始额度 is
// not used). It gives no phone: 测试时手机号请填写自己的手机号码.
func specInstalmentCards() []instalmentCard {
	const icbc, ccb, cmb, abc = "01020000", "01050000", "03080000", "01030000"
	return []instalmentCard{
		{"王丹", "330900198809187124", "370248192322610", "0822", "167", "370248", "工商银行", "牡丹运通卡", icbc, 15},
		{"李刚", "330201199608164113", "370248476988912", "0722", "245", "370248", "工商银行", "牡丹运通卡", icbc, 15},
		{"李丹", "533325198401107164", "3568804670613413", "0622", "316", "356880", "工商银行", "牡丹JCB信用卡", icbc, 16},
		{"李萍", "440783198511207191", "3568805952321414", "1122", "447", "356880", "工商银行", "牡丹JCB信用卡", icbc, 16},
		{"王鹏", "440305197608076196", "4367484351538915", "0222", "507", "436748", "建设银行", "龙卡信用卡", ccb, 16},
		{"刘涛", "433100199201120156", "4367482248519416", "1122", "181", "436748", "建设银行", "龙卡信用卡", ccb, 16},
		{"陈伟", "430701198412164193", "4367482364371517", "0422", "315", "436748", "建设银行", "龙卡信用卡", ccb, 16},
		{"张华", "320411197403034166", "5187183912607018", "1022", "235", "518718", "招商银行", "招商银行信用卡", cmb, 16},
		{"刘静", "530402199106083182", "5187185946559119", "0422", "335", "518718", "招商银行", "招商银行信用卡", cmb, 16},
		{"李涛", "22030119650628310X", "5187186653521420", "0522", "483", "518718", "招商银行", "招商银行信用卡", cmb, 16},
		{"王桂英", "340828198510206127", "6259983921622221", "0122", "504", "625998", "农业银行", "金穗信用卡", abc, 16},
		{"张秀兰", "131124198607257180", "6259985385514822", "0222", "633", "625998", "农业银行", "金穗信用卡", abc, 16},
		{"李红", "340603199402064199", "6259986239281023", "0322", "790", "625998", "农业银行", "金穗信用卡", abc, 16},
		{"李超", "23071519920323412X", "6259983790372424", "0422", "138", "625998", "农业银行", "金穗信用卡", abc, 16},
	}
}

// TestSpecInstalmentCardsAreTheEmulators: the cards the emulator takes as
// test cards are the spec's table, no more and no fewer.
func TestSpecInstalmentCardsAreTheEmulators(t *testing.T) {
	var nos []string
	for _, c := range specInstalmentCards() {
		nos = append(nos, c.cardNo)
	}
	assert.ElementsMatch(t, nos, instalmentCards())
}

// instalmentCall runs a call of application "a" as an SDK sends it,
// answering its outcome with its notes.
func instalmentCall(t *testing.T, e *Emulator, service, method string, p map[string]any) Outcome {
	t.Helper()
	var fields []soa.Param
	if m, serr := soa.DefaultCatalogue().Lookup(service, method); serr == nil {
		fields = m.Params
	}
	return e.Call(context.Background(), Request{SysID: "a", Service: service, Method: method, Param: p, Fields: fields})
}

// instalmentHolder makes the card's holder a member "h" of application
// "a", real-named as the table names it, with a phone bound (a payer needs
// one, spec §4.2.1 三 note), and binds the card with cardCheck cc (6 or 7:
// 支持绑定贷记卡的绑卡方式，如通联通协议签约、收银宝快捷签约, §5.2 line 12157)
// and its validity and CVN2. When portable, every call must pass without
// a note. It answers applyBindBankCard's answer.
func instalmentHolder(t *testing.T, e *Emulator, c instalmentCard, cc int64, portable bool) map[string]any {
	t.Helper()
	holderMember(t, e, c, portable)
	applied := holderCall(t, e, portable, "applyBindBankCard", map[string]any{"bizUserId": "h", "cardNo": c.cardNo,
		"phone": "13800000011", "name": c.name, "identityType": 1, "identityNo": c.identityNo, "cardCheck": cc,
		"validate": c.validate, "cvv2": c.cvv2})
	holderCall(t, e, portable, "bindBankCard", map[string]any{"bizUserId": "h", "tranceNum": applied["tranceNum"],
		"transDate": applied["transDate"], "phone": "13800000011", "verificationCode": "111111", "validate": c.validate,
		"cvv2": c.cvv2})
	return applied
}

// holderMember makes the member "h" of the card's holder, with a phone.
func holderMember(t *testing.T, e *Emulator, c instalmentCard, portable bool) {
	t.Helper()
	holderCall(t, e, portable, "createMember", map[string]any{"bizUserId": "h", "memberType": 3, "source": 2})
	holderCall(t, e, portable, "sendVerificationCode", map[string]any{"bizUserId": "h", "phone": "13800000011",
		"verificationCodeType": 9})
	holderCall(t, e, portable, "bindPhone", map[string]any{"bizUserId": "h", "phone": "13800000011", "verificationCode": "111111"})
	holderCall(t, e, portable, "setRealName", map[string]any{"bizUserId": "h", "name": c.name, "identityType": 1,
		"identityNo": c.identityNo})
}

// holderCall runs a MemberService call that must succeed, without a note
// when portable.
func holderCall(t *testing.T, e *Emulator, portable bool, method string, p map[string]any) map[string]any {
	t.Helper()
	out := instalmentCall(t, e, soa.MemberService, method, p)
	require.Nil(t, out.Err, "%s: %v", method, out.Err)
	if portable {
		assert.Empty(t, out.Portability, "%s: the spec's own data is portable", method)
	}
	return out.Value
}

// instalmentOrder is a depositApply of amount fen by InstallmentPayment_H5
// with cardNo, 3 instalments on wap, returning to a frontUrl.
func instalmentOrder(bizOrderNo, cardNo string, amount int64) map[string]any {
	return map[string]any{"bizUserId": "h", "accountSetNo": "200126", "bizOrderNo": bizOrderNo, "amount": amount, "fee": 0,
		"frontUrl": "http://merchant.test/front", "backUrl": "http://merchant.test/notify", "validateType": 0,
		"payMethod": map[string]any{"InstallmentPayment_H5": map[string]any{"nper": 3, "channel": 1, "amount": amount,
			"bankCardNo": cardNo}},
		"industryCode": "1910", "industryName": "其他", "source": 2}
}

// TestSpecInstalmentCards: every test card of spec §5.2's 小通分期 is a
// credit card (getBankCardBin cardType 2, 信用卡) of the bank its BIN
// belongs to, binds with the table's holder, validity and CVN2 by
// cardCheck 6 or 7, and pays an instalment order that is confirmed on its
// page: all without a note, under --strict too. The 15-digit American
// Express numbers pass the card-number checks.
func TestSpecInstalmentCards(t *testing.T) {
	for _, c := range specInstalmentCards() {
		for _, cc := range []int64{checkVspQuick, checkAgreement} {
			t.Run(fmt.Sprintf("%s cardCheck %d", c.name, cc), func(t *testing.T) {
				e := newStrict()
				bin := instalmentCall(t, e, soa.MemberService, "getBankCardBin", map[string]any{"cardNo": c.cardNo})
				require.Nil(t, bin.Err, "%v", bin.Err)
				assert.Empty(t, bin.Portability)
				assert.Equal(t, map[string]any{"cardBin": c.bin, "cardType": int64(cardCredit), "bankCode": c.bankCode,
					"bankName": c.bankName, "cardName": c.cardName, "cardLenth": c.length, "cardState": 1,
					"cardTypeLabel": "信用卡"}, bin.Value["cardBinInfo"])

				applied := instalmentHolder(t, e, c, cc, true)
				assert.Equal(t, []any{int64(cardCredit), c.bankName, c.bankCode},
					[]any{applied["cardType"], applied["bankName"], applied["bankCode"]})

				out := instalmentCall(t, e, soa.OrderService, "depositApply", instalmentOrder("i1", c.cardNo, instalmentMin))
				require.Nil(t, out.Err, "%v", out.Err)
				assert.Empty(t, out.Portability)
				assert.Contains(t, out.Value["payInfo"], "/yungateway/frontTrans.do?orderNo=")
				_, serr := e.ConfirmOrder("a", "i1")
				require.Nil(t, serr, "%v", serr)
				evs := e.PendingEvents("a")
				require.NotEmpty(t, evs)
				assert.Equal(t, []any{EventOK, "i1"}, []any{evs[len(evs)-1].Status, evs[len(evs)-1].ReturnValue["bizOrderNo"]})
			})
		}
	}
}

// TestSpecInstalmentCardNeedsItsValidityAndCVN2: a credit card binds by
// cardCheck 7 with its validity and CVN2 (10001 without either, §4.1.10),
// by cardCheck 6 with one of them at least (§6.18); it cannot be the safe
// card (30025), nor bound by cardCheck 1, which binds debit cards (40012).
func TestSpecInstalmentCardNeedsItsValidityAndCVN2(t *testing.T) {
	wd := specInstalmentCards()[0]
	for _, tc := range []struct {
		name      string
		cardCheck int64
		drop      []string
		safe      bool
		code      string
	}{
		{"cardCheck 7 without validate", checkVspQuick, []string{"validate"}, false, "10001"},
		{"cardCheck 7 without cvv2", checkVspQuick, []string{"cvv2"}, false, "10001"},
		{"cardCheck 6 with cvv2 alone", checkAgreement, []string{"validate"}, false, ""},
		{"cardCheck 6 with neither", checkAgreement, []string{"validate", "cvv2"}, false, "10001"},
		{"as the safe card", checkVspQuick, nil, true, "30025"},
		{"cardCheck 1 binds debit cards only", checkAccountThree, nil, false, "40012"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTest()
			holderMember(t, e, wd, true)
			p := map[string]any{"bizUserId": "h", "cardNo": wd.cardNo, "phone": "13800000011", "name": wd.name,
				"identityType": 1, "identityNo": wd.identityNo, "cardCheck": tc.cardCheck, "validate": wd.validate,
				"cvv2": wd.cvv2, "isSafeCard": tc.safe}
			for _, k := range tc.drop {
				delete(p, k)
			}
			out := instalmentCall(t, e, soa.MemberService, "applyBindBankCard", p)
			if tc.code == "" {
				require.Nil(t, out.Err, "%v", out.Err)
				assert.Equal(t, int64(cardCredit), out.Value["cardType"])
				return
			}
			require.NotNil(t, out.Err)
			assert.Equal(t, tc.code, out.Err.Code, out.Err.Message)
		})
	}
}

// TestInstalmentAmountRange: spec §5.2 gives 小通分期 600 to 50,000 yuan
// (line 12169; the request table, line 11123, for production): an amount
// outside passes with an instalment-amount note, and --strict refuses it
// with 40020 订单金额错误 leaving no order.
func TestInstalmentAmountRange(t *testing.T) {
	wd := specInstalmentCards()[0]
	for _, tc := range []struct {
		amount int64
		noted  bool
	}{
		{100, true}, {59_999, true}, {60_000, false}, {5_000_000, false}, {5_000_001, true},
	} {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d fen strict %v", tc.amount, strict), func(t *testing.T) {
				e := newTestOrStrict(strict)
				instalmentHolder(t, e, wd, checkVspQuick, true)
				out := instalmentCall(t, e, soa.OrderService, "depositApply", instalmentOrder("i1", wd.cardNo, tc.amount))
				switch {
				case !tc.noted:
					require.Nil(t, out.Err, "%v", out.Err)
					assert.Empty(t, out.Portability)
				case strict:
					require.NotNil(t, out.Err)
					assert.Equal(t, "40020", out.Err.Code)
					assert.Contains(t, out.Err.Message, "600~50000 元")
					assert.Contains(t, out.Err.Message, "rule "+RuleInstalmentAmount)
					assert.Empty(t, e.Orders("a"), "a refused apply leaves no order")
				default:
					require.Nil(t, out.Err, "%v", out.Err)
					require.Len(t, out.Portability, 1)
					assert.Equal(t, []string{RuleInstalmentAmount, "40020"}, []string{out.Portability[0].Rule, out.Portability[0].Code})
					assert.Contains(t, out.Portability[0].Message, fmt.Sprintf("pays %d fen", tc.amount))
				}
			})
		}
	}
}

// TestInstalmentLogReplaysAsAnswered: a data dir's log written before
// RulesDec2026c replays as it was answered: the spec's instalment card was
// bound as a debit card of tsymock's test bank, so its instalment order was
// 30040; with --strict, cardCheck 6 refused it as no 622848/622849 card
// (30049), and an instalment of 1 yuan passed without a note. Today the card
// is a credit card, the order is made, and the 1 yuan is noted.
func TestInstalmentLogReplaysAsAnswered(t *testing.T) {
	wd := specInstalmentCards()[0]
	for _, tc := range []struct {
		name   string
		rules  int
		strict bool
		check  func(t *testing.T, e *Emulator)
	}{
		{"a log of RulesDec2026b", RulesDec2026b, false, func(t *testing.T, e *Emulator) {
			require.Equal(t, int64(cardDebit), cardTypeOf(t, e, wd.cardNo))
			out := instalmentCall(t, e, soa.OrderService, "depositApply", instalmentOrder("i1", wd.cardNo, instalmentMin))
			require.NotNil(t, out.Err)
			assert.Equal(t, "30040", out.Err.Code)
		}},
		{"a strict log of RulesDec2026b", RulesDec2026b, true, func(t *testing.T, e *Emulator) {
			lg := specInstalmentCards()[1] // 李刚's, a second card of 王丹's
			out := instalmentCall(t, e, soa.MemberService, "applyBindBankCard", map[string]any{"bizUserId": "h",
				"cardNo": lg.cardNo, "phone": "13800000011", "name": wd.name, "identityType": 1, "identityNo": wd.identityNo,
				"cardCheck": checkAgreement, "validate": lg.validate, "cvv2": lg.cvv2})
			require.NotNil(t, out.Err)
			assert.Equal(t, "30049", out.Err.Code)
		}},
		{"a strict log of RulesDec2026b, 1 yuan", RulesDec2026b, true, func(t *testing.T, e *Emulator) {
			addCreditCard(t, e)
			out := instalmentCall(t, e, soa.OrderService, "depositApply", instalmentOrder("i1", ccbCredit, 100))
			require.Nil(t, out.Err, "%v", out.Err)
			assert.Empty(t, out.Portability)
			_, serr := e.ConfirmOrder("a", "i1") // paid, as a pending order's view follows the clock
			require.Nil(t, serr, "%v", serr)
		}},
		{"today", RulesCurrent, false, func(t *testing.T, e *Emulator) {
			require.Equal(t, int64(cardCredit), cardTypeOf(t, e, wd.cardNo))
			out := instalmentCall(t, e, soa.OrderService, "depositApply", instalmentOrder("i1", wd.cardNo, 100))
			require.Nil(t, out.Err, "%v", out.Err)
			require.Len(t, out.Portability, 1)
			assert.Equal(t, RuleInstalmentAmount, out.Portability[0].Rule)
			_, serr := e.ConfirmOrder("a", "i1")
			require.Nil(t, serr, "%v", serr)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &memLog{}
			e := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
				Recorder: l, Strict: tc.strict})
			e.answerAs = tc.rules
			instalmentHolder(t, e, wd, checkVspQuick, false)
			tc.check(t, e)
			r := l.replayInto(t) // fails on a divergence
			assert.Equal(t, snapshot(e, "a"), snapshot(r, "a"))
		})
	}
}

// addCreditCard binds ccbCredit, a credit card under every generation, to
// "h" (real-named as 王丹) by cardCheck 7, which no generation notes.
func addCreditCard(t *testing.T, e *Emulator) {
	t.Helper()
	wd := specInstalmentCards()[0]
	out := instalmentCall(t, e, soa.MemberService, "applyBindBankCard", map[string]any{"bizUserId": "h", "cardNo": ccbCredit,
		"phone": "13800000011", "name": wd.name, "identityType": 1, "identityNo": wd.identityNo, "cardCheck": checkVspQuick,
		"validate": "1228", "cvv2": "123"})
	require.Nil(t, out.Err, "%v", out.Err)
	out = instalmentCall(t, e, soa.MemberService, "bindBankCard", map[string]any{"bizUserId": "h", "tranceNum": out.Value["tranceNum"],
		"transDate": out.Value["transDate"], "phone": "13800000011", "verificationCode": "111111"})
	require.Nil(t, out.Err, "%v", out.Err)
}

// cardTypeOf is the type of the card h bound, as queryBankCard answers it.
func cardTypeOf(t *testing.T, e *Emulator, cardNo string) int64 {
	t.Helper()
	out := instalmentCall(t, e, soa.MemberService, "queryBankCard", map[string]any{"bizUserId": "h", "cardNo": cardNo})
	require.Nil(t, out.Err, "%v", out.Err)
	list, _ := out.Value["bindCardList"].([]any)
	require.Len(t, list, 1, "%v", out.Value)
	item, _ := list[0].(map[string]any)
	return asInt(item["cardType"])
}
