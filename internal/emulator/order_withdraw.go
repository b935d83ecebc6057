package emulator

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// FailMarker in a withdrawal's extendInfo (withdrawApply,
// crossBorderWithdrawApply) makes the withdrawal fail after it is
// accepted, as a bank refusing the transfer would: no money moves, the
// order ends with status 3 and its failure is notified, with 40006 支付失败,
// or with CODE when the marker is FailMarker+":"+CODE and CODE is an
// error code of §7 (markedFailure).
const FailMarker = "tsymock:fail"

// defaultWithdrawal is the channel of a withdrawal that names none: 通联通代付
// (spec §4.2.3, payMethod).
func defaultWithdrawal() map[string]any {
	return map[string]any{"WITHDRAW_TLT": map[string]any{"payTypeName": "withdraw_tlt"}}
}

// withdrawApply sends money from a member's account to a bound card (spec
// §4.2.3) through one outbound channel of spec §5.2 (WITHDRAW_TLT when
// payMethod is left out): the amount less the fee leaves the ledger, the
// fee goes to the platform. validateType 0 pays at once, 2 waits for the
// password page, and 1, the default when none is sent (spec §4.2.3), for
// the SMS code (pay).
func withdrawApply(a *app, p params) (map[string]any, *soa.Error) {
	if p.str("bizUserId") == OwnerPlatform {
		return a.platformWithdrawal(p)
	}
	m, set, serr := a.memberAccount("withdrawApply", p)
	if serr != nil {
		return nil, serr
	}
	card, serr := a.withdrawalAccount(m, p)
	if serr != nil {
		return nil, serr
	}
	if serr := a.canWithdrawTo(m, card); serr != nil {
		return nil, serr
	}
	if serr := a.checkWithdrawValidation("withdrawApply", m, p); serr != nil {
		return nil, serr
	}
	return a.withdraw(kindWithdraw, "withdrawApply", m, set, cardHint(card.cardNo), p)
}

// withdrawalAccount is where a member's withdrawal goes (spec §4.2.3
// bankCardNo, 绑定的银行卡号/账号): a card bound to it (bankCardPro 0, the
// default; 30045 otherwise), or with bankCardPro 1 (企业对公账户) an
// enterprise's corporate account, the accountNo its setCompanyInfo gave
// (§5.4), which is bound by the audit, not by applyBindBankCard: 30045 for
// another number, 10000 for a person, which has none. An enterprise not
// approved is noted by checkWithdrawerReady.
func (a *app) withdrawalAccount(m *member, p params) (*bankCard, *soa.Error) {
	no := p.str("bankCardNo")
	if p.str("bankCardPro") != "1" {
		card, ok := m.cards[no]
		if !ok {
			return nil, soa.Errorf("30045", "withdrawal to a card that is not bound to %s", m.bizUserID)
		}
		return card, nil
	}
	if m.memberType != memberEnterprise {
		return nil, soa.Errorf("10000", "bankCardPro 1 (企业对公账户): bizUserId %q is a person, whose withdrawals go to "+
			"a bound card, bankCardPro 0 (spec §4.2.3)", m.bizUserID)
	}
	if m.company == nil || m.company.info["accountNo"] != no {
		return nil, soa.Errorf("30045", "bankCardNo %s with bankCardPro 1: not the corporate account of bizUserId %q, the "+
			"accountNo of its setCompanyInfo (spec §4.2.3, §5.4)", cardHint(no), m.bizUserID)
	}
	return &bankCard{cardNo: no, cardType: cardDebit, bankName: m.company.info["parentBankName"]}, nil
}

// canWithdrawTo checks where a withdrawal may go: a debit card (spec
// §4.1.12, 30040 卡类型不正确), and a person with a safe card withdraws to it
// only (§4.2.3 note 2; 30029, the closest code of §7); and that the member
// may withdraw at all (checkWithdrawerReady).
func (a *app) canWithdrawTo(m *member, card *bankCard) *soa.Error {
	if card.cardType == cardCredit {
		return soa.Errorf("30040", "card %s is a credit card: a withdrawal goes to a bound debit card (spec §4.1.12)", cardHint(card.cardNo))
	}
	if safe := m.safeCard(); m.memberType == memberPersonal && safe != nil && safe != card {
		return soa.Errorf("30029", "card %s: bizUserId %q has the safe card %s, and a person with a safe card "+
			"withdraws to it only (spec §4.2.3 note 2)", cardHint(card.cardNo), m.bizUserID, cardHint(safe.cardNo))
	}
	return a.checkWithdrawerReady("withdrawApply", m)
}

