package emulator

import (
	"strings"
	"time"
	"unicode"

	"github.com/tsymock/tsymock/internal/soa"
)

// Member types of createMember.
const (
	memberEnterprise = 2
	memberPersonal   = 3
)

// member is one member of an application. Sensitive values (identityNo,
// card numbers) are kept in plain text, as the platform sees them after
// decryption; they are never logged.
type member struct {
	bizUserID  string
	userID     string
	memberType int64
	source     int64
	created    time.Time
	locked     bool

	phone string          // the bound phone, or ""
	sms   map[smsKey]bool // codes sent and not yet used

	realName     bool
	name         string
	identityType int64
	identityNo   string
	realNameAt   time.Time

	company *company    // nil until setCompanyInfo
	pages   memberPages // e-contract and payment password, set on the browser pages

	cards    map[string]*bankCard  // bound cards by plain card number
	applies  map[string]*cardApply // card bindings waiting for bindBankCard, by tranceNum
	changes  map[string]*cardApply // phone changes waiting for verifyBankCardChangeBindPhone, by tranceNum
	subAccts map[string]subAcct    // accountSetNo → its bank sub-account
	lastSub  string                // the accountSetNo of the latest sub-account opened
	payAccts map[string][]string   // acctType → accts, in binding order (applyBindAcct)
	vsp      []vspTerminal         // VSP terminals bound with vspTermidService, in binding order
}

func (e *Emulator) memberHandlers() map[string]handler {
	return map[string]handler{
		"MemberService.createMember":         createMember,
		"MemberService.sendVerificationCode": sendVerificationCode,
		"MemberService.bindPhone":            e.bindPhone,
		"MemberService.unbindPhone":          e.unbindPhone,
		"MemberService.setRealName":          setRealName,
		"MemberService.setCompanyInfo":       setCompanyInfo,
		"MemberService.getMemberInfo":        getMemberInfo,
		"MemberService.getBankCardBin":       getBankCardBin,
		"MemberService.applyBindBankCard":    applyBindBankCard,
		"MemberService.bindBankCard":         e.bindBankCard,
		"MemberService.queryBankCard":        queryBankCard,
		"MemberService.unbindBankCard":       unbindBankCard,
		"MemberService.setSafeCard":          setSafeCard,
		"MemberService.lockMember":           lockMember,
		"MemberService.unlockMember":         unlockMember,
		"MemberService.createBankSubAcctNo":  createBankSubAcctNo,
		"MemberService.applyBindAcct":        applyBindAcct,
		"MemberService.vspTermidService":     vspTermidService,

		"MemberService.bankCardChangeBindPhone":       bankCardChangeBindPhone,
		"MemberService.verifyBankCardChangeBindPhone": e.verifyBankCardChangeBindPhone,
	}
}

// member finds a member that may act: 30001 when the application has no
// such bizUserId, 30022 when it is locked. Every method but createMember and
// unlockMember goes through here, as on the platform a locked member can do
// nothing else (a second lockMember included).
func (a *app) member(bizUserID string) (*member, *soa.Error) {
	m, ok := a.members[bizUserID]
	if !ok {
		return nil, soa.Errorf("30001", "bizUserId %q", bizUserID)
	}
	if m.locked {
		return nil, soa.Quoted("30022", textLocked)
	}
	return m, nil
}

// ownMember checks the member an order call names as the one acting (pay's
// and refund's bizUserId, the original's payer): 30001 when there is no
// such member and 30022 when it is locked, as a.member answers, since spec
// §4.1.15 has every call of a locked member but unlockMember refused (除解锁
// 会员之外，其它接口都将返回错误信息“会员已锁定”); the platform's own member
// (#yunBizUserId_B2C#) always acts. A legacy op (before RulesDec2026b)
// looked up the order first: an unknown member was 40022 订单和用户不匹配,
// and a locked one paid and was refunded.
func (a *app) ownMember(bizUserID string) *soa.Error {
	if bizUserID == OwnerPlatform || a.before(RulesDec2026b) {
		return nil
	}
	_, serr := a.member(bizUserID)
	return serr
}

// createMember registers a member; a bizUserId is unique within its
// application, and the platform answers a duplicate with 30000 and its own
// wording (SDKs treat that answer as "already done").
func createMember(a *app, p params) (map[string]any, *soa.Error) {
	bizUserID := p.str("bizUserId")
	if serr := a.checkNewBizUserID(bizUserID); serr != nil {
		return nil, serr
	}
	if _, dup := a.members[bizUserID]; dup {
		return nil, &soa.Error{Code: "30000", Message: "所属应用下已经存在此用户"}
	}
	m := &member{
		bizUserID:  bizUserID,
		userID:     a.uuid(),
		memberType: p.num("memberType"),
		source:     p.num("source"),
		created:    a.now(),
	} // its maps are made on first use (put)
	a.members[bizUserID] = m
	return map[string]any{"bizUserId": m.bizUserID, "userId": m.userID}, nil
}

// checkNewBizUserID checks a new member's bizUserId as spec §4.1.1 asks:
// never the platform's reserved #yunBizUserId_B2C# (10000), and no Chinese
// characters (不能输入中文; noted bizuserid-chinese, 10000 with --strict).
func (a *app) checkNewBizUserID(id string) *soa.Error {
	if id == OwnerPlatform {
		return detailed("10000", msgReservedBizUserID, id)
	}
	if strings.ContainsFunc(id, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return a.lenient(RuleBizUserIDChinese, "10000", "bizUserId %q: spec §4.1.1 takes no Chinese characters in it", id)
	}
	return nil
}

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
