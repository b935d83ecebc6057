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
	// since is the rules generation that added the row (0: from the
	// start): an op answered under an older one does not know it, so that
	// a kept state replays its bindings with the card type they had.
	since int
}

// cardBins is a small BIN table with the cards merchants test with. Banks
// are named short, as §6.13 names them and as the real test environment
// answers (622848: bankName 农业银行, cardName 金穗通宝卡(银联卡), in an answer
// quoted by public merchant code). It is not the platform's table: a card of another bank is answered as testBin,
// and a scenario can answer getBankCardBin for it instead.
//
// The rows since RulesDec2026c are the BINs of the test credit cards of
// spec §5.2's 小通分期 (InstallmentPayment_H5, lines 12172-12217: 王丹
// 370248192322610 and thirteen more, all 信用卡), which the method takes
// only once bound (需先绑定贷记卡再支付, line 12157): before, they were
// debit cards of testBin and the spec's own data was refused (30040). The
// issuers are those public BIN tables give: 370248 an ICBC American Express
// card of 15 digits, 356880 an ICBC JCB card, 436748 a CCB Visa, 518718 a
// CMB MasterCard, 625998 an ABC UnionPay credit card.
func cardBins() []cardBin {
	return []cardBin{
		{"622848", cardDebit, "01030000", "农业银行", "金穗通宝卡(银联卡)", 19, 0},
		{"622849", cardDebit, "01030000", "农业银行", "金穗通宝卡(银联卡)", 19, 0},
		{"622202", cardDebit, "01020000", "工商银行", "牡丹灵通卡", 19, 0},
		{"621700", cardDebit, "01050000", "建设银行", "龙卡储蓄卡", 19, 0},
		{"623668", cardDebit, "01050000", "建设银行", "龙卡通", 19, 0},
		{"622588", cardDebit, "03080000", "招商银行", "一卡通", 16, 0},
		{"621485", cardDebit, "03080000", "招商银行", "一卡通", 16, 0}, // bound on the real test environment in 2020 (cardCheck 7 takes real cards, §6.18)
		{"6217", cardDebit, "01040000", "中国银行", "长城借记卡", 19, 0},
		{"436742", cardCredit, "01050000", "建设银行", "龙卡信用卡", 16, 0},
		{"622575", cardCredit, "03080000", "招商银行", "招商银行信用卡", 16, 0},
		{"370248", cardCredit, "01020000", "工商银行", "牡丹运通卡", 15, RulesDec2026c},
		{"356880", cardCredit, "01020000", "工商银行", "牡丹JCB信用卡", 16, RulesDec2026c},
		{"436748", cardCredit, "01050000", "建设银行", "龙卡信用卡", 16, RulesDec2026c},
		{"518718", cardCredit, "03080000", "招商银行", "招商银行信用卡", 16, RulesDec2026c},
		{"625998", cardCredit, "01030000", "农业银行", "金穗信用卡", 16, RulesDec2026c},
	}
}

// The bank of every card whose BIN the table does not know: clearly not a
// real bank, so that nobody mistakes its answers for real data.
const (
	testBankCode = "99990000"
	testBankName = "tsymock 测试银行"
	testCardName = "tsymock 测试借记卡"
)

// unknownBinPrefix starts the card numbers tsymock answers 30049 for on
// purpose: no real BIN starts with it.
const unknownBinPrefix = "000000"

// Card numbers are 12 to 19 digits (ISO/IEC 7812).
const (
	minCardLen = 12
	maxCardLen = 19
)

// lookupBin finds the longest known BIN that prefixes cardNo, or else
// answers cardNo as a debit card of tsymock's test bank, so that a team's
// usual test card can be bound. 30049 is kept for what cannot be a card
// number and for unknownBinPrefix; it names the BIN and last four digits
// only (a card number is not logged whole). rules is the generation the op
// is answered under: the rows added after it are not known.
func lookupBin(cardNo string, rules int) (cardBin, *soa.Error) {
	if serr := checkCardNo(cardNo); serr != nil {
		return cardBin{}, serr
	}
	var best cardBin
	for _, b := range cardBins() {
		if rules >= b.since && strings.HasPrefix(cardNo, b.prefix) && len(b.prefix) > len(best.prefix) {
			best = b
		}
	}
	if best.prefix == "" {
		return testBin(cardNo), nil
	}
	return best, nil
}

// checkCardNo is 30049 for a number that is not 12 to 19 ASCII digits, or
// that starts with unknownBinPrefix.
func checkCardNo(cardNo string) *soa.Error {
	if len(cardNo) < minCardLen || len(cardNo) > maxCardLen || !allDigits(cardNo) {
		return soa.Errorf("30049", "card %s: a card number is %d to %d digits (0-9 only), got %d characters",
			cardHint(cardNo), minCardLen, maxCardLen, len(cardNo))
	}
	if strings.HasPrefix(cardNo, unknownBinPrefix) {
		return soa.Errorf("30049", "card %s: BIN %s is tsymock's unknown BIN, answered 30049 on purpose "+
			"(any other card number of unknown BIN is a debit card of %s)", cardHint(cardNo), unknownBinPrefix, testBankName)
	}
	return nil
}

// testBin is the BIN row of a card the table does not know: a debit card of
// tsymock's test bank, its BIN the first six digits.
func testBin(cardNo string) cardBin {
	return cardBin{prefix: cardNo[:6], cardType: cardDebit, bankCode: testBankCode, bankName: testBankName,
		cardName: testCardName, length: int64(len(cardNo))}
}

// getBankCardBin answers the bank of a card number (spec §4.1.9, §5.1). A
// card the test environment would not take (only 19-digit 622848 and 622849
// cards, §4.1.9, and §5.2's instalment cards) is answered with a
// Portability note.
func getBankCardBin(a *app, p params) (map[string]any, *soa.Error) {
	cardNo := p.str("cardNo")
	b, serr := lookupBin(cardNo, a.rules)
	if serr != nil {
		return nil, serr
	}
	if serr := a.checkTestCard(cardNo); serr != nil {
		return nil, serr
	}
	return map[string]any{"cardBinInfo": map[string]any{
		"cardBin": b.prefix, "cardType": b.cardType, "bankCode": b.bankCode, "bankName": b.bankName,
		"cardName": b.cardName, "cardLenth": b.length, "cardState": 1, "cardTypeLabel": cardTypeLabel(b.cardType),
	}}, nil
}

// cardTypeLabel is the name of a card type (spec §5.1 cardTypeLabel, §6.3).
func cardTypeLabel(cardType int64) string {
	if cardType == cardCredit {
		return "信用卡"
	}
	return "借记卡"
}

// cardHint shows a card number as its BIN and last four digits, the most a
// message or a log line may hold, a star for each digit between: the
// platform masks a withdrawal's card so in its notification (a captured
// 2020 one: 621485******2516). A terminal's swipe is masked by 收银宝 with
// four stars (posCardHint).
func cardHint(no string) string { return hideMiddle(no, len(no)-10) }

// posCardHint shows the card of a POS swipe as spec §4.2.15 and §4.2.19
// give 收银宝's: 刷卡交易：隐藏的卡号，例如 621700****4586, four stars
// whatever the length.
func posCardHint(no string) string { return hideMiddle(no, 4) }

// hideMiddle shows a card number's first six and last four digits with
// stars stars between; a number too short to keep any is all stars.
func hideMiddle(no string, stars int) string {
	if len(no) < 10 {
		return strings.Repeat("*", len(no))
	}
	return no[:6] + strings.Repeat("*", stars) + no[len(no)-4:]
}