// checkWithdrawerReady notes what a member lacks to make a withdrawal
// order, withdrawApply's prerequisites, which crossBorderWithdrawApply
// shares (spec §4.2.23 note 3: 发起跨境提现的前置条件同 4.2.3 提现申请): a person
// real-named and an enterprise approved (§4.2.3 note 1: 个人用户还需完成实名认证,
// the audit passed; 30008, or 30030 or 30050), its phone bound (note 1: 创建提现订单需要
// 先绑定手机; 30021), the e-contract signed (§4.1.4 note 6; 30046). tsymock
// let such withdrawals pass before, so each is a note (member-prerequisite),
// its code with --strict; without a phone the contract is not looked at.
// A withdrawApply to a bound card never lacks the first: binding one takes
// the real name or the approval (app.holder), and neither can be undone
// (setCompanyInfo after an approval is 30023), so logs of older rules
// replay the same without a gate here.
func (a *app) checkWithdrawerReady(method string, m *member) *soa.Error {
	if m == a.platform {
		return nil
	}
	if code, lacks := a.unverified(m); code != "" {
		if serr := a.lenient(rulePrerequisite, code, "%s of bizUserId %q before %s: spec §4.2.3 note 1 wants a person "+
			"real-named and an enterprise's audit passed%s", method, m.bizUserID, lacks, sharedBy(method)); serr != nil {
			return serr
		}
	}
	if m.phone == "" {
		return a.lenient(rulePrerequisite, "30021", "%s of bizUserId %q before its phone is bound: spec §4.2.3 "+
			"note 1 wants bindPhone first%s", method, m.bizUserID, sharedBy(method))
	}
	if m.pages.contractNo == "" {
		return a.lenient(rulePrerequisite, "30046", "%s of bizUserId %q before it signed the e-contract: spec "+
			"§4.1.4 note 6 keeps withdrawals from members that have not (signContract page)%s", method, m.bizUserID,
			sharedBy(method))
	}
	return nil
}

// checkWithdrawValidation notes an enterprise's withdrawal to be confirmed
// by payment password (validateType 2). Spec §4.2.3 has an enterprise
// confirm its withdrawal, to its corporate account or to the legal
// person's card, by pay with the SMS code (lines 5145, 5161: 通过支付确认接口确认
// 提现交易(企业用户请使用【后台+短信验证码验证】方式)), and an enterprise has no
// payment password to confirm one with (§4.1.17 note 1: 仅支持个人会员; the
// password pages answer it 30006), so the order could never be paid. The
// spec says 请使用 (please use), not how the platform answers otherwise: a
// note (RuleEnterpriseValidation), and with --strict 40028 交易验证方式错误,
// the code of a validateType a method does not take. crossBorderWithdrawApply
// shares it (§4.2.23 note 3). An op before RulesDec2026c was taken without
// a note.
func (a *app) checkWithdrawValidation(method string, m *member, p params) *soa.Error {
	if m.memberType != memberEnterprise || p.num("validateType") != 2 || a.before(RulesDec2026c) {
		return nil
	}
	return a.lenient(RuleEnterpriseValidation, "40028", "%s of enterprise bizUserId %q with validateType 2 (payment "+
		"password): spec §4.2.3 has an enterprise confirm its withdrawal by pay with the SMS code, validateType 1 "+
		"(企业用户请使用【后台+短信验证码验证】方式), and an enterprise sets no payment password (§4.1.17 note 1), so the "+
		"order could never be confirmed%s", method, m.bizUserID, sharedBy(method))
}

