package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLookupBin(t *testing.T) {
	for _, tc := range []struct {
		name, cardNo     string
		bin, bank, code  string
		cardType, length int64
		rules            int // RulesCurrent when 0
	}{
		{"known debit", "6228480000000000001", "622848", "农业银行", "01030000", cardDebit, 19, 0},
		{"known credit", "4367420000000004", "436742", "建设银行", "01050000", cardCredit, 16, 0},
		{"a real card bound on the test environment", "6214850212342516", "621485", "招商银行", "03080000", cardDebit, 16, 0},
		{"the longest BIN wins", "6217000000000000003", "621700", "建设银行", "01050000", cardDebit, 19, 0},
		{"a short BIN", "6217850000000000006", "6217", "中国银行", "01040000", cardDebit, 19, 0},
		{"unknown BIN: the test bank", "6214830000000001", "621483", testBankName, testBankCode, cardDebit, 16, 0},
		{"unknown BIN of 19 digits", "9999990000000000009", "999999", testBankName, testBankCode, cardDebit, 19, 0},
		{"12 digits, the shortest", "123456789012", "123456", testBankName, testBankCode, cardDebit, 12, 0},
		{"a 0 that is not the reserved BIN", "0000010000000000", "000001", testBankName, testBankCode, cardDebit, 16, 0},
		// spec §5.2's 小通分期 test cards (lines 12172-12217), credit cards since RulesDec2026c
		{"§5.2 American Express, 15 digits", "370248192322610", "370248", "工商银行", "01020000", cardCredit, 15, 0},
		{"§5.2 JCB", "3568804670613413", "356880", "工商银行", "01020000", cardCredit, 16, 0},
		{"§5.2 Visa", "4367484351538915", "436748", "建设银行", "01050000", cardCredit, 16, 0},
		{"§5.2 MasterCard", "5187183912607018", "518718", "招商银行", "03080000", cardCredit, 16, 0},
		{"§5.2 UnionPay", "6259983921622221", "625998", "农业银行", "01030000", cardCredit, 16, 0},
		{"§5.2 card for an op of RulesDec2026b", "370248192322610", "370248", testBankName, testBankCode, cardDebit, 15, RulesDec2026b},
		{"an older op knows the older rows", "4367420000000004", "436742", "建设银行", "01050000", cardCredit, 16, RulesDec2026b},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rules := tc.rules
			if rules == 0 {
				rules = RulesCurrent
			}
			b, serr := lookupBin(tc.cardNo, rules)
			require.Nil(t, serr)
			assert.Equal(t, []any{tc.bin, tc.bank, tc.code, tc.cardType, tc.length},
				[]any{b.prefix, b.bankName, b.bankCode, b.cardType, b.length})
			assert.NotEmpty(t, b.cardName)
		})
	}
}

func TestLookupBinRefusals(t *testing.T) {
	for _, tc := range []struct{ name, cardNo, detail string }{
		{"empty", "", "got 0 characters"},
		{"11 digits", "62284800000", "got 11 characters"},
		{"20 digits", "62284800000000000001", "got 20 characters"},
		{"dashes", "6228-4800-0000-0000", "0-9 only"},
		{"a space", "6228480000000000 01", "0-9 only"},
		{"full-width digits", "６２２８４８００００００００", "0-9 only"},
		{"the reserved BIN", "0000001234567890123", "answered 30049 on purpose"},
		{"the reserved BIN, 12 digits", "000000123456", "answered 30049 on purpose"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, serr := lookupBin(tc.cardNo, RulesCurrent)
			require.NotNil(t, serr)
			assert.Equal(t, "30049", serr.Code)
			assert.Contains(t, serr.Message, tc.detail)
			if tc.cardNo != "" {
				assert.NotContains(t, serr.Message, tc.cardNo, "a card number is never repeated whole")
			}
		})
	}
}

// TestGetBankCardBinShape: an unknown BIN is answered in the same shape
// and types as a known one.
func TestGetBankCardBinShape(t *testing.T) {
	e := newTest()
	for _, tc := range []struct {
		cardNo string
		want   map[string]any
	}{
		{"6222020000000000002", map[string]any{"cardBin": "622202", "cardType": int64(cardDebit), "bankCode": "01020000",
			"bankName": "工商银行", "cardName": "牡丹灵通卡", "cardLenth": int64(19), "cardState": 1, "cardTypeLabel": "借记卡"}},
		{"6214830000000001", map[string]any{"cardBin": "621483", "cardType": int64(cardDebit), "bankCode": "99990000",
			"bankName": "tsymock 测试银行", "cardName": "tsymock 测试借记卡", "cardLenth": int64(16), "cardState": 1, "cardTypeLabel": "借记卡"}},
	} {
		got, serr := memberCall(t, e, "a", "getBankCardBin", map[string]any{"cardNo": tc.cardNo})
		require.Nil(t, serr, tc.cardNo)
		assert.Equal(t, map[string]any{"cardBinInfo": tc.want}, got, tc.cardNo)
	}
	_, serr := memberCall(t, e, "a", "getBankCardBin", map[string]any{"cardNo": "0000000000000000"})
	assert.Equal(t, "30049", errCode(serr))
}
