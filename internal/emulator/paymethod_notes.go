package emulator

import (
	"strconv"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// checkGateID notes a gateway payment whose gateid is not in spec §6.13's
// list for its paytype (rule gateid; 20014 银行代码错误 with --strict): §5.2
// sends the bank as 支付银行，见收银宝网银银行列表, and §6.13 lists the B2C and
// the B2B codes apart (ICBC's B2B code 0102 is not a B2C one, its B2C debit
// card's 01021 not a B2B one). §6.13 lets 收银宝's online list prevail
// (以收银宝在线规范中银行卡列表为准), so a code outside it is a note, not a
// refusal. An op answered before RulesDec2026b replays without it, as its
// --strict refusal would change the answer.
func (a *app) checkGateID(pm payment) *soa.Error {
	if a.before(RulesDec2026b) {
		return nil
	}
	ch := pm.channel()
	if ch == nil || !strings.HasPrefix(ch.Key, "GATEWAY_VSP") {
		return nil
	}
	gateid, paytype := asStr(ch.body["gateid"]), gatewayPaytype(*ch)
	if gateid == "" || (paytype != "B2C" && paytype != "B2B") {
		return nil // no bank chosen, or "B2C,B2B" (refused with a gateid by gatewayType)
	}
	if _, ok := soa.LookupGatewayBank(paytype, gateid); ok {
		return nil
	}
	other := map[string]string{"B2C": "B2B", "B2B": "B2C"}[paytype]
	why := "is in neither of its lists"
	if b, ok := soa.LookupGatewayBank(other, gateid); ok {
		why = "is the " + other + " code of " + b.Name
	}
	return a.lenient(RuleGateID, "20014", "payMethod.%s.gateid %q with paytype %s: spec §6.13 lists the %s banks' "+
		"codes (%s), and %q %s (§6.13 lets 收银宝's online list prevail)", ch.Key, gateid, paytype, paytype,
		gatewayCodes(paytype), gateid, why)
}

// gatewayCodes are the codes of §6.13's list for paytype, comma-separated.
func gatewayCodes(paytype string) string {
	var codes []string
	for _, b := range soa.GatewayBanks(paytype) {
		codes = append(codes, b.Code)
	}
	return strings.Join(codes, ", ")
}

// checkWithdrawBody notes what a withdrawal channel's body sends outside
// spec §5.2's words: a unionBank that is not 12 digits where the table says
// so (WITHDRAW_TLT, WITHDRAW_JFB, WITHDRAW_HTBANK: 支付行号，12 位数字; rule
// param-format, 40037 with --strict), and a WITHDRAW_HTBANK AMOUNT other
// than the order's amount in fen (rule htbank-amount, 40005 with --strict).
// Not for an op answered before RulesDec2026b (see checkGateID).
func (a *app) checkWithdrawBody(pm payment, amount int64) *soa.Error {
	if a.before(RulesDec2026b) {
		return nil
	}
	ch := pm.channel()
	if ch == nil {
		return nil
	}
	switch ch.Key {
	case "WITHDRAW_TLT", "WITHDRAW_JFB", "WITHDRAW_HTBANK":
		if serr := a.checkFormats("§5.2 ("+ch.Key+")", "payMethod."+ch.Key+".", params(ch.body)); serr != nil {
			return serr
		}
	}
	if ch.Key != "WITHDRAW_HTBANK" {
		return nil
	}
	sent := asStr(ch.body["AMOUNT"])
	if n, err := strconv.ParseInt(sent, 10, 64); err == nil && n == amount {
		return nil
	}
	return a.lenient(RuleHTBankAmount, "40005", "payMethod.WITHDRAW_HTBANK.AMOUNT %q is not the order's amount, %d fen: "+
		"spec §5.2 calls it 金额 without a unit, signs it in SIGNED_MSG_MER, and has TRANSFER_HTBANK's AMOUNT be the "+
		"transfer's in fen; the platform most likely holds it to the order", sent, amount)
}
