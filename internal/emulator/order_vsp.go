package emulator

import (
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// checkVspCusid: in 收银宝 group mode a payee takes payments only through
// the sub-merchants (vspCusid) bound to it with vspTermidService (spec
// §4.1.21 note 2.2, changelog 2.0.7: deposits, consumptions, collections).
// A binding is group mode when it names vspMerchantid. Payees with no such
// binding (single-merchant mode, or no binding at all) take any vspCusid,
// noted (rule vsp-cusid-unbound; 20009 with --strict, but for an op
// answered before RulesDec2026b): the platform wants one they bound;
// otherwise the payMethod's vspCusid must be one a payee bound: 20009
// 渠道商户信息错误 (tsymock's choice of code, the spec names none). An
// agentCollectApply with several receivers takes a sub-merchant of any of
// them (tsymock's choice: the spec speaks of one payee). Only a method whose
// §5.2 table has vspCusid names a sub-merchant (the platform ignores keys a
// table does not have); ORDER_VSPPAY, whose vspCusid the table wants in
// group mode only (spec line 10965), is 10001 without it when a payee is in
// group mode.
func (a *app) checkVspCusid(pm payment, payees []string) *soa.Error {
	ch := pm.channel()
	if ch == nil || !slices.ContainsFunc(ch.Fields, func(f soa.Param) bool { return f.Name == "vspCusid" }) {
		return nil
	}
	cusID := asStr(ch.body["vspCusid"])
	bound := a.groupCusIDs(payees)
	switch {
	case slices.Contains(bound, cusID) || (len(bound) == 0 && (cusID == "" || a.before(RulesDec2026b))):
		return nil
	case len(bound) == 0:
		return a.lenient(RuleVspCusidUnbound, "20009", "%s.vspCusid %q: the payee %s bound no 收银宝 sub-merchant in group "+
			"mode, and spec §4.1.21 note 2.2 (revision 2.0.7) wants the payMethod's vspCusid to be one the payee bound "+
			"with vspTermidService, naming vspMerchantid (支付方式中 vspCusid 必须与订单收款人绑定的 vspCusid 一致)", ch.Key, cusID, strings.Join(payees, ", "))
	case cusID == "" && ch.Key == "ORDER_VSPPAY":
		return soa.Errorf("10001", "payMethod.ORDER_VSPPAY.vspCusid: the payee %s takes payments in 收银宝 group mode "+
			"(spec §4.1.21 note 2.2), through a sub-merchant it bound: %s (spec §5.2)", strings.Join(payees, ", "), strings.Join(bound, ", "))
	case cusID == "":
		return nil
	}
	return soa.Errorf("20009", "%s.vspCusid %q is not a 收银宝 sub-merchant bound to the payee %s (bound: %s); "+
		"bind it with vspTermidService (spec §4.1.21 note 2.2)", ch.Key, cusID, strings.Join(payees, ", "),
		strings.Join(bound, ", "))
}

// groupCusIDs are the vspCusids the payees bound in group mode, in binding
// order, each once.
func (a *app) groupCusIDs(payees []string) []string {
	var out []string
	for _, id := range payees {
		m := a.members[id]
		if id == OwnerPlatform {
			m = a.platform
		}
		if m == nil {
			continue
		}
		for _, t := range m.vsp {
			if t.merchantID != "" && t.cusID != "" && !slices.Contains(out, t.cusID) {
				out = append(out, t.cusID)
			}
		}
	}
	return out
}

// checkEnterpriseBranch: the 山东 channels (WITHHOLD_SD, WITHDRAW_SD) need
// the province and city of an enterprise's bank account, which their §5.2
// tables make optional for a person (企业账户必送, spec lines 11013 and
// 11064); 10001 naming the first missing.
func checkEnterpriseBranch(m *member, pm payment) *soa.Error {
	ch := pm.channel()
	if ch == nil || m == nil || m.memberType != memberEnterprise || (ch.Key != "WITHHOLD_SD" && ch.Key != "WITHDRAW_SD") {
		return nil
	}
	if missing := absent(params(ch.body), "province", "city"); len(missing) > 0 {
		return soa.Errorf("10001", "payMethod.%s.%s: %s is an enterprise, whose bank account names its province "+
			"and city (spec §5.2)", ch.Key, missing[0], m.bizUserID)
	}
	return nil
}
