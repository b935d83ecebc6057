package pages

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/soa"
)

// Page paths of OrderService.pay.
const (
	payOrderPath   = "/yungateway/pwd/payOrder.html"
	frontTransPath = "/yungateway/frontTrans.do"
)

// orderPageFlows confirm a pending order in the browser: with the payment
// password (payOrder.html, validateType 2) or with an SMS code
// (frontTrans.do, which is also where gateway, scan and H5 payInfo links
// lead).
func orderPageFlows() map[string]pageFlow {
	return map[string]pageFlow{
		payOrderPath:   {open: openPayOrder, confirm: confirmPayOrder, fail: failOrder},
		frontTransPath: {open: openFrontTrans, confirm: confirmFrontTrans, fail: failOrder},
	}
}

// pendingOrder finds the page's order, paid by the page's member (40022),
// and sets where the browser returns: jumpUrl, else the order's frontUrl.
// An order paid by a gateway, alone or combined, returns to its frontUrl
// whatever jumpUrl says: spec §4.2.10's jumpUrl row, 如果支付方式中有网关支
// 付，无需上传此字段; §5.2's gateway row, the front page returns to frontUrl
// signed as 【订单结果通知】 (收银宝网关必传); §4.2.9, the gateway's own page,
// has no jumpUrl at all (probe-Y 9).
func pendingOrder(h *Handler, p *pageSession) (emulator.PageOrder, *soa.Error) {
	o, serr := h.emu.PendingOrder(p.sysid, p.str("bizOrderNo"))
	if serr != nil {
		return o, serr
	}
	if payer := p.str("bizUserId"); payer != o.BizUserID {
		return o, soa.Errorf("40022", "order %s is paid by %s, not %s", o.BizOrderNo, o.BizUserID, payer)
	}
	if p.returnURL == "" || paysByGateway(o.PayMethod) {
		p.returnURL, p.toJump = o.FrontURL, false
		return o, soa.CheckURL("frontUrl", o.FrontURL)
	}
	return o, nil
}

// paysByGateway reports whether payMethod (its keys joined by "+") has
// spec §5.2's 收银宝网关支付, GATEWAY_VSP or GATEWAY_VSP_ORG.
func paysByGateway(payMethod string) bool {
	for key := range strings.SplitSeq(payMethod, "+") {
		if key == "GATEWAY_VSP" || key == "GATEWAY_VSP_ORG" {
			return true
		}
	}
	return false
}

// hintGatewayReturn tells the tester, on the page and in the log, that an
// order paid by a gateway goes back to its frontUrl, not to the jumpUrl
// sent (pendingOrder).
func (h *Handler) hintGatewayReturn(p *pageSession, o emulator.PageOrder) {
	if p.str("jumpUrl") == "" || !paysByGateway(o.PayMethod) {
		return
	}
	hint := h.say(msgGatewayReturn, o.PayMethod)
	if p.view.Hint != "" {
		hint = p.view.Hint + " " + hint
	}
	p.view.Hint = hint
	h.log.LogAttrs(context.Background(), slog.LevelInfo, "page: the order pays by a gateway, so the browser returns to "+
		"its frontUrl, not to the jumpUrl sent (spec §4.2.10, §5.2)", slog.String("sysid", p.sysid),
		slog.String("bizOrderNo", o.BizOrderNo), slog.String("payMethod", o.PayMethod))
}

func openPayOrder(h *Handler, p *pageSession) *soa.Error {
	o, serr := pendingOrder(h, p)
	if serr != nil {
		return serr
	}
	if o.ValidateType != 2 {
		return soa.Errorf("40028", "order %s has validateType %d; payOrder.html confirms validateType 2 (password) orders, "+
			"frontTrans.do or OrderService.pay the others", o.BizOrderNo, o.ValidateType)
	}
	m, serr := h.emu.PageMember(p.sysid, o.BizUserID)
	if serr != nil {
		return serr
	}
	if !m.PayPwdSet {
		return soa.Errorf("30032", "bizUserId %q has no payment password; open setPayPwd.html first", o.BizUserID)
	}
	p.view = orderView("密码确认支付", o, pageInput{"password", "支付密码", "password", 6})
	h.hintGatewayReturn(p, o)
	return nil
}

