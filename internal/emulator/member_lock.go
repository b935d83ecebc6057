package emulator

import "github.com/tsymock/tsymock/internal/soa"

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