// sharedBy is what a prerequisite or validation note of a withdrawal
// method other than withdrawApply adds: the note that gives it
// withdrawApply's.
func sharedBy(method string) string {
	if method == "crossBorderWithdrawApply" {
		return " (§4.2.23 note 3: 发起跨境提现的前置条件同 4.2.3 提现申请)"
	}
	return ""
}

// withdraw makes a withdrawal order of kind (a withdrawal, a cross-border
// one) to the card acct: its channel, its legs, and its start.
func (a *app) withdraw(kind, orderMethod string, m *member, set, acctHint string, p params) (map[string]any, *soa.Error) {
	o, serr := a.newOrder(kind, p)
	if serr != nil {
		return nil, serr
	}
	if !o.validateSent {
		o.validateType = validateSMS // the default of spec §4.2.3 and §4.2.23
	}
	methods := p["payMethod"]
	if len(asMap(methods)) == 0 {
		methods = defaultWithdrawal()
	}
	pm, serr := readPayment(orderMethod, methods, o.amount, a.before(RulesDec2026b))
	if serr == nil {
		serr = checkEnterpriseBranch(m, pm)
	}
	if serr == nil {
		serr = a.checkWithdrawType(pm, p.str("withdrawType"))
	}
	if serr == nil {
		serr = a.checkWithdrawBody(pm, o.amount)
	}
	if serr != nil {
		return nil, serr
	}
	o.payer, o.accountSet, o.acct = m.bizUserID, set, acctHint
	o.legs = []Leg{
		{acct(m.bizUserID, set), acct(OwnerOutside, set), o.amount - o.fee},
		{acct(m.bizUserID, set), a.feeAccount(set), o.fee},
	}
	if strings.Contains(o.extendInfo, FailMarker) && (o.validateType == 0 || a.before(RulesDec2026e)) {
		o.pay, o.payMethod = pm, pm.name()
		a.register(o)
		a.failWith(o, a.markedFailure(o.extendInfo))
		return o.answer(), nil
	}
	return a.start(o, pm) // one confirmed by SMS or password fails when it is (markedWithdrawal)
}

// markedWithdrawal is the failure of a withdrawal whose extendInfo holds
// FailMarker, when it is confirmed (pay, the password page): since
// RulesDec2026e one with validateType 1 or 2 waits for its confirmation
// as any other and the bank refuses it then (it failed at the apply,
// before the user confirmed, and pay answered 40004); nil for another
// order.
func (a *app) markedWithdrawal(o *order) *soa.Error {
	if (o.kind != kindWithdraw && o.kind != kindCrossBorder) || !strings.Contains(o.extendInfo, FailMarker) {
		return nil
	}
	return a.markedFailure(o.extendInfo)
}

// markedFailure is the error of a withdrawal whose extendInfo holds
// FailMarker: 40006 支付失败; since RulesDec2026d, with tsymock:fail:CODE,
// CODE with §7's text when the catalogue has it (30047, 40014, ...), so
// that a merchant tests its handling of that code in the order, its
// notification and getOrderDetail. A CODE the catalogue lacks keeps 40006,
// and the message says why.
func (a *app) markedFailure(extendInfo string) *soa.Error {
	code, marked := failCode(extendInfo)
	if !marked || a.before(RulesDec2026d) { // an older op failed with 40006 whatever followed the marker
		return soa.Errorf("40006", "the bank refused the withdrawal (%s in extendInfo)", FailMarker)
	}
	if _, known := soa.Message(code); known {
		return soa.Errorf(code, "the bank refused the withdrawal (%s:%s in extendInfo)", FailMarker, code)
	}
	return soa.Errorf("40006", "the bank refused the withdrawal (%s in extendInfo; %q is no error code of "+
		"spec §7, so 40006)", FailMarker, code)
}

// failCode is the CODE of the first FailMarker+":"+CODE in extendInfo,
// the ASCII letters and digits after the colon; marked is false when the
// marker has no ":" and CODE after it.
func failCode(extendInfo string) (code string, marked bool) {
	_, rest, found := strings.Cut(extendInfo, FailMarker+":")
	if !found {
		return "", false
	}
	if end := strings.IndexFunc(rest, func(r rune) bool {
		return !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}); end >= 0 {
		rest = rest[:end]
	}
	return rest, rest != ""
}

