package emulator

import (
	"fmt"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// newOrder reads what every order method shares: bizOrderNo, amount, fee,
// backUrl, extendInfo, validateType and orderExpireDatetime, and holds its
// industryCode and tradeCode to the dictionaries (checkCodes).
func (a *app) newOrder(kind string, p params) (*order, *soa.Error) {
	o := &order{
		kind: kind, bizOrderNo: p.str("bizOrderNo"), amount: p.num("amount"), fee: p.num("fee"),
		backURL: p.str("backUrl"), extendInfo: p.str("extendInfo"), validateType: p.num("validateType"),
		frontURL: p.str("frontUrl"), validateSent: p.str("validateType") != "",
		status: statusUnpaid, orderNo: a.number(), created: a.now(),
		extendInfoEmpty: a.echoesEmpty(p, "extendInfo"),
	}
	if _, dup := a.book.byBiz[o.bizOrderNo]; dup {
		return nil, soa.Errorf("40017", "bizOrderNo %q", o.bizOrderNo)
	}
	if serr := checkCodes(kind, p); serr != nil {
		return nil, serr
	}
	if serr := checkAmounts(o.amount, o.fee); serr != nil {
		return nil, serr
	}
	if serr := a.checkExtendInfo(kindSection(kind), p); serr != nil {
		return nil, serr
	}
	exp, serr := a.expiry(p.str("orderExpireDatetime"))
	o.expires = exp
	if serr == nil && !exp.IsZero() && exp.Sub(o.created) > maxOrderLife {
		serr = a.lenient(RuleOrderExpiry, "20015", "orderExpireDatetime %s is more than 24 hours after the order "+
			"is made (%s); the platform keeps an order payable for 24 hours at most (spec %s orderExpireDatetime: "+
			"订单最长时效为 24 小时)", soa.FormatTime(exp), soa.FormatTime(o.created), expirySection(kind))
	}
	return o, serr
}

// echoesEmpty reports whether the call sent param name as "" and the op
// runs under RulesDec2026d or later, which answer it back as ""
// (echoText); an op before answered it as not sent.
func (a *app) echoesEmpty(p params, name string) bool {
	return p.sentEmpty(name) && !a.before(RulesDec2026d)
}

// maxOrderLife is how long after it is made an order can be paid at most
// (spec §4.2.2, §4.2.3, §4.2.4, §4.2.5, §4.2.23, orderExpireDatetime).
const maxOrderLife = 24 * time.Hour

// expirySection is the section whose request table gives an order of kind
// its orderExpireDatetime, the method's own: depositApply's §4.2.2,
// withdrawApply's §4.2.3, consumeApply's §4.2.4, agentCollectApply's
// §4.2.5 and crossBorderWithdrawApply's §4.2.23 each state its limits
// again. A payout's or a refund's table has none (a merchant sending one
// anyway is held to the order methods' limits, as §4.2.2 states them).
func expirySection(kind string) string {
	switch kind {
	case kindWithdraw, kindConsume, kindCollect, kindCrossBorder:
		return kindSection(kind)
	}
	return "§4.2.2"
}

// expiry reads orderExpireDatetime: "yyyy-MM-dd HH:mm:ss" China time, in
// the future of the injected clock (20015 otherwise).
func (a *app) expiry(s string) (time.Time, *soa.Error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(soa.TimestampLayout, s, soa.Shanghai())
	if err != nil {
		return time.Time{}, soa.Errorf("20015", "orderExpireDatetime %q is not \"yyyy-MM-dd HH:mm:ss\"", s)
	}
	if !t.After(a.now()) {
		return time.Time{}, soa.Errorf("20015", "orderExpireDatetime %s is not in the future (server time %s)", s, soa.FormatTime(a.now()))
	}
	return t, nil
}

// validateSMS is the validateType of an order confirmed by pay with the SMS
// code (spec §6.16).
const validateSMS = 1

// How an order goes on after its apply, by its payment (spec §5.2).
const (
	goNow  = iota // completed in the apply: balances without confirmation, a scanned code
	goWait        // waits for pay (SMS code) or a page (password, gateway, the payer's wallet)
)

// start records a new order and completes it as its payment says: at once,
// or pending until pay, its page or the channel completes it. An apply
// that the test environment answers at once (spec §5.2's test amounts)
// ends the order then. A payment refused at once leaves no order behind,
// so the merchant may retry with the same bizOrderNo.
func (a *app) start(o *order, pm payment) (map[string]any, *soa.Error) {
	o.pay, o.payMethod = pm, pm.name()
	o.phone = a.smsPhone(o.payer, pm)
	how, serr := o.confirmation(a.before(RulesDec2026))
	if serr == nil {
		serr = a.checkTestAmount(o)
	}
	if serr == nil {
		serr = a.checkFrontURL(o)
	}
	if serr == nil {
		serr = a.checkChannelExpiry(o)
	}
	if serr != nil {
		return nil, serr
	}
	if how == goNow {
		if serr := a.succeed(o); serr != nil {
			return nil, serr
		}
		a.register(o)
		return o.answer(), nil
	}
	a.register(o)
	a.answerAtOnce(o)
	return a.pendingAnswer(o), nil
}

// confirmation says how an order goes on, and sets the validateType its
// answer shows: 40028 where its method does not take the validateType sent.
// Left out, validateType is 1, SMS code confirmation, the default of spec
// §4.2.2, §4.2.4 and §4.2.5 (如不填，默认为短信验证码确认), except for the
// methods §5.2 says take none (a scanned code, the payer paying outside).
// A legacy op (logged before RulesDec2026) took a left-out validateType
// as 0.
func (o *order) confirmation(legacy bool) (int, *soa.Error) {
	ch := o.pay.channel()
	if ch == nil || ch.Confirm == soa.ConfirmSMS {
		return o.smsConfirmation(ch, legacy)
	}
	switch ch.Confirm {
	case soa.ConfirmNow:
		if o.validateType != 0 {
			return 0, wrongValidation(ch, o.validateType, "it takes none (0)")
		}
		return goNow, nil
	case soa.ConfirmPage:
		if o.validateType == 2 && len(o.pay.parts) == 1 && ch.Key != "InstallmentPayment_H5" {
			return 0, wrongValidation(ch, 2, "alone it is confirmed on its page, without a password")
		}
		if !o.validateSent && !legacy {
			o.validateType = validateSMS // confirmed on its page all the same (spec §4.2.9), never by pay
		}
		return goWait, nil
	}
	o.validateType = 0 // the payer pays outside: no validation (spec §5.2)
	return goWait, nil
}

// smsConfirmation is the confirmation of balances, cards and withdrawals:
// 0 sent completes at once, 1 or none waits for the SMS code (the
// default, spec §4.2.2-§4.2.5, §4.2.3, §4.2.23), 2 for the password page.
// The card methods always confirm, by SMS unless by password; quick pay
// (QUICKPAY_VSP) takes 0 when sent, and never 2.
func (o *order) smsConfirmation(ch *payPart, legacy bool) (int, *soa.Error) {
	key := ""
	if ch != nil {
		key = ch.Key
	}
	switch {
	case key == "QUICKPAY_VSP" && o.validateType == 2:
		return 0, wrongValidation(ch, 2, "it takes 0 (no SMS) or 1 (SMS)")
	case ch != nil && ch.Flow == soa.FlowIn && key != "QUICKPAY_VSP" && o.validateType != 2:
		o.validateType = validateSMS
		return goWait, nil
	case o.validateType == 2:
		return goWait, nil
	case o.validateType == 0 && (o.validateSent || (legacy && key != "QUICKPAY_VSP")):
		return goNow, nil
	}
	o.validateType = validateSMS
	return goWait, nil
}

func wrongValidation(ch *payPart, vt int64, why string) *soa.Error {
	return soa.Errorf("40028", "validateType %d does not go with payMethod %s: %s (spec §5.2)", vt, ch.Key, why)
}

// pendingAnswer is the answer of an order that did not complete in its
// apply: the common answer with what its method hands the payer (spec
// §4.2.2): the page to open, the WeChat APP parameters, or the POS code.
func (a *app) pendingAnswer(o *order) map[string]any {
	v := o.answer()
	ch := o.pay.channel()
	if ch == nil {
		return v
	}
	switch {
	case o.payLink():
		v["payInfo"] = payInfo(o, ch, o.created)
	case ch.Returns == soa.ReturnsWeChatAPPInfo:
		v["weChatAPPInfo"] = weChatAPPInfo(o, ch, a.now())
	case ch.Returns == soa.ReturnsPayCode:
		v["payCode"] = payCode(o.orderNo)
	}
	return v
}

// payLink reports whether the order's apply answers a payInfo holding
// tsymock's page for it (PayPagePath): a method paid outside (QR codes, JS,
// wallets) or on frontTrans.do (gateway, wallet H5, instalments). Not one
// confirmed with the payment password (validateType 2: a gateway or wallet
// H5 combined with BALANCE, an instalment), which only the signed
// payOrder.html confirms (spec §4.2.10): frontTrans.do refuses it (40028),
// so a link there could not work. The spec's payInfo rows (§4.2.2, §4.2.4,
// §4.2.5) list no link for page methods at all; tsymock's is its choice.
func (o *order) payLink() bool {
	ch := o.pay.channel()
	switch {
	case ch == nil:
		return false
	case ch.Confirm == soa.ConfirmPage:
		return o.validateType != 2
	}
	return ch.Returns == soa.ReturnsPayInfo
}

// PayPagePath is the payInfo of an order paid on a page or outside
// (gateway, wallets, QR codes): tsymock's payment page for it, where a test
// or a person completes or fails it as the payer or the channel would. The
// WeChat JS and mini-program methods and Alipay's 生活号 answer JSON with
// it under PayURLKey (payInfo).
const PayPagePath = "/yungateway/frontTrans.do?orderNo="

// pay confirms a pending order with the SMS code: the configured one, and
// for real-name pay (REALNAMEPAY, REALNAMEPAY_BATCH) also the test
// environment's 111111 (spec §5.2). The test environment's simulated channel outcome decides then.
// bizUserId is looked up first (ownMember: 30001, 30022), then the order
// (40000) and whether it is the payer's (40022); a member it pays that was
// locked after the apply is 30022 too (lockedParty).
func (e *Emulator) pay(a *app, p params) (map[string]any, *soa.Error) {
	if serr := a.ownMember(p.str("bizUserId")); serr != nil {
		return nil, serr
	}
	o, serr := a.order(p.str("bizOrderNo"))
	if serr != nil {
		return nil, serr
	}
	if o.payer != p.str("bizUserId") {
		return nil, soa.Errorf("40022", "order %s belongs to %s", o.bizOrderNo, o.payer)
	}
	now := a.now() // drawn once for both checks, as payable alone did: older logs still replay
	if serr := a.payableAt(o, now); serr != nil {
		return nil, serr
	}
	if serr := a.lockedParty(o); serr != nil {
		return nil, serr
	}
	if serr := e.smsConfirmable(a, o, p.str("verificationCode"), now); serr != nil {
		return nil, serr
	}
	if serr := a.checkRealNamePayCode(o, p.str("verificationCode")); serr != nil {
		return nil, serr
	}
	if serr := a.checkConsumerIP(p.str("consumerIp")); serr != nil {
		return nil, serr
	}
	_ = a.complete(o)
	v := map[string]any{"payStatus": o.payStatus(), "bizUserId": o.payer, "bizOrderNo": o.bizOrderNo}
	putText(v, "payFailMessage", o.errorMessage)
	return v, nil
}

// smsConfirmable checks that pay may confirm o with code: an order that
// waits for its SMS code (a page order is confirmed on its page, spec
// §4.2.9) and the code it was sent (orderCode). A legacy op took any order
// of validateType 1, and a code of any age.
func (e *Emulator) smsConfirmable(a *app, o *order, code string, now time.Time) *soa.Error {
	if a.before(RulesDec2026) {
		if o.validateType != validateSMS {
			return soa.Errorf("40028", "order %s is confirmed on its page (payMethod %s, validateType %d), not with an SMS code",
				o.bizOrderNo, o.payMethod, o.validateType)
		}
		return e.codeMatches(o, code)
	}
	if !o.waitsForSMS() {
		return soa.Errorf("40028", "order %s is confirmed on its page (payMethod %s, validateType %d), not with an SMS code "+
			"(spec §4.2.9: 网关支付及包含网关的组合支付，则以网页形式调用此前台地址; §4.2.10)", o.bizOrderNo, o.payMethod, o.validateType)
	}
	return e.orderCode(o, code, now)
}

// orderCode checks the SMS code an order is confirmed with: sent less than
// 3 minutes before now (spec §6.16: 有效期 3 分钟), and matching.
func (e *Emulator) orderCode(o *order, code string, now time.Time) *soa.Error {
	if sent := o.codeSent(); !now.Before(sent.Add(smsCodeValidity)) {
		return soa.Errorf("20011", "the SMS code of order %s expired at %s, 3 minutes after it was sent (spec §6.16: "+
			"有效期 3 分钟); %s", o.bizOrderNo, soa.FormatTime(sent.Add(smsCodeValidity)), o.newCodeHint(now))
	}
	return e.codeMatches(o, code)
}

// newCodeHint says how an order whose code expired gets a new one:
// resendPaySMS while the order takes a code, none after (40019 there).
func (o *order) newCodeHint(now time.Time) string {
	if now.Before(o.smsEnd()) {
		return "call OrderService.resendPaySMS for a new one (spec §4.2.25)"
	}
	return fmt.Sprintf("resendPaySMS sends none after %s (its orderExpireDatetime, or 30 minutes after the apply: "+
		"spec §4.2.25), so the order cannot be paid by SMS any more; apply for a new one", soa.FormatTime(o.smsEnd()))
}

// codeMatches checks code: the configured one, or for real-name pay also
// the test environment's 111111 (spec §5.2).
func (e *Emulator) codeMatches(o *order, code string) *soa.Error {
	if code != e.code && !(o.realNamePay() && code == DefaultVerificationCode) {
		// The code every emulated SMS carries is documented, not a secret:
		// naming where it is set saves a newcomer a search, as for the
		// member's codes (member_phone.go).
		return detailed("20011", msgWrongOrderCode, o.bizOrderNo, msg(msgConfiguredCode, DefaultVerificationCode))
	}
	return nil
}

// checkRealNamePayCode notes a real-name payment confirmed with a code that
// passed (smsConfirmable) but is not the test environment's 111111 (§5.2
// 实名付 note 5, line 11427): tsymock's configured code, which the test
// environment would refuse (rule test-sms-code, 20011 with --strict), as a
// cardCheck 3 binding with it is noted. Since RulesDec2026f; an older op
// passed without a note.
func (a *app) checkRealNamePayCode(o *order, code string) *soa.Error {
	if !o.realNamePay() || code == DefaultVerificationCode || a.before(RulesDec2026f) {
		return nil
	}
	return a.lenient(ruleSMSCode, "20011", "%s was confirmed with tsymock's configured code; the test environment's "+
		"code for it is %s (spec §5.2 实名付 note 5: 开通实名付时，短信验证码为 111111)", o.payMethod, DefaultVerificationCode)
}

// realNamePay reports whether an order is paid by real-name pay, single
// or batch, whose test environment takes the code 111111 (spec §5.2).
func (o *order) realNamePay() bool {
	return o.pay.part("REALNAMEPAY") != nil || o.pay.part("REALNAMEPAY_BATCH") != nil
}

// complete ends a confirmed order: the channel's simulated outcome, then
// the posting; a failure of either fails the order (see failWith).
func (a *app) complete(o *order) *soa.Error {
	serr := a.channelFailure(o)
	if serr == nil {
		serr = a.succeed(o)
	}
	if serr != nil {
		a.failWith(o, serr)
	}
	return serr
}

// payable checks that an order is waiting for payment and not expired.
func (a *app) payable(o *order) *soa.Error { return a.payableAt(o, a.now()) }

// payableAt is payable at now, a time already drawn.
func (a *app) payableAt(o *order, now time.Time) *soa.Error {
	if o.status != statusUnpaid {
		return soa.Errorf("40004", "order %s has status %d", o.bizOrderNo, o.statusAt(now))
	}
	if o.expired(now) {
		o.status = statusClosed
		return soa.Errorf("40003", "order %s closed unpaid at %s (its orderExpireDatetime, or the platform's nightly "+
			"close of orders unpaid after 24 hours, spec §4.2.1 (2))", o.bizOrderNo, soa.FormatTime(o.closesAt()))
	}
	return nil
}

// smsPhone is where an order's confirmation code goes: the phone the bank
// holds for the card paid with, else the member's bound phone; the
// platform's to PlatformPhone (none before RulesDec2026c, when no order of
// the platform waited for its code).
func (a *app) smsPhone(payer string, pm payment) string {
	if payer == OwnerPlatform && !a.before(RulesDec2026c) {
		return PlatformPhone
	}
	m, ok := a.members[payer]
	if !ok {
		return ""
	}
	if c, ok := m.cards[pm.cardNo()]; ok && c.phone != "" {
		return c.phone
	}
	return m.phone
}
