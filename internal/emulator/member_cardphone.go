package emulator

import "github.com/tsymock/tsymock/internal/soa"

// bankCardChangeBindPhone starts changing a personal member's bound phone,
// confirmed by a bank card's SMS code (spec §4.1.25): the member must be a
// person (30006), real-named (30008) with a bound phone (30021), the card
// the real-named person's (30009), and the bank's checks of cardCheck 6 or
// 7 pass as for applyBindBankCard (cardCheck 6's card endings included).
// verifyBankCardChangeBindPhone confirms it with the tranceNum answered
// here and the code "sent" to phone.
func bankCardChangeBindPhone(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	if serr := canChangePhoneByCard(m); serr != nil {
		return nil, serr
	}
	cc := p.num("cardCheck")
	if serr := a.checkFormats("§4.1.25", "", p); serr != nil {
		return nil, serr
	}
	card, serr := a.verifyCard(p, cc, m.name, m.identityNo, func(string) *soa.Error { return nil })
	if serr != nil {
		return nil, serr
	}
	if serr := a.creditCardNeeds(card, p, "§4.1.25", "start"); serr != nil {
		return nil, serr
	}
	ap := a.newApply(m.changes, cc, card)
	putCapped(&m.changes, ap.tranceNum, ap, maxPendingApplies, olderApply)
	return map[string]any{"bizUserId": m.bizUserID, "tranceNum": ap.tranceNum, "bankName": card.bankName,
		"bankCode": card.bankCode, "cardType": card.cardType}, nil
}

// canChangePhoneByCard checks the prerequisites of spec §4.1.25.
func canChangePhoneByCard(m *member) *soa.Error {
	switch {
	case m.memberType != memberPersonal:
		return soa.Errorf("30006", "changing the bound phone by bank card is for personal members (spec §4.1.25)")
	case !m.realName:
		return soa.Errorf("30008", "bizUserId %q: setRealName comes before changing the phone by bank card", m.bizUserID)
	case m.phone == "":
		return soa.Errorf("30021", "bizUserId %q has no bound phone to change; use bindPhone", m.bizUserID)
	}
	return nil
}

// verifyBankCardChangeBindPhone confirms a bankCardChangeBindPhone with its
// tranceNum (the spec requires it; without one the latest pending change
// for phone is confirmed, with a Portability note), the same phone (10000)
// and the SMS code (20011). The card takes the new phone, bound with it
// when it was not, and the member's bound phone becomes it (spec §4.1.26).
func (e *Emulator) verifyBankCardChangeBindPhone(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	if serr := canChangePhoneByCard(m); serr != nil {
		return nil, serr
	}
	ap, serr := findApply(m.changes, "bankCardChangeBindPhone", m.bizUserID, p, a.now())
	if serr != nil {
		return nil, serr
	}
	if serr := a.checkTranceNumSent(p, ap, "§4.1.26"); serr != nil {
		return nil, serr
	}
	if p.str("phone") != ap.card.phone {
		return nil, soa.Errorf("10000", "phone must be the one sent to bankCardChangeBindPhone (%s)", ap.card.phone)
	}
	if serr := a.creditCardNeeds(ap.card, p, "§4.1.26", "confirm"); serr != nil {
		return nil, serr
	}
	if serr := a.checkFormats("§4.1.26", "", p); serr != nil {
		return nil, serr
	}
	if serr := a.checkBankCode(ap, p.str("verificationCode"), e.code); serr != nil {
		return nil, serr
	}
	if c, bound := m.cards[ap.card.cardNo]; bound {
		c.phone = ap.card.phone
	} else {
		card := ap.card
		card.bindTime = a.now()
		put(&m.cards, card.cardNo, &card)
	}
	m.phone = ap.card.phone
	delete(m.changes, ap.tranceNum)
	return map[string]any{"bizUserId": m.bizUserID, "tranceNum": ap.tranceNum}, nil
}

// creditCardNeeds notes a credit card's phone change started (section
// §4.1.25) or confirmed (§4.1.26) without its validate or cvv2: both tables
// require both for a credit card (信用卡必填), which tsymock let pass before
// (required-param, 10001 with --strict). Starting it with cardCheck 7 and
// one of them missing is 10001 already (see creditNeeds); cardCheck 6 takes
// either alone when binding a card (§6.18), not when changing the phone.
func (a *app) creditCardNeeds(c bankCard, p params, section, step string) *soa.Error {
	if c.cardType != cardCredit {
		return nil
	}
	for _, k := range []string{"validate", "cvv2"} {
		if p.str(k) == "" {
			if serr := a.lenient(ruleRequired, "10001", "%s: spec %s requires it to %s the phone change of a "+
				"credit card (card %s)", k, section, step, cardHint(c.cardNo)); serr != nil {
				return serr
			}
		}
	}
	return nil
}
