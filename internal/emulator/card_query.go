package emulator

import (
	"cmp"
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// bindStateBound is a listed card's bindState: queryBankCard lists bound
// cards only.
const bindStateBound = 1

// queryBankCard lists the member's bound cards, oldest binding first, or the
// one card cardNo names (an empty list when it is not bound). bankCardNo is
// answered in plain text; the catalogue has the mock encrypt it.
func queryBankCard(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	only := p.str("cardNo")
	list := []any{}
	if corp := m.corporateAccount(); corp != nil && (only == "" || corp["bankCardNo"] == only) {
		list = append(list, corp)
	}
	for _, c := range m.sortedCards() {
		if only == "" || c.cardNo == only {
			list = append(list, c.listed())
		}
	}
	return map[string]any{"bindCardList": list}, nil
}

// bankCardCorporate is bankCardPro of an enterprise's corporate account
// (spec §5.7: 1 企业对公账户).
const bankCardCorporate = 1

// corporateAccount is an approved enterprise's corporate account as an
// item of bindCardList, nil for any other member: the accountNo of its
// setCompanyInfo, bound by the audit (spec §5.7: bindMethod 0 for a
// corporate account, bankCardPro 1, bankCityNo, branchBankName and
// unionBank from §5.4). It is listed first, bound when the audit passed;
// it is no safe card, and has no phone key: §5.7 returns the bank-reserved
// phone only of a card bound by four elements (仅四要素绑定的银行卡返回),
// which the audit's account is not.
func (m *member) corporateAccount() map[string]any {
	c := m.company
	if m.memberType != memberEnterprise || c == nil || c.status != auditApproved || c.info["accountNo"] == "" {
		return nil
	}
	v := map[string]any{"bankCardNo": c.info["accountNo"], "bankName": c.info["parentBankName"],
		"bindTime": soa.FormatTime(c.checkTime), "cardType": int64(cardDebit), "bindState": bindStateBound,
		"isSafeCard": false, "bindMethod": 0, "bankCardPro": bankCardCorporate}
	for key, from := range map[string]string{"branchBankName": "bankName", "bankCityNo": "bankCityNo", "unionBank": "unionBank"} {
		if c.info[from] != "" {
			v[key] = c.info[from]
		}
	}
	return v
}

// sortedCards returns the member's cards by bind time, then number.
func (m *member) sortedCards() []*bankCard {
	cards := make([]*bankCard, 0, len(m.cards))
	for _, c := range m.cards {
		cards = append(cards, c)
	}
	slices.SortFunc(cards, func(x, y *bankCard) int {
		return cmp.Or(x.bindTime.Compare(y.bindTime), cmp.Compare(x.cardNo, y.cardNo))
	})
	return cards
}

// bankCardPersonal is bankCardPro of a personal card: members bind no
// corporate accounts through the API (spec §5.7).
const bankCardPersonal = 0

// listed is a card as an item of bindCardList (spec §5.7): bindMethod is
// the cardCheck it was bound with; unionBank only when it was sent; phone
// only for a card bound by four elements (仅四要素绑定的银行卡返回), every
// cardCheck of §6.18 but 1, 通联通账户实名验证(三要素), which checks name,
// identity and card without the phone (the others check the phone too, by
// the bank's records or an SMS to it).
func (c *bankCard) listed() map[string]any {
	v := map[string]any{"bankCardNo": c.cardNo, "bankName": c.bankName, "bindTime": soa.FormatTime(c.bindTime),
		"cardType": c.cardType, "bindState": bindStateBound, "isSafeCard": c.isSafeCard,
		"bindMethod": c.bindMethod, "bankCardPro": bankCardPersonal}
	if c.bindMethod != checkAccountThree {
		v["phone"] = c.phone
	}
	if c.unionBank != "" {
		v["unionBank"] = c.unionBank
	}
	return v
}

// boundCard finds a card bound to the member, or 30045. An enterprise's
// corporate account, which queryBankCard lists as bound, is refused with
// corporate's code: the audit bound it, and it is changed off line.
func (m *member) boundCard(cardNo, corporate string) (*bankCard, *soa.Error) {
	c, ok := m.cards[cardNo]
	if ok {
		return c, nil
	}
	if corp := m.corporateAccount(); corp != nil && corp["bankCardNo"] == cardNo {
		return nil, soa.Errorf(corporate, "card %s is the corporate account of enterprise bizUserId %q, bound by the audit "+
			"of setCompanyInfo: it is changed off line, on a request to Allinpay, not through the API (spec §4.1.10 note 4, "+
			"§4.1.12 note 2, §4.1.14 note 2)", cardHint(cardNo), m.bizUserID)
	}
	return nil, soa.Errorf("30045", "card %s is not bound to bizUserId %q", cardHint(cardNo), m.bizUserID)
}

// unbindBankCard removes a bound card (30045 when it is not). The safe card
// cannot be unbound (30027), as on the platform, where it is where
// withdrawals go; nor can an enterprise's cards, its corporate account
// included (30015 解绑银行卡失败). A card bound by cardCheck 1 is noted
// (checkUnbindMethod).
func unbindBankCard(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	c, serr := m.boundCard(p.str("cardNo"), a.corporateRefusal("30015"))
	if serr != nil {
		return nil, serr
	}
	if c.isSafeCard {
		return nil, soa.Errorf("30027", "card %s is the safe card of bizUserId %q", cardHint(c.cardNo), m.bizUserID)
	}
	if m.memberType == memberEnterprise {
		return nil, soa.Errorf("30015", "card %s of enterprise bizUserId %q: an enterprise's personal card is not "+
			"unbound through the API, but on a change request to Allinpay (spec §4.1.10 note 4)", cardHint(c.cardNo), m.bizUserID)
	}
	if serr := a.checkUnbindMethod(c); serr != nil {
		return nil, serr
	}
	delete(m.cards, c.cardNo)
	return map[string]any{"bizUserId": m.bizUserID, "cardNo": c.cardNo}, nil
}

// checkUnbindMethod notes the unbinding of a card bound by cardCheck 1
// (card-unbind-method; 30015 解绑银行卡失败 with --strict): spec §4.1.14
// note 2 lists the bindings unbindBankCard is for (适用于四要素+短信绑定、实名付
// 绑定、账户实名验证(四要素)、通联通快捷、收银宝快捷、万鉴通四要素绑定的银行卡), and
// 通联通账户实名验证(三要素) is not among them. A legacy op (before
// RulesDec2026b) was not noted.
func (a *app) checkUnbindMethod(c *bankCard) *soa.Error {
	if c.bindMethod != checkAccountThree || a.before(RulesDec2026b) {
		return nil
	}
	return a.lenient(RuleUnbindMethod, "30015", "card %s was bound by cardCheck 1 (通联通账户实名验证(三要素)), which "+
		"spec §4.1.14 note 2 does not list among the bindings unbindBankCard is for", cardHint(c.cardNo))
}

// setSafeCard makes a bound card (30045) the member's safe card: a debit card
// (30025), while no other card is (30026). Setting the safe card again is
// answered OK. setSafeCard false is 10000: the spec does not support it
// (§4.1.12), and a safe card stays one. An enterprise's corporate account is
// 30028 设置安全卡失败: an enterprise needs no safe card (§4.1.12 note 2),
// and the account is changed off line.
func setSafeCard(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	if p.str("setSafeCard") != "" && !p.flag("setSafeCard") {
		return nil, soa.Errorf("10000", "setSafeCard false is not supported (spec §4.1.12): a safe card is changed "+
			"by the platform's staff, not through the API")
	}
	c, serr := m.boundCard(p.str("cardNo"), a.corporateRefusal("30028"))
	if serr != nil {
		return nil, serr
	}
	if serr := m.checkSafe(c.cardType, true, c.cardNo); serr != nil {
		return nil, serr
	}
	c.isSafeCard = true
	return map[string]any{"bizUserId": m.bizUserID, "cardNo": c.cardNo}, nil
}

// corporateRefusal is the code that refuses an enterprise's corporate
// account to unbindBankCard (30015) or setSafeCard (30028); a legacy op
// (logged before RulesDec2026) was refused 30045 该银行卡未绑定.
func (a *app) corporateRefusal(code string) string {
	if a.before(RulesDec2026) {
		return "30045"
	}
	return code
}
