package emulator

import (
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// Card types of getBankCardBin and queryBankCard.
const (
	cardDebit  = 1
	cardCredit = 2
)

// cardBin is one row of the BIN table.
type cardBin struct {
	prefix   string
	cardType int64
	bankCode string // the platform's 8-digit bank code
	bankName string
	cardName string
	length   int64
}

// cardBins is a small BIN table with the cards merchants test with. It is
// not the platform's table: a card of another bank is 30049, and a scenario
// can answer getBankCardBin for it instead.
func cardBins() []cardBin {
	return []cardBin{
		{"622848", cardDebit, "01030000", "中国农业银行", "金穗通宝卡", 19},
		{"622849", cardDebit, "01030000", "中国农业银行", "金穗通宝卡", 19},
		{"622202", cardDebit, "01020000", "中国工商银行", "牡丹灵通卡", 19},
		{"621700", cardDebit, "01050000", "中国建设银行", "龙卡储蓄卡", 19},
		{"623668", cardDebit, "01050000", "中国建设银行", "龙卡通", 19},
		{"622588", cardDebit, "03080000", "招商银行", "一卡通", 16},
		{"6217", cardDebit, "01040000", "中国银行", "长城借记卡", 19},
		{"436742", cardCredit, "01050000", "中国建设银行", "龙卡信用卡", 16},
		{"622575", cardCredit, "03080000", "招商银行", "招商银行信用卡", 16},
	}
}

// lookupBin finds the longest BIN that prefixes cardNo, or 30049 naming the
// first six digits only (a card number is not logged whole).
func lookupBin(cardNo string) (cardBin, *soa.Error) {
	var best cardBin
	for _, b := range cardBins() {
		if strings.HasPrefix(cardNo, b.prefix) && len(b.prefix) > len(best.prefix) {
			best = b
		}
	}
	if best.prefix == "" || !allDigits(cardNo) {
		return cardBin{}, soa.Errorf("30049", "card %s: tsymock knows the BINs 622848, 622849, 622202, 621700, "+
			"623668, 622588, 6217, 436742 (credit) and 622575 (credit)", cardHint(cardNo))
	}
	return best, nil
}

// getBankCardBin answers the bank of a card number.
func getBankCardBin(_ *app, p params) (map[string]any, *soa.Error) {
	b, serr := lookupBin(p.str("cardNo"))
	if serr != nil {
		return nil, serr
	}
	return map[string]any{"cardBinInfo": map[string]any{
		"cardBin": b.prefix, "cardType": b.cardType, "bankCode": b.bankCode, "bankName": b.bankName,
		"cardName": b.cardName, "cardLenth": b.length, "cardState": 1,
	}}, nil
}

// cardHint shows a card number as its BIN and last four digits, the most a
// message or a log line may hold.
func cardHint(no string) string {
	if len(no) < 10 {
		return strings.Repeat("*", len(no))
	}
	return no[:6] + strings.Repeat("*", len(no)-10) + no[len(no)-4:]
}
