package emulator

import (
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// How an order's money arrives, by payMethod key.
const (
	payBalance = "balance" // BALANCE: from the payer's account, at once
	payQuick   = "quick"   // QUICKPAY_*: from a bound card, confirmed by SMS (pay)
	payPage    = "page"    // gateway, scan and H5 methods: completed on a page
)

// payMethod is the parsed payMethod param.
type payMethod struct {
	name       string // the key, e.g. "BALANCE", "QUICKPAY_VSP"
	kind       string
	amount     int64
	accountSet string // BALANCE: the account set paid from
	cardNo     string // QUICKPAY: the card (decrypted by the mock)
}

// pagePrefixes are the payMethod keys completed on a page (gateway, scan
// code, H5, wallets). The page-flow stage completes them.
func pagePrefixes() []string {
	return []string{"GATEWAY", "SCAN_", "WECHATPAY", "ALIPAY", "H5", "UNIONPAY", "WECHAT_PUBLIC", "QQ_WALLET", "POSPAY", "COUPON"}
}

// parsePayMethod reads the one payMethod of an order and checks that it
// pays the order's amount (40005 otherwise).
func parsePayMethod(v any, amount int64) (payMethod, *soa.Error) {
	m := asMap(v)
	if len(m) != 1 {
		return payMethod{}, soa.Errorf("10000", "payMethod must hold exactly one method (tsymock emulates one per order), got %d", len(m))
	}
	var pm payMethod
	for name, body := range m {
		pm = readPayMethod(name, body)
	}
	if pm.kind == "" {
		return pm, soa.Errorf("40009", "payMethod %q is not emulated; use BALANCE, QUICKPAY_* or a gateway/scan/H5 method", pm.name)
	}
	if pm.amount != amount {
		return pm, soa.Errorf("40005", "payMethod %s pays %d, the order amount is %d", pm.name, pm.amount, amount)
	}
	return pm, nil
}

func readPayMethod(name string, body any) payMethod {
	pm := payMethod{name: name}
	switch {
	case name == "BALANCE":
		pm.kind = payBalance
		for _, it := range asList(body) {
			pm.amount += asInt(it["amount"])
			pm.accountSet = asStr(it["accountSetNo"])
		}
	case strings.HasPrefix(name, "QUICKPAY"):
		pm.kind = payQuick
		pm.amount = asInt(asMap(body)["amount"])
		pm.cardNo = asStr(asMap(body)["bankCardNo"])
	case slices.ContainsFunc(pagePrefixes(), func(p string) bool { return strings.HasPrefix(name, p) }):
		pm.kind = payPage
		pm.amount = asInt(asMap(body)["amount"])
	}
	return pm
}
