package emulator

import (
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// applyValidity is how long a tranceNum of applyBindBankCard can be confirmed
// by bindBankCard, tsymock's choice (the SMS code's usual lifetime), but for
// cardCheck 6, whose code lives 10 minutes in the test environment.
const applyValidity = 15 * time.Minute

// bankCard is a card bound to a member.
type bankCard struct {
	cardNo, phone, bankName, bankCode string
	cardType                          int64 // cardDebit or cardCredit
	bindTime                          time.Time
	isSafeCard                        bool
	bindMethod                        int64  // the cardCheck it was first bound with (spec §5.7)
	unionBank                         string // as applyBindBankCard sent it
}

// cardApply is a binding started by applyBindBankCard (or a phone change by
// bankCardChangeBindPhone), waiting for its SMS code.
type cardApply struct {
	tranceNum, transDate string
	at                   time.Time
	// seq orders the member's pending applications: tranceNums are random
	// and the clock may stand still, but "the latest" must be well defined.
	seq       uint64
	cardCheck int64
	card      bankCard
}

// applyBindBankCard starts binding a card: the member must be real-named
// (30008; an enterprise approved, 30050), the card number plausible (30049,
// see lookupBin), the card not yet bound (30017, which SDKs treat as done),
// the holder the real-named person (30009), and the bank's checks of the
// cardCheck must pass (see verifyCard). cardCheck 1, 5 and 8 bind at once
// (spec §4.1.10, §6.18) and answer no tranceNum; the others wait for
// bindBankCard, and only 6 and 7 answer the tranceNum it confirms.
func applyBindBankCard(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	cc := cardCheckOf(p)
	if serr := checkCardCheck(cc); serr != nil {
		return nil, serr
	}
	if serr := a.checkFormats("§4.1.10", "", p); serr != nil {
		return nil, serr
	}
	card, serr := a.checkNewCard(m, p, cc)
	if serr != nil {
		return nil, serr
	}
	out := map[string]any{"bizUserId": m.bizUserID, "bankName": card.bankName, "bankCode": card.bankCode,
		"cardType": card.cardType}
	if bindsAtOnce(cc) {
		card.bindTime = a.now()
		put(&m.cards, card.cardNo, &card)
		return out, nil
	}
	ap := a.newApply(m.applies, cc, card)
	putCapped(&m.applies, ap.tranceNum, ap, maxPendingApplies, olderApply)
	out["transDate"] = ap.transDate
	if answersTranceNum(cc) {
		out["tranceNum"] = ap.tranceNum
	}
	return out, nil
}

// maxPendingApplies bounds a member's card bindings (and phone changes)
// waiting for their confirmation: past it the oldest is forgotten, and
// confirming it is answered as an unknown tranceNum.
const maxPendingApplies = 16

// olderApply orders pending applies by their number, for putCapped.
func olderApply(_ string, a1 *cardApply, _ string, a2 *cardApply) bool { return a1.seq < a2.seq }

// newApply records a pending confirmation of card, numbered after those in
// pending.
func (a *app) newApply(pending map[string]*cardApply, cc int64, card bankCard) *cardApply {
	now := a.now()
	var last uint64
	for _, ap := range pending {
		last = max(last, ap.seq)
	}
	transDate := now.In(soa.Shanghai()).Format("20060102")
	return &cardApply{tranceNum: a.tranceNum(pending, transDate), transDate: transDate, at: now,
		seq: last + 1, cardCheck: cc, card: card}
}

// tranceNum numbers a binding as the platform does: "D", its transDate and
// five digits (answers captured from the real test environment, 2018-2019:
// D2019101153546 with transDate 20191011), none of the member's pending
// ones. A legacy op (before RulesDec2026b) drew a 19-digit number.
func (a *app) tranceNum(pending map[string]*cardApply, transDate string) string {
	for {
		no := a.number()
		if a.before(RulesDec2026b) {
			return no
		}
		if t := "D" + transDate + no[len(no)-5:]; pending[t] == nil {
			return t
		}
	}
}

// checkNewCard runs applyBindBankCard's checks in the platform's order.
func (a *app) checkNewCard(m *member, p params, cc int64) (bankCard, *soa.Error) {
	name, identityNo, serr := a.holder(m)
	if serr != nil {
		return bankCard{}, serr
	}
	notBound := func(cardNo string) *soa.Error {
		if _, bound := m.cards[cardNo]; bound {
			return soa.Errorf("30017", "card %s is bound to bizUserId %q", cardHint(cardNo), m.bizUserID)
		}
		return m.checkEnterpriseCards()
	}
	card, serr := a.verifyCard(p, cc, name, identityNo, notBound)
	if serr != nil {
		return bankCard{}, serr
	}
	card.isSafeCard = p.flag("isSafeCard")
	return card, m.checkSafe(card.cardType, card.isSafeCard, card.cardNo)
}

// verifyCard is what the bank checks of a card to bind, for
// applyBindBankCard and bankCardChangeBindPhone: its BIN (30049; outside the
// test cards, a Portability note but for cardCheck 7), then first (the caller's own check),
// the holder's name and number (30009), then the cardCheck's test
// environment rules (bankChecks).
func (a *app) verifyCard(p params, cc int64, name, identityNo string, first func(string) *soa.Error) (bankCard, *soa.Error) {
	cardNo := p.str("cardNo")
	bin, serr := lookupBin(cardNo, a.rules)
	if serr != nil {
		return bankCard{}, serr
	}
	if serr := a.checkBindingCard(cc, cardNo); serr != nil {
		return bankCard{}, serr
	}
	if serr := first(cardNo); serr != nil {
		return bankCard{}, serr
	}
	if p.str("name") != name || !strings.EqualFold(p.str("identityNo"), identityNo) {
		return bankCard{}, soa.Errorf("30009", "name and identityNo must be the card holder's: the member's setRealName, "+
			"or an enterprise's legalName and legalIds")
	}
	cardType, serr := a.bankChecks(p, cc, cardNo, bin)
	if serr != nil {
		return bankCard{}, serr
	}
	return bankCard{cardNo: cardNo, phone: p.str("phone"), bankName: bin.bankName, bankCode: bin.bankCode,
		cardType: cardType, bindMethod: cc, unionBank: p.str("unionBank")}, nil
}

// holder is who may own the member's cards: a personal member's real-named
// person (30008 before setRealName), or an approved enterprise's legal
// representative (30030 before setCompanyInfo, 30050 before approval;
// tsymock's choice of the platform's "小B绑个人卡").
func (a *app) holder(m *member) (name, identityNo string, serr *soa.Error) {
	if m.memberType == memberEnterprise {
		if code, lacks := a.unverified(m); code != "" {
			return "", "", soa.Errorf(code, "bizUserId %q: an enterprise binds a card after %s", m.bizUserID, lacks)
		}
		return m.company.info["legalName"], m.company.info["legalIds"], nil
	}
	if !m.realName {
		return "", "", soa.Errorf("30008", "bizUserId %q: setRealName comes before binding a card", m.bizUserID)
	}
	return m.name, m.identityNo, nil
}

// checkEnterpriseCards refuses an enterprise a second card: it binds one
// personal card of its legal representative at most (spec §4.1.10 note 4;
// 30014 绑定银行卡失败, the closest code).
func (m *member) checkEnterpriseCards() *soa.Error {
	if m.memberType != memberEnterprise {
		return nil
	}
	for _, c := range m.cards {
		return soa.Errorf("30014", "bizUserId %q has the card %s bound: an enterprise binds one personal card of its "+
			"legal representative at most (spec §4.1.10 note 4)", m.bizUserID, cardHint(c.cardNo))
	}
	return nil
}

// checkSafe checks that a card can become the safe card: a debit card (30025)
// while the member has no other one (30026).
func (m *member) checkSafe(cardType int64, safe bool, cardNo string) *soa.Error {
	if !safe {
		return nil
	}
	if cardType != cardDebit {
		return soa.Errorf("30025", "card %s is a credit card", cardHint(cardNo))
	}
	if c := m.safeCard(); c != nil && c.cardNo != cardNo {
		return soa.Errorf("30026", "card %s is already the safe card of bizUserId %q", cardHint(c.cardNo), m.bizUserID)
	}
	return nil
}

// safeCard is the member's safe card, or nil (a member has one at most).
func (m *member) safeCard() *bankCard {
	for _, c := range m.cards {
		if c.isSafeCard {
			return c
		}
	}
	return nil
}

// bindBankCard confirms a binding with the SMS code. tranceNum is optional
// (PROTOCOL.md §7): without it the member's latest pending application for
// phone is confirmed, though the spec requires it for cardCheck 6 and 7 (a
// Portability note). An unknown, used or expired tranceNum (or a transDate
// that is not its own), or no pending application at all, is 30016,
// tsymock's choice; a wrong code is 20011 and may be retried.
func (e *Emulator) bindBankCard(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	ap, serr := findApply(m.applies, "applyBindBankCard", m.bizUserID, p, a.now())
	if serr != nil {
		return nil, serr
	}
	if serr := a.checkFormats("§4.1.11", "", p); serr != nil {
		return nil, serr
	}
	if serr := a.checkTranceNumSent(p, ap, "§4.1.11"); serr != nil {
		return nil, serr
	}
	if serr := a.checkConfirm(m, ap, p, e.code); serr != nil {
		return nil, serr
	}
	card := ap.card
	card.phone, card.bindTime = p.str("phone"), a.now()
	put(&m.cards, card.cardNo, &card)
	delete(m.applies, ap.tranceNum)
	return map[string]any{"bizUserId": m.bizUserID, "tranceNum": ap.tranceNum, "transDate": ap.transDate}, nil
}

// checkTranceNumSent notes a confirmation of cardCheck 6 or 7 sent without
// its tranceNum, which the spec requires (section names where).
func (a *app) checkTranceNumSent(p params, ap *cardApply, section string) *soa.Error {
	if p.str("tranceNum") != "" || !answersTranceNum(ap.cardCheck) {
		return nil
	}
	return a.lenient(ruleRequired, "10001", "tranceNum: spec %s requires it for %s; tsymock confirmed the latest "+
		"pending one for phone %s", section, cardCheckName(ap.cardCheck), p.str("phone"))
}

// checkConfirm checks what bindBankCard sends against the application.
func (a *app) checkConfirm(m *member, ap *cardApply, p params, code string) *soa.Error {
	if _, bound := m.cards[ap.card.cardNo]; bound {
		return soa.Errorf("30017", "card %s is bound to bizUserId %q", cardHint(ap.card.cardNo), m.bizUserID)
	}
	// checked again: an enterprise may have applied for two cards before confirming either
	if serr := m.checkEnterpriseCards(); serr != nil && !a.before(RulesDec2026) { // checked at apply only before RulesDec2026
		return serr
	}
	if ap.card.phone != "" && p.str("phone") != ap.card.phone {
		return soa.Errorf("10000", "phone must be the one sent to applyBindBankCard (%s)", ap.card.phone)
	}
	if serr := a.checkBankCode(ap, p.str("verificationCode"), code); serr != nil {
		return serr
	}
	return m.checkSafe(ap.card.cardType, ap.card.isSafeCard, ap.card.cardNo)
}
