package emulator

import (
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// payPart is one method of an order's payMethod, as the catalogue checked
// its body against spec §5.2.
type payPart struct {
	soa.PayMethodSpec
	body      map[string]any   // an object body
	items     []map[string]any // BALANCE's items
	amount    int64            // what it pays: the body's amount, or the items' together
	hasAmount bool             // false for the bodies without one (WITHDRAW_TLT, the HTBANK ones)
	overflow  bool             // the items' amounts add up past the largest amount (see addFen)
}

// payment is an order's payMethod: one method, or a combination (spec
// §4.2.1 三) of at most one channel with BALANCE and COUPON.
type payment struct {
	parts []payPart
}

// channel is the inbound or outbound method of the payment, nil when it
// pays from balances only.
func (pm payment) channel() *payPart {
	for i := range pm.parts {
		if pm.parts[i].Flow != soa.FlowInternal {
			return &pm.parts[i]
		}
	}
	return nil
}

// part returns the part of a key, nil when the payment has none.
func (pm payment) part(key string) *payPart {
	for i := range pm.parts {
		if pm.parts[i].Key == key {
			return &pm.parts[i]
		}
	}
	return nil
}

// name is what views and pages show: the key, or the keys of a combined
// payment joined with "+" in the spec's order.
func (pm payment) name() string {
	keys := make([]string, len(pm.parts))
	for i, p := range pm.parts {
		keys[i] = p.Key
	}
	return strings.Join(keys, "+")
}

// cardNo is the card the payment takes money from, "" when none.
func (pm payment) cardNo() string {
	if ch := pm.channel(); ch != nil {
		return asStr(ch.body["bankCardNo"])
	}
	return ""
}

// readPayment reads an order's payMethod for orderMethod (e.g.
// "consumeApply") and checks, in order: every key is a method of spec §5.2
// (40009) that this order takes (40009); several methods only for a
// consumption or a collection, each combinable, one channel at most
// (10000); each part pays a positive amount (40020, but for a legacy op,
// answered before RulesDec2026b, which took any); their amounts add up to
// the order's (40005); the keys the spec asks for beyond the catalogue's
// (10001, 10000).
func readPayment(orderMethod string, v any, amount int64, legacy bool) (payment, *soa.Error) {
	var pm payment
	m := asMap(v)
	for _, spec := range soa.PayMethods() { // the spec's order, whatever the JSON's
		if body, ok := m[spec.Key]; ok {
			pm.parts = append(pm.parts, newPart(spec, body))
		}
	}
	for _, key := range slices.Sorted(maps.Keys(m)) {
		if pm.part(key) == nil {
			return pm, unknownPayMethod(key)
		}
	}
	for _, p := range pm.parts {
		if !p.Accepts(orderMethod) {
			return pm, soa.Errorf("40009", "payMethod %s (%s) does not pay a %s order; it pays %s orders (spec §5.2)",
				p.Key, p.Name, orderMethod, strings.Join(p.Orders, ", "))
		}
	}
	if serr := pm.checkCombination(orderMethod); serr != nil {
		return pm, serr
	}
	if !legacy {
		if serr := pm.checkParts(); serr != nil {
			return pm, serr
		}
	}
	if serr := pm.checkAmount(amount); serr != nil {
		return pm, serr
	}
	return pm, pm.checkBodies()
}

// newPart reads one method's body.
func newPart(spec soa.PayMethodSpec, body any) payPart {
	p := payPart{PayMethodSpec: spec, body: asMap(body)}
	if spec.List {
		p.items, p.hasAmount = asList(body), true
		for _, it := range p.items {
			var ok bool
			if p.amount, ok = addFen(p.amount, asInt(it["amount"])); !ok {
				p.overflow = true
			}
		}
		return p
	}
	_, p.hasAmount = p.body["amount"]
	p.amount = asInt(p.body["amount"])
	return p
}

// unknownPayMethod is the 40009 answer to a key that is not in spec §5.2,
// naming the key the caller most likely meant.
func unknownPayMethod(key string) *soa.Error {
	hint := ""
	for _, spec := range soa.PayMethods() {
		if strings.EqualFold(spec.Key, key) || strings.HasPrefix(spec.Key, key+"_") {
			hint = "; did you mean " + spec.Key + "?"
			break
		}
	}
	if strings.EqualFold(key, "POSPAY") {
		hint = "; the POS method is ORDER_VSPPAY"
	}
	return soa.Errorf("40009", "payMethod %q is not a pay method of spec §5.2%s", key, hint)
}

// checkCombination: deposits and withdrawals pay one way; a combined
// consumption or collection takes one channel at most, and only methods
// that combine (spec §4.2.1 三, §5.2 notes 2-4).
func (pm payment) checkCombination(orderMethod string) *soa.Error {
	if len(pm.parts) < 2 {
		return nil
	}
	if orderMethod != "consumeApply" && orderMethod != "agentCollectApply" {
		return soa.Errorf("10000", "payMethod holds %s: a %s order pays one way, only consumeApply and "+
			"agentCollectApply combine methods (spec §4.2.1)", pm.name(), orderMethod)
	}
	channels := 0
	for _, p := range pm.parts {
		if !p.Combinable {
			return soa.Errorf("10000", "payMethod %s does not combine with others (spec §5.2); pay with it alone", p.Key)
		}
		if p.Flow == soa.FlowIn {
			channels++
		}
	}
	if channels > 1 {
		return soa.Errorf("10000", "payMethod %s holds %d channel methods; a combined payment takes one, "+
			"with BALANCE and COUPON (spec §4.2.1)", pm.name(), channels)
	}
	return nil
}

// checkParts: every part of a payment pays something (40020 订单金额错误,
// naming it). Each amount row of spec §5.2 is 支付金额 (BALANCE line 10890,
// COUPON line 10902), and §4.2.5 wants the parts to pay the order's
// amount (支付金额等于订单金额, line 6108): a part of 0 pays nothing and a
// negative one would move more than the order from the others (a BALANCE
// of -5 and 15 took 15 from the payer for an order of 10). §7 has no more
// specific code than 40020, the one tsymock answers a non-positive order
// amount (checkAmounts).
func (pm payment) checkParts() *soa.Error {
	for _, p := range pm.parts {
		for i, it := range p.items {
			if n := asInt(it["amount"]); n <= 0 {
				return soa.Errorf("40020", "payMethod.%s[%d].amount must be a positive number of fen, got %d "+
					"(spec §5.2: 支付金额)", p.Key, i, n)
			}
		}
		if !p.List && p.hasAmount && p.amount <= 0 {
			return soa.Errorf("40020", "payMethod.%s.amount must be a positive number of fen, got %d (spec §5.2: 支付金额)",
				p.Key, p.amount)
		}
	}
	return nil
}

// checkAmount: the methods pay the order's amount together (40005). Bodies
// without an amount (the withdrawal channels that take the order's) count
// as paying it.
func (pm payment) checkAmount(amount int64) *soa.Error {
	var sum int64
	counted := false
	for _, p := range pm.parts {
		if !p.hasAmount {
			continue
		}
		var ok bool
		if sum, ok = addFen(sum, p.amount); !ok || p.overflow {
			return soa.Errorf("40005", "payMethod %s pays more than %d fen together, the largest amount (spec §4.2.1 (6)); "+
				"the order amount is %d", pm.name(), int64(math.MaxInt64), amount)
		}
		counted = true
	}
	if counted && sum != amount {
		return soa.Errorf("40005", "payMethod %s pays %d together, the order amount is %d", pm.name(), sum, amount)
	}
	return nil
}

// checkBodies checks what the catalogue cannot say of a body: the gateway's
// paytype (also spelled payType, as the spec's example does), and province
// and city, which the withdrawal channels whose tables say so take together
// or not at all (开户行所在市必须同时上送, spec §5.2 lines 10941, 11154,
// 11235; the 山东 channels' tables say it of an enterprise's account only:
// checkEnterpriseBranch).
func (pm payment) checkBodies() *soa.Error {
	for _, p := range pm.parts {
		if strings.HasPrefix(p.Key, "GATEWAY_VSP") {
			if serr := gatewayType(p); serr != nil {
				return serr
			}
		}
		province, city := asStr(p.body["province"]) != "", asStr(p.body["city"]) != ""
		if province != city && slices.Contains([]string{"WITHDRAW_TLT", "WITHDRAW_JFB", "WITHDRAW_HTBANK"}, p.Key) {
			missing := map[bool]string{true: "city", false: "province"}[province]
			return soa.Errorf("10001", "payMethod.%s.%s (province and city go together)", p.Key, missing)
		}
	}
	return nil
}

// gatewayType checks the gateway's paytype: B2C, B2B or "B2C,B2B", and with
// a gateid only one of them (spec §5.2). "B2C, B2B", as §6.14 spells it
// (line 14277), is taken as "B2C,B2B".
func gatewayType(p payPart) *soa.Error {
	t := gatewayPaytype(p)
	switch {
	case t == "":
		return soa.Errorf("10001", "payMethod.%s.paytype (B2C, B2B or \"B2C,B2B\")", p.Key)
	case !slices.Contains([]string{"B2C", "B2B", "B2C,B2B"}, t):
		return soa.Errorf("10000", "payMethod.%s.paytype must be one of B2C|B2B|B2C,B2B, got %q", p.Key, t)
	case t == "B2C,B2B" && asStr(p.body["gateid"]) != "":
		return soa.Errorf("10000", "payMethod.%s.paytype: with a gateid it is B2C or B2B, not both", p.Key)
	}
	return nil
}

// gatewayPaytype is the gateway's paytype as sent (or as payType), "B2C, B2B"
// read as "B2C,B2B".
func gatewayPaytype(p payPart) string {
	t := asStr(p.body["paytype"])
	if t == "" {
		t = asStr(p.body["payType"])
	}
	if t == "B2C, B2B" {
		t = "B2C,B2B"
	}
	return t
}
