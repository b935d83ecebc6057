package emulator

import (
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Member types of createMember.
const (
	memberEnterprise = 2
	memberPersonal   = 3
)

// member is one member of an application.
type member struct {
	bizUserID  string
	userID     string
	memberType int64
	source     int64
	created    time.Time
}

func (e *Emulator) memberHandlers() map[string]handler {
	return map[string]handler{
		"MemberService.createMember": createMember,
	}
}

// createMember registers a member; a bizUserId is unique within its
// application, and the platform answers a duplicate with 30000 and its own
// wording (SDKs treat that answer as "already done").
func createMember(a *app, p params) (map[string]any, *soa.Error) {
	bizUserID := p.str("bizUserId")
	if _, dup := a.members[bizUserID]; dup {
		return nil, &soa.Error{Code: "30000", Message: "所属应用下已经存在此用户"}
	}
	m := &member{
		bizUserID:  bizUserID,
		userID:     a.ids.UUID(),
		memberType: p.num("memberType"),
		source:     p.num("source"),
		created:    a.clock.Now(),
	}
	a.members[bizUserID] = m
	return map[string]any{"bizUserId": m.bizUserID, "userId": m.userID}, nil
}
