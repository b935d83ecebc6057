package emulator

import (
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// checkMemberSet notes a member's money in one of the platform's standard
// sets (platformSets): a member's account is in the application's escrow
// set (托管专用账户集: spec §4.2.2 and §4.2.3 accountSetNo, §5.3, §6.17,
// whose standard sets are the platform's own), and the real platform
// refuses a member the others (member-account-set; 30018 账户集错误 with
// --strict). tsymock let it pass before. The platform's own calls are not
// noted, nor a set the application was configured with beyond §6.17's.
func (a *app) checkMemberSet(what, bizUserID, set string) *soa.Error {
	if bizUserID == OwnerPlatform || !slices.Contains(platformSets(), set) {
		return nil
	}
	return a.lenient(RuleMemberSet, "30018", "%s: bizUserId %q in account set %s, one of the platform's standard sets; "+
		"a member's account is in the escrow set (托管专用账户集, %s here; spec §4.2.2, §4.2.3, §6.17)",
		what, bizUserID, set, a.escrowSet())
}

// memberAccount reads bizUserId and accountSetNo of a call that moves a
// member's money (a withdrawal, a freeze), noting a platform's set
// (checkMemberSet).
func (a *app) memberAccount(method string, p params) (*member, string, *soa.Error) {
	m, set, serr := a.memberInSet(p)
	if serr != nil {
		return nil, "", serr
	}
	return m, set, a.checkMemberSet(method, m.bizUserID, set)
}
