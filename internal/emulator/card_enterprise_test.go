package emulator

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestEnterpriseCards: an enterprise binds one personal card of its legal
// representative at most, and does not unbind it through the API (spec
// §4.1.10 note 4).
func TestEnterpriseCards(t *testing.T) {
	const corporateNo = "6228480000000000000" // reserveMember's setCompanyInfo accountNo
	e := newTest()
	reserveMember(t, e, "corp", "6228480000000000063")
	second := map[string]any{"bizUserId": "corp", "cardNo": "6228480000000000071", "phone": "13800000002",
		"name": "张三", "identityType": 1, "identityNo": "110101199001011237", "cardCheck": 1}
	tests := []struct {
		name, method string
		param        map[string]any
		code, says   string
	}{
		{"a second card", "applyBindBankCard", second, "30014", "one personal card"},
		{"unbinding its card", "unbindBankCard", map[string]any{"bizUserId": "corp", "cardNo": "6228480000000000063"},
			"30015", "not unbound through the API"},
		// queryBankCard lists the corporate account as bound, so it is not 30045 该银行卡未绑定
		{"unbinding its corporate account", "unbindBankCard", map[string]any{"bizUserId": "corp", "cardNo": corporateNo},
			"30015", "the corporate account of enterprise"},
		{"its corporate account as its safe card (§4.1.12 note 2)", "setSafeCard",
			map[string]any{"bizUserId": "corp", "cardNo": corporateNo}, "30028", "changed off line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, serr := memberCall(t, e, "app", tt.method, tt.param)
			require.NotNil(t, serr)
			assert.Equal(t, tt.code, serr.Code)
			assert.Contains(t, serr.Message, tt.says)
			assert.Contains(t, serr.Message, "spec §4.1.10 note 4")
			v, serr := memberCall(t, e, "app", "queryBankCard", map[string]any{"bizUserId": "corp"})
			require.Nil(t, serr)
			list := asList(v["bindCardList"])
			require.Len(t, list, 2, "its corporate account (bound by the audit), then its one card")
			assert.Equal(t, bankCardCorporate, list[0]["bankCardPro"])
			assert.Equal(t, "6228480000000000063", list[1]["bankCardNo"], "the enterprise keeps its one card")
		})
	}
}

// TestEnterpriseCardsConfirmed: the one-card rule (spec §4.1.10 note 4) is
// checked again when a binding is confirmed, so that two applications made
// before either is confirmed do not bind two cards.
func TestEnterpriseCardsConfirmed(t *testing.T) {
	const legal, legalID = "张三", "110101199001011237"
	e := newTest()
	_, serr := memberCall(t, e, "app", "createMember", map[string]any{"bizUserId": "corp", "memberType": 2, "source": 2})
	require.Nil(t, serr)
	_, serr = memberCall(t, e, "app", "setCompanyInfo", map[string]any{"bizUserId": "corp", "isAuth": true,
		"companyBasicInfo": map[string]any{"companyName": "甲公司", "legalName": legal, "identityType": 1, "legalIds": legalID,
			"legalPhone": "13800000000", "accountNo": "6228480000000000000", "parentBankName": "中国农业银行"}})
	require.Nil(t, serr)
	var tranceNums []any
	for _, cardNo := range []string{"6228480000000000121", "6228480000000000122"} {
		v, serr := memberCall(t, e, "app", "applyBindBankCard", map[string]any{"bizUserId": "corp", "cardNo": cardNo,
			"phone": "13800000002", "name": legal, "identityType": 1, "identityNo": legalID})
		require.Nil(t, serr, "nothing is bound yet: %v", serr)
		tranceNums = append(tranceNums, v["tranceNum"])
	}
	confirm := func(tranceNum any) *soa.Error {
		_, serr := memberCall(t, e, "app", "bindBankCard", map[string]any{"bizUserId": "corp", "tranceNum": tranceNum,
			"phone": "13800000002", "verificationCode": "111111"})
		return serr
	}
	require.Nil(t, confirm(tranceNums[0]))
	serr = confirm(tranceNums[1])
	require.NotNil(t, serr)
	assert.Equal(t, "30014", serr.Code)
	assert.Contains(t, serr.Message, "one personal card")
	assert.Contains(t, serr.Message, "spec §4.1.10 note 4")
	v, serr := memberCall(t, e, "app", "queryBankCard", map[string]any{"bizUserId": "corp"})
	require.Nil(t, serr)
	list := asList(v["bindCardList"])
	require.Len(t, list, 2, "its corporate account, then the one card confirmed first")
	assert.Equal(t, "6228480000000000121", list[1]["bankCardNo"])
}

// TestWithdrawalToACreditCard: a withdrawal goes to a bound debit card
// (spec §4.1.12), 30040 for a credit card.
func TestWithdrawalToACreditCard(t *testing.T) {
	e := newTest()
	market(t, e)
	_, serr := memberCall(t, e, "app", "applyBindBankCard", map[string]any{"bizUserId": "buyer", "cardNo": ccbCredit,
		"phone": "13800000002", "name": "李四", "identityType": 1, "identityNo": "11010119900307803X", "cardCheck": 8})
	require.Nil(t, serr, "%v", serr)
	out := call(t, e, "OrderService", "withdrawApply", strings.Replace(withdrawParams("w1", ""), "6228480000000000001", ccbCredit, 1))
	refused(t, out, "30040", "credit card", "spec §4.1.12")
	all, _ := balance(t, e, "buyer")
	assert.Equal(t, int64(100000), all, "nothing left")
}

// TestEnterpriseWithoutCompanyInfo: an enterprise that never called
// setCompanyInfo binds no card (30030 未设置企业信息, chapter 7's code for
// it, as the e-contract page answers); one that did, but is not approved,
// 30050. A log written before RulesDec2026c, which answered 30050 for
// both, replays as answered.
func TestEnterpriseWithoutCompanyInfo(t *testing.T) {
	card := map[string]any{"bizUserId": "corp", "cardNo": "6228480000000000063", "phone": "13800000002",
		"name": "张三", "identityType": 1, "identityNo": "110101199001011237", "cardCheck": 1}
	for _, tt := range []struct {
		name  string
		rules int
		code  string
	}{
		{"today", RulesCurrent, "30030"},
		{"a log of RulesDec2026b", RulesDec2026b, "30050"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := &memLog{}
			e := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1), Recorder: l})
			e.answerAs = tt.rules
			_, serr := memberCall(t, e, "a", "createMember", map[string]any{"bizUserId": "corp", "memberType": 2, "source": 2})
			require.Nil(t, serr)
			_, serr = memberCall(t, e, "a", "applyBindBankCard", card)
			require.NotNil(t, serr)
			assert.Equal(t, tt.code, serr.Code)
			r := l.replayInto(t) // fails on a divergence
			assert.Equal(t, snapshot(e, "a"), snapshot(r, "a"))
		})
	}
}
