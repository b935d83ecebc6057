package pages

import (
	"net/url"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
)

// pwdPage is one MemberPwdService page: the fields it asks for and the
// change its confirm button makes.
type pwdPage struct {
	method, title, lead string
	section             string // the spec's, which its notes cite
	inputs              []pageInput
	smsHint             bool // the page has an SMS code field
	// phoneParam names the param that carries the member's bound phone
	// (NoPhone for a member without one), "" when the page takes none.
	phoneParam string
	// notifyMethod names the backUrl notification (set, update and reset
	// all notify setPayPwd, PROTOCOL.md §5).
	notifyMethod string
	change       func(h *Handler, p *pageSession, form url.Values) *soa.Error
	// returnValue is the notification's returnValue, which jumpUrl gets
	// with the result of its table.
	returnValue func(p *pageSession, form url.Values) map[string]any
}

func pwdPages() []pwdPage {
	newPwd := []pageInput{{"password", "新支付密码（6位数字）", "password", 6}, {"password2", "再次输入新支付密码", "password", 6}}
	code := pageInput{"verificationCode", "短信验证码", "text", 6}
	return []pwdPage{
		{method: "setPayPwd", section: "§4.1.17", title: "设置支付密码", lead: "为会员设置 6 位数字支付密码，用于密码确认支付。",
			inputs: newPwd, phoneParam: "phone", notifyMethod: "setPayPwd", change: setPayPwd, returnValue: bizUserOnly},
		{method: "updatePayPwd", section: "§4.1.18", title: "修改支付密码", lead: "输入原支付密码，设置新的支付密码。",
			inputs:       append([]pageInput{{"oldPassword", "原支付密码", "password", 6}}, newPwd...),
			notifyMethod: "setPayPwd", change: updatePayPwd, returnValue: bizUserOnly},
		{method: "resetPayPwd", section: "§4.1.19", title: "重置支付密码", lead: "忘记支付密码：输入发送到绑定手机的短信验证码，设置新的支付密码。",
			inputs: append([]pageInput{code}, newPwd...), smsHint: true, phoneParam: "phone",
			notifyMethod: "setPayPwd", change: resetPayPwd, returnValue: bizUserOnly},
		{method: "updatePhoneByPayPwd", section: "§4.1.20", title: "修改绑定手机", lead: "输入支付密码和新手机号，并输入发送到新手机的短信验证码。",
			inputs:  []pageInput{{"password", "支付密码", "password", 6}, {"newPhone", "新手机号", "tel", 11}, code},
			smsHint: true, phoneParam: "oldPhone", notifyMethod: "updatePhoneByPayPwd", change: updatePhone,
			returnValue: func(p *pageSession, form url.Values) map[string]any {
				return map[string]any{"bizUserId": p.str("bizUserId"), "newPhone": form.Get("newPhone")}
			}},
	}
}

func bizUserOnly(p *pageSession, _ url.Values) map[string]any {
	return map[string]any{"bizUserId": p.str("bizUserId")}
}

// flow turns the page into its open, confirm and fail steps.
func (pp pwdPage) flow() pageFlow {
	return pageFlow{open: pp.open, confirm: pp.confirm, fail: failMemberPage}
}

// open checks the identity and the phone the page was opened with (spec
// §4.1.17-§4.1.20: the bound phone, or 88888888888 for a member without
// one, §4.1.23) and that the method fits the member (a password to set,
// or one to change).
func (pp pwdPage) open(h *Handler, p *pageSession) *soa.Error {
	bizUserID := p.str("bizUserId")
	if serr := h.emu.CheckIdentity(p.sysid, bizUserID, p.str("name"), p.num("identityType"), p.str("identityNo")); serr != nil {
		return serr
	}
	if pp.phoneParam != "" {
		if serr := h.emu.CheckPagePhone(p.sysid, bizUserID, p.str(pp.phoneParam)); serr != nil {
			return serr
		}
	}
	if serr := h.emu.CanChangePayPwd(p.sysid, pp.method, bizUserID); serr != nil {
		return serr
	}
	m, serr := h.emu.PageMember(p.sysid, bizUserID)
	if serr != nil {
		return serr
	}
	p.view = pageView{Title: pp.title, Lead: pp.lead, Rows: memberRows(m), Inputs: pp.inputs,
		Confirm: "确认", Fail: "取消", FailCode: "9000", FailMessage: "用户取消操作", CodeChoice: true}
	switch {
	case pp.method == "updatePhoneByPayPwd":
		p.view.Hint = h.smsHint("") // the code goes to the new phone
	case pp.smsHint && m.Phone == "":
		// Spec §4.1.23 note 5 has a member without a phone reset its
		// password with 88888888888 and says no more of the code.
		p.view.Hint = h.say(msgNoPhone, m.BizUserID, emulator.NoPhone, h.smsCode())
	case pp.smsHint:
		p.view.Hint = h.smsHint(m.Phone)
	}
	return nil
}

func (pp pwdPage) confirm(h *Handler, p *pageSession, form url.Values) (string, *soa.Error) {
	if serr := pp.change(h, p, form); serr != nil {
		return "", serr
	}
	rv := pp.returnValue(p, form)
	rv["result"] = resultOK
	return pageRPS(emulator.Event{Service: p.service, Method: p.method, Status: emulator.EventOK, ReturnValue: rv})
}

// newPassword reads the new password typed twice: the same (10000), and
// six digits (typedPassword).
func newPassword(form url.Values) (string, *soa.Error) {
	if form.Get("password") != form.Get("password2") {
		return "", detailed("10000", msgPwdsDiffer)
	}
	return typedPassword(form, "password")
}

func setPayPwd(h *Handler, p *pageSession, form url.Values) *soa.Error {
	pwd, serr := newPassword(form)
	if serr != nil {
		return serr
	}
	return h.emu.SetPayPwd(p.sysid, p.str("bizUserId"), pwd, p.backURL)
}

func updatePayPwd(h *Handler, p *pageSession, form url.Values) *soa.Error {
	old, serr := typedPassword(form, "oldPassword")
	if serr != nil {
		return serr
	}
	pwd, serr := newPassword(form)
	if serr != nil {
		return serr
	}
	return h.emu.UpdatePayPwd(p.sysid, p.str("bizUserId"), old, pwd, p.backURL)
}

func resetPayPwd(h *Handler, p *pageSession, form url.Values) *soa.Error {
	pwd, serr := newPassword(form)
	if serr != nil {
		return serr
	}
	return h.emu.ResetPayPwd(p.sysid, p.str("bizUserId"), form.Get("verificationCode"), pwd, p.backURL)
}

func updatePhone(h *Handler, p *pageSession, form url.Values) *soa.Error {
	pwd, serr := typedPassword(form, "password")
	if serr != nil {
		return serr
	}
	return h.emu.UpdatePhoneByPayPwd(p.sysid, p.str("bizUserId"), pwd, form.Get("newPhone"),
		form.Get("verificationCode"), p.backURL)
}
