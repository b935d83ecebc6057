package emulator

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/soa"
)

// lockMember locks a member; every later call for it but unlockMember is
// 30022, a second lockMember included (which SDKs treat as done).
func lockMember(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	m.locked = true
	return map[string]any{"bizUserId": m.bizUserID}, nil
}

// unlockMember unlocks a locked member. A member that is not locked is 9000,
// the answer SDKs treat as "already unlocked" (PROTOCOL.md §8).
func unlockMember(a *app, p params) (map[string]any, *soa.Error) {
	bizUserID := p.str("bizUserId")
	m, ok := a.members[bizUserID]
	if !ok {
		return nil, soa.Errorf("30001", "bizUserId %q", bizUserID)
	}
	if !m.locked {
		return nil, soa.Errorf("9000", "bizUserId %q is not locked", bizUserID)
	}
	m.locked = false
	return map[string]any{"bizUserId": m.bizUserID}, nil
}

// createBankSubAcctNo opens the member's bank sub-account in an account set.
// Asking again for the same set answers the same subAcctNo; the number is
// made from the id source, so a seeded run repeats it.
func createBankSubAcctNo(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	set := p.str("accountSetNo")
	no, ok := m.subAccts[set]
	if !ok {
		no = fmt.Sprintf("9%s", a.number())
		put(&m.subAccts, set, no)
	}
	return map[string]any{"bizUserId": m.bizUserID, "accountSetNo": set, "subAcctNo": no}, nil
}

// applyBindAcct binds a payment account (e.g. a WeChat openid) of a type to
// the member; binding again replaces it. result is "OK".
func applyBindAcct(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	put(&m.payAccts, p.str("acctType"), p.str("acct"))
	return map[string]any{"bizUserId": m.bizUserID, "result": "OK"}, nil
}
