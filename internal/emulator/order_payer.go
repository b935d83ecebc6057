package emulator

import "github.com/tsymock/tsymock/internal/soa"

// checkPayerReady notes a payer the platform keeps from making orders:
// every member needs a bound phone first (spec §4.2.1 三, 注：会员需要先绑定
// 手机才能进行订单操作; after unbindPhone it can make none, §4.1.24), but a
// person that bound a payment account with applyBindAcct instead (§4.1.23
// (1), for members that cannot bind a phone); an enterprise needs its
// company approved as well (§4.1.6 note 1). tsymock let such orders pass
// before, so the rule is a note (member-prerequisite), its code with
// --strict: 30021 未绑定手机 or 30050 企业会员未审核. The platform's own
// orders need neither.
func (a *app) checkPayerReady(orderMethod string, m *member) *soa.Error {
	if m == a.platform {
		return nil
	}
	if m.memberType == memberEnterprise {
		if code, lacks := a.unverified(m); code != "" {
			return a.lenient(rulePrerequisite, code, "%s of bizUserId %q before %s: spec §4.1.6 note 1 lets an "+
				"enterprise make orders once approved and its phone bound", orderMethod, m.bizUserID, lacks)
		}
	}
	if m.phone != "" || (m.memberType == memberPersonal && len(m.payAccts) > 0) {
		return nil
	}
	return a.lenient(rulePrerequisite, "30021", "%s of bizUserId %q without a bound phone: a member makes orders once "+
		"its phone is bound (spec §4.2.1 三 note, §4.1.24; a person may bind a payment account with applyBindAcct "+
		"instead, §4.1.23)", orderMethod, m.bizUserID)
}
