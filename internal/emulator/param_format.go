package emulator

import (
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// paramFormat is the format the specification's 取值 column gives a param,
// and the code a value outside it would be answered.
type paramFormat struct {
	key, code, want string
	ok              func(string) bool
}

// cardFormats are the formats of a card's and a bank account's params:
// validate 2-digit month then 2-digit year (spec §4.1.10, §4.1.11,
// §4.1.25, §4.1.26: 格式为月年；如 0321), cvv2 3 digits (§4.1.10: 3 位数字),
// unionBank 12 digits (§4.1.10, §5.4: 12 位数字; 40037 支付行号格式错误).
func cardFormats() []paramFormat {
	return []paramFormat{
		{"validate", "10000", "the month and the year in 4 digits (MMYY, e.g. 0321)", isMonthYear},
		{"cvv2", "10000", "3 digits", func(s string) bool { return digits(s, 3) }},
		{"unionBank", "40037", "12 digits", func(s string) bool { return digits(s, 12) }},
	}
}

// checkFormats notes each param of p, when sent, outside its format
// (param-format; its code with --strict): the spec gives the formats but
// does not say which the platform checks. prefix names where p sits
// ("companyBasicInfo." or ""). Neither validate nor cvv2 is ever put in a
// message: they are card secrets.
func (a *app) checkFormats(section, prefix string, p params) *soa.Error {
	for _, f := range cardFormats() {
		v := p.str(f.key)
		if v == "" || f.ok(v) {
			continue
		}
		if serr := a.lenient(ruleParamFormat, f.code, "%s%s: spec %s wants %s, and the value sent (%d characters) "+
			"is not", prefix, f.key, section, f.want, len([]rune(v))); serr != nil {
			return serr
		}
	}
	return nil
}

// isMonthYear reports whether s is MMYY: 4 digits, the first two a month.
func isMonthYear(s string) bool {
	if !digits(s, 4) {
		return false
	}
	month := (s[0]-'0')*10 + s[1] - '0'
	return month >= 1 && month <= 12
}

// checkExtendInfo notes an extendInfo holding "|": the order methods pass
// it back as sent but do not take that character (不可包含“|”特殊字符 in
// each table: spec §4.2.2 to §4.2.7, §4.2.16, §4.2.23), which the platform
// uses to join fields, nor does applicationTransfer (§4.2.17, lines
// 7988-7994). section is the table of the method called (param-format;
// 10000 with --strict).
func (a *app) checkExtendInfo(section string, p params) *soa.Error {
	if !strings.Contains(p.str("extendInfo"), "|") {
		return nil
	}
	return a.lenient(ruleParamFormat, "10000", "extendInfo: spec %s passes it back as sent but does not take "+
		"the character \"|\" in it, and the value sent has one", section)
}

// kindSection is the section of the method that makes an order of kind,
// whose request table the order's params are held to (soa.OrderSection).
// A payout cites signalAgentPay's and the batch item's structure, which
// the shared order code does not tell apart.
func kindSection(kind string) string {
	if kind == kindAgentPay {
		return soa.OrderSection("signalAgentPay") + " (a batchAgentPay item's §5.11)"
	}
	return soa.OrderSection(kindMethod(kind))
}

// kindMethod is the method that makes an order of kind.
func kindMethod(kind string) string {
	switch kind {
	case kindDeposit:
		return "depositApply"
	case kindWithdraw:
		return "withdrawApply"
	case kindConsume:
		return "consumeApply"
	case kindCollect:
		return "agentCollectApply"
	case kindAgentPay:
		return "signalAgentPay"
	case kindRefund:
		return "refund"
	case kindCrossBorder:
		return "crossBorderWithdrawApply"
	case kindTransfer:
		return "applicationTransfer"
	}
	return ""
}