// openFrontTrans opens the SMS confirmation of an order (spec §4.2.9). A
// gateway or wallet H5 alone asks for no code (emulator.SMSNone); combined
// with BALANCE or COUPON, the merchant sends the code in the signed params
// (SMSParam: 10001 without it, 20011 wrong, on the error page, the order
// still payable), and the page asks the user to pay the gateway part. Any
// other order confirmed by SMS (SMSTyped: a card's or balance's,
// validateType 1) is paid at once when the signed params carry its code
// (§4.2.9 verificationCode 短信验证码, 交易验证方式为 1-短信验证码: the code is
// the confirmation, as at OrderService.pay, and nothing is left for the
// user to do on the page; 20011 when wrong), and otherwise has the code
// typed on the page. The payInfo link is not signed, so it has the code
// of a combined order typed too.
func openFrontTrans(h *Handler, p *pageSession) *soa.Error {
	o, serr := pendingOrder(h, p)
	if serr != nil {
		return serr
	}
	if o.ValidateType == 2 {
		return soa.Errorf("40028", "order %s has validateType 2: confirm it with the password on payOrder.html", o.BizOrderNo)
	}
	p.sms = o.SMS
	if p.link && p.sms == emulator.SMSParam {
		p.sms = emulator.SMSTyped
	}
	switch p.sms {
	case emulator.SMSParam:
		code := p.str("verificationCode")
		if code == "" {
			return soa.Errorf("10001", "verificationCode: order %s pays %s, a combined payment with a gateway, whose "+
				"SMS code the merchant sends (spec §4.2.9: 组合支付含网关支付，必填，验证短信验证码)", o.BizOrderNo, o.PayMethod)
		}
		if serr := h.emu.CheckOrderCode(p.sysid, o.BizOrderNo, code); serr != nil {
			return serr
		}
		p.view = orderView("确认支付", o)
		p.view.Hint = h.say(msgSMSChecked)
	case emulator.SMSTyped:
		if code := p.str("verificationCode"); code != "" && !p.link {
			if serr := h.emu.CheckOrderCode(p.sysid, o.BizOrderNo, code); serr != nil {
				return serr
			}
			p.view, p.payNow = orderView("确认支付", o), true
			return nil
		}
		p.view = orderView("短信确认支付", o, pageInput{"verificationCode", "短信验证码", "text", 6})
		p.view.Hint = h.smsHint("")
	default:
		p.view = orderView("确认支付", o)
		p.view.Hint = h.say(msgNoSMS)
	}
	h.hintGatewayReturn(p, o)
	return nil
}

// openOrderLink opens frontTrans.do?orderNo=..., the payInfo link of a
// gateway, scan or H5 deposit: the link is not signed, so the order is
// found by its number among the registered applications.
func (h *Handler) openOrderLink(w http.ResponseWriter, r *http.Request, orderNo string) {
	p, serr := h.orderLinkSession(orderNo)
	if serr == nil {
		visitOf(w).session(p)
		serr = openFrontTrans(h, p)
	}
	if serr != nil {
		h.pageError(w, r, serr)
		return
	}
	h.showPage(w, r, p)
}

func (h *Handler) orderLinkSession(orderNo string) (*pageSession, *soa.Error) {
	for _, a := range h.apps.All() {
		biz, serr := h.emu.LinkedOrder(a.SysID, orderNo)
		if serr != nil && serr.Code == "40000" {
			continue
		}
		if serr != nil {
			return nil, serr
		}
		o, serr := h.emu.PendingOrder(a.SysID, biz)
		if serr != nil {
			return nil, serr
		}
		return &pageSession{path: frontTransPath, sysid: a.SysID, service: soa.OrderService, method: "pay", link: true,
			param: map[string]any{"bizOrderNo": biz, "bizUserId": o.BizUserID}}, nil
	}
	return nil, soa.Errorf("40000", "no application has orderNo %q", orderNo)
}

// orderView is what a payment page shows of an order.
func orderView(title string, o emulator.PageOrder, inputs ...pageInput) pageView {
	rows := []pageRow{{"订单号 orderNo", o.OrderNo}, {"商户订单号 bizOrderNo", o.BizOrderNo},
		{"付款会员", o.BizUserID}, {"金额", yuan(o.Amount)}}
	if o.Fee > 0 {
		rows = append(rows, pageRow{"手续费", yuan(o.Fee)})
	}
	if o.PayMethod != "" {
		rows = append(rows, pageRow{"支付方式", o.PayMethod})
	}
	return pageView{Title: title, Lead: "请确认以下订单并完成支付。", Rows: rows, Inputs: inputs,
		Confirm: "确认支付", Fail: "支付失败", FailCode: "40006", FailMessage: "用户取消支付"}
}

