package emulator

import (
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// applyValidity is how long a tranceNum of applyBindBankCard can be confirmed
// by bindBankCard, tsymock's choice (the SMS code's usual lifetime).
const applyValidity = 15 * time.Minute

// bankCard is a card bound to a member.
type bankCard struct {
	cardNo, phone, bankName, bankCode string
	cardType                          int64 // cardDebit or cardCredit
	bindTime                          time.Time
	isSafeCard                        bool
}

// cardApply is a binding started by applyBindBankCard, waiting for its SMS
// code.
type cardApply struct {
	tranceNum, transDate string
	at                   time.Time
	// seq orders the member's pending applications: tranceNums are random
	// and the clock may stand still, but "the latest" must be well defined.
	seq  uint64
	card bankCard
}

// applyBindBankCard starts binding a card: the member must be real-named
// (30008; an enterprise approved, 30050), the card number plausible (30049,
// see lookupBin), the card not yet bound (30017,
// which SDKs treat as done), the holder the real-named person (30009), and a
// credit card needs validate and cvv2. The bank "sends" an SMS code, which
// bindBankCard confirms with the tranceNum answered here.
func applyBindBankCard(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	cardNo := p.str("cardNo")
	bin, serr := m.checkNewCard(p, cardNo)
	if serr != nil {
		return nil, serr
	}
	now := a.now()
	ap := &cardApply{tranceNum: a.number(), transDate: now.In(soa.Shanghai()).Format("20060102"), at: now,
		seq: m.nextApplySeq(), card: bankCard{cardNo: cardNo, phone: p.str("phone"), bankName: bin.bankName, bankCode: bin.bankCode,
			cardType: bin.cardType, isSafeCard: p.flag("isSafeCard")}}
	put(&m.applies, ap.tranceNum, ap)
	return map[string]any{"bizUserId": m.bizUserID, "tranceNum": ap.tranceNum, "transDate": ap.transDate,
		"bankName": bin.bankName, "bankCode": bin.bankCode, "cardType": bin.cardType}, nil
}

// checkNewCard runs applyBindBankCard's checks in the platform's order.
func (m *member) checkNewCard(p params, cardNo string) (cardBin, *soa.Error) {
	name, identityNo, serr := m.holder()
	if serr != nil {
		return cardBin{}, serr
	}
	bin, serr := lookupBin(cardNo)
	if serr != nil {
		return cardBin{}, serr
	}
	if _, bound := m.cards[cardNo]; bound {
		return cardBin{}, soa.Errorf("30017", "card %s is bound to bizUserId %q", cardHint(cardNo), m.bizUserID)
	}
	if p.str("name") != name || !strings.EqualFold(p.str("identityNo"), identityNo) {
		return cardBin{}, soa.Errorf("30009", "name and identityNo must be the card holder's: the member's setRealName, "+
			"or an enterprise's legalName and legalIds")
	}
	if bin.cardType == cardCredit {
		for _, k := range []string{"validate", "cvv2"} {
			if p.str(k) == "" {
				return cardBin{}, soa.Errorf("10001", "%s (card %s is a credit card)", k, cardHint(cardNo))
			}
		}
	}
	return bin, m.checkSafe(bin.cardType, p.flag("isSafeCard"), cardNo)
}

// holder is who may own the member's cards: a personal member's real-named
// person (30008 before setRealName), or an approved enterprise's legal
// representative (30050 before approval; tsymock's choice of the platform's
// "小B绑个人卡").
func (m *member) holder() (name, identityNo string, serr *soa.Error) {
	if m.memberType == memberEnterprise {
		c := m.company
		if c == nil || c.status != auditApproved {
			return "", "", soa.Errorf("30050", "bizUserId %q: setCompanyInfo must be approved before binding a card", m.bizUserID)
		}
		return c.info["legalName"], c.info["legalIds"], nil
	}
	if !m.realName {
		return "", "", soa.Errorf("30008", "bizUserId %q: setRealName comes before binding a card", m.bizUserID)
	}
	return m.name, m.identityNo, nil
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
	for _, c := range m.cards {
		if c.isSafeCard && c.cardNo != cardNo {
			return soa.Errorf("30026", "card %s is already the safe card of bizUserId %q", cardHint(c.cardNo), m.bizUserID)
		}
	}
	return nil
}

// bindBankCard confirms a binding with its tranceNum and the SMS code.
// tranceNum is optional (PROTOCOL.md §7): without it the member's latest
// pending application for phone is confirmed. An unknown, used or expired
// tranceNum (or a transDate that is not its own), or no pending application
// at all, is 30016, tsymock's choice; a wrong code is 20011 and may be
// retried.
func (e *Emulator) bindBankCard(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	ap, serr := m.pendingApply(p, a.now())
	if serr != nil {
		return nil, serr
	}
	if serr := ap.checkConfirm(m, p, e.code); serr != nil {
		return nil, serr
	}
	card := ap.card
	card.phone, card.bindTime = p.str("phone"), a.now()
	put(&m.cards, card.cardNo, &card)
	delete(m.applies, ap.tranceNum)
	return map[string]any{"bizUserId": m.bizUserID, "tranceNum": ap.tranceNum, "transDate": ap.transDate}, nil
}

// pendingApply finds the binding a bindBankCard confirms: the one its
// tranceNum names, or without one the latest for its phone.
func (m *member) pendingApply(p params, now time.Time) (*cardApply, *soa.Error) {
	tranceNum := p.str("tranceNum")
	if tranceNum == "" {
		return m.latestApply(p.str("phone"), p.str("transDate"), now)
	}
	ap, ok := m.applies[tranceNum]
	switch {
	case !ok:
		return nil, soa.Errorf("30016", "no pending applyBindBankCard with tranceNum %q for bizUserId %q", tranceNum, m.bizUserID)
	case now.Sub(ap.at) > applyValidity:
		delete(m.applies, tranceNum)
		return nil, soa.Errorf("30016", "tranceNum %q expired (%s after applyBindBankCard)", tranceNum, applyValidity)
	case p.str("transDate") != "" && p.str("transDate") != ap.transDate:
		return nil, soa.Errorf("30016", "transDate %q is not the one of tranceNum %q (%s)", p.str("transDate"), tranceNum, ap.transDate)
	}
	return ap, nil
}

// latestApply is the member's most recent application that has not expired
// and that bindBankCard could confirm with phone (applied for with that
// phone, or with none) and transDate (when given), or 30016.
func (m *member) latestApply(phone, transDate string, now time.Time) (*cardApply, *soa.Error) {
	var best *cardApply
	for _, ap := range m.applies {
		switch {
		case now.Sub(ap.at) > applyValidity:
		case ap.card.phone != "" && ap.card.phone != phone:
		case transDate != "" && transDate != ap.transDate:
		case best == nil || ap.seq > best.seq:
			best = ap
		}
	}
	if best == nil {
		on := ""
		if transDate != "" {
			on = " on transDate " + transDate
		}
		return nil, soa.Errorf("30016", "no tranceNum sent, and bizUserId %q has no pending applyBindBankCard for phone %s%s "+
			"(send the tranceNum it answered; applications expire after %s)", m.bizUserID, phone, on, applyValidity)
	}
	return best, nil
}

// nextApplySeq numbers a new application after every pending one.
func (m *member) nextApplySeq() uint64 {
	var last uint64
	for _, ap := range m.applies {
		last = max(last, ap.seq)
	}
	return last + 1
}

// checkConfirm checks what bindBankCard sends against the application.
func (ap *cardApply) checkConfirm(m *member, p params, code string) *soa.Error {
	if _, bound := m.cards[ap.card.cardNo]; bound {
		return soa.Errorf("30017", "card %s is bound to bizUserId %q", cardHint(ap.card.cardNo), m.bizUserID)
	}
	if ap.card.phone != "" && p.str("phone") != ap.card.phone {
		return soa.Errorf("10000", "phone must be the one sent to applyBindBankCard (%s)", ap.card.phone)
	}
	if p.str("verificationCode") != code {
		return soa.Errorf("20011", "wrong code for tranceNum %q (tsymock's codes are the one set with --verification-code, default %s)",
			ap.tranceNum, DefaultVerificationCode)
	}
	return m.checkSafe(ap.card.cardType, ap.card.isSafeCard, ap.card.cardNo)
}