// unsupportedWithdrawTypes are the withdrawTypes a channel does not take
// (spec §4.2.3 note 6's table: 山东代付 not D0customized, 金服宝代付 neither
// T1customized nor D0customized); 通联通代付 and 华通代付 take all four.
func unsupportedWithdrawTypes(channel string) []string {
	switch channel {
	case "WITHDRAW_SD":
		return []string{"D0customized"}
	case "WITHDRAW_JFB":
		return []string{"T1customized", "D0customized"}
	}
	return nil
}

// checkWithdrawType holds withdrawType to spec §4.2.3 note 6: one of
// D0 (the default), D1, T1customized and D0customized, else noted
// withdraw-type (PROTOCOL.md and §7's 40035 提现只支持T0T1 name an older T0
// and T1 that SDKs still send); and 40042 (该提现方式不支持) for one its
// channel does not take.
func (a *app) checkWithdrawType(pm payment, withdrawType string) *soa.Error {
	if withdrawType != "" && !slices.Contains(withdrawTypes(), withdrawType) {
		return a.lenient(RuleWithdrawType, "40042", "withdrawType %q: spec §4.2.3 note 6 takes %s", withdrawType,
			strings.Join(withdrawTypes(), ", "))
	}
	ch := pm.channel()
	if ch == nil || !slices.Contains(unsupportedWithdrawTypes(ch.Key), withdrawType) {
		return nil
	}
	return soa.Errorf("40042", "withdrawType %s: %s does not take it (spec §4.2.3 note 6)", withdrawType, ch.Key)
}

// withdrawTypes are the values of withdrawType (spec §4.2.3 note 6).
func withdrawTypes() []string { return []string{"D0", "D1", "T1customized", "D0customized"} }

// platformWithdrawal is the platform's withdrawal from its own account in
// accountSetNo to its corporate account bankCardNo, which bankCardPro 1
// says it is (spec §4.2.3: 平台提现，必填 1; 10001 without it, 10000 for
// another value); the account is the platform's own, bound nowhere. It is
// confirmed as a member's is, validateType 0 at once and 1 or none (如不填，
// 默认为短信验证码确认) by pay with the SMS code, which pay takes from the
// platform (§4.2.8 bizUserId: 若平台，上送固定值：#yunBizUserId_B2C#), its
// code sent to PlatformPhone; never by password (平台提现，只支持无验证和短信验证:
// 40028). An op before RulesDec2026c completed at once whatever validateType
// said.
func (a *app) platformWithdrawal(p params) (map[string]any, *soa.Error) {
	switch pro := p.str("bankCardPro"); pro {
	case "1":
	case "":
		return nil, soa.Errorf("10001", "bankCardPro: spec §4.2.3 requires 1 (企业对公账户) for a platform withdrawal")
	default:
		return nil, soa.Errorf("10000", "bankCardPro %s: a platform withdrawal goes to its corporate account, 1 (spec §4.2.3)", pro)
	}
	set := p.str("accountSetNo")
	if serr := a.checkPlatformSet("withdrawApply", "§4.2.3", set, append([]string{SetDeposit}, reserveSets()...)...); serr != nil {
		return nil, serr
	}
	if p.num("validateType") == 2 {
		return nil, soa.Errorf("40028", "validateType 2: a platform withdrawal is confirmed without validation or by SMS "+
			"code only (spec §4.2.3, validateType)")
	}
	account := p.str("bankCardNo")
	if len(account) < 6 || strings.Trim(account, "0123456789") != "" {
		return nil, soa.Errorf("10000", "bankCardNo: the platform's corporate account is a number of 6 digits or more")
	}
	platform, _ := a.actor(OwnerPlatform)
	if a.before(RulesDec2026c) {
		now := maps.Clone(p)
		now["validateType"] = json.Number("0")
		p = now
	}
	return a.withdraw(kindWithdraw, "withdrawApply", platform, set, cardHint(account), p)
}