// yuan formats fen as the pages show money: ¥12.34.
func yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s¥%d.%02d", sign, fen/100, fen%100)
}

func confirmPayOrder(h *Handler, p *pageSession, form url.Values) (string, *soa.Error) {
	pwd, serr := typedPassword(form, "password")
	if serr != nil {
		return "", serr
	}
	if serr := h.emu.CheckPayPwd(p.sysid, p.str("bizUserId"), pwd); serr != nil {
		return "", serr
	}
	return payOrder(h, p)
}

func confirmFrontTrans(h *Handler, p *pageSession, form url.Values) (string, *soa.Error) {
	if p.sms == emulator.SMSTyped && !p.payNow { // payNow: the signed params' code, checked when it opened
		if serr := h.emu.CheckOrderCode(p.sysid, p.str("bizOrderNo"), form.Get("verificationCode")); serr != nil {
			return "", serr
		}
	}
	return payOrder(h, p)
}

// payOrder completes the order. A payment the balance no longer covers
// fails the order, whose result is returned like a success's; an order
// that is no longer pending is an error page.
func payOrder(h *Handler, p *pageSession) (string, *soa.Error) {
	_, serr := h.emu.ConfirmOrder(p.sysid, p.str("bizOrderNo"))
	if serr != nil && !orderNotified(serr) {
		return "", serr
	}
	return h.orderRPS(p)
}

// failOrder is the fail button: the order fails with 40006 and the message,
// returned to the merchant's page (backUrl hears nothing, spec §4.2.15).
func failOrder(h *Handler, p *pageSession, _, message string) (string, *soa.Error) {
	if _, serr := h.emu.FailOrder(p.sysid, p.str("bizOrderNo"), message); serr != nil {
		return "", serr
	}
	return h.orderRPS(p)
}

// orderNotified reports whether ConfirmOrder's error ended the order (with
// a result to return) rather than finding it not payable: unknown, no
// longer waiting, expired, or with its payer or a member it pays locked
// since the page opened (30022, spec §4.1.15; the order waits).
func orderNotified(serr *soa.Error) bool {
	switch serr.Code {
	case "40000", "40003", "40004", "30022":
		return false
	}
	return true
}

// orderRPS is the rps of the order's result, returned to frontUrl exactly
// as backUrl receives it (spec §4.2.15 note 1: the order result
// notification goes to frontUrl or backUrl) and to jumpUrl (toJump) with
// the keys of its table too (jumpUrlValue). A failed payment is not notified to
// backUrl (spec §4.2.15): the page returns its result all the same, so
// that the browser gets back to the merchant.
func (h *Handler) orderRPS(p *pageSession) (string, *soa.Error) {
	biz := p.str("bizOrderNo")
	ev, ok := h.notify.LatestEvent(func(ev emulator.Event) bool {
		return ev.SysID == p.sysid && ev.Order && ev.ReturnValue["bizOrderNo"] == biz
	})
	if !ok {
		ev, ok = h.emu.OrderResult(p.sysid, biz)
	}
	if !ok {
		return "", soa.Errorf("9000", "tsymock: order %s has no result to return", biz)
	}
	rpsText := notify.RPSText
	if p.toJump {
		ev.ReturnValue = jumpUrlValue(ev, p.str("bizUserId"))
		rpsText = jumpURLRPS
	}
	rps, err := rpsText(ev)
	if err != nil {
		return "", soa.Errorf("9999", "tsymock: the result of order %s: %v", biz, err)
	}
	return rps, nil
}

// jumpUrlValue is the returnValue of an order's result as jumpUrl gets it:
// the notification's keys and those spec §4.2.10's jumpUrl table requires
// besides: payStatus (success, pending or fail), payFailMessage of a
// failure, and the payer's bizUserId. The table calls the object
// signedValue, where jumpURLRPS puts it too; tsymock keeps it in
// returnValue as well, the key of every notification, so that one handler
// reads both (docs/pages.md). It fills ev's own
// returnValue: orderRPS's event is a copy (LatestEvent, OrderResult).
func jumpUrlValue(ev emulator.Event, payer string) map[string]any {
	rv := ev.ReturnValue
	if rv == nil {
		rv = map[string]any{}
	}
	rv["bizUserId"] = payer
	switch ev.Status {
	case emulator.EventOK:
		rv["payStatus"] = "success"
	case emulator.EventError:
		rv["payStatus"], rv["payFailMessage"] = "fail", ev.Message
	default:
		rv["payStatus"] = "pending"
	}
	return rv
}
