package pages

import (
	"fmt"
	"maps"
	"net/url"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/soa"
)

// memberPageFlows are the e-contract pages of MemberService and the
// payment-password pages of MemberPwdService.
func memberPageFlows() map[string]pageFlow {
	flows := map[string]pageFlow{
		"/yungateway/member/signContract.html": {open: openSignContract, confirm: confirmSignContract,
			fail: failMemberPage},
		"/yungateway/member/signContractQuery.html": {open: openContractQuery, confirm: confirmContractQuery,
			fail: failContractQuery},
	}
	for _, pp := range pwdPages() {
		flows["/yungateway/pwd/"+pp.method+".html"] = pp.flow()
	}
	return flows
}

// memberRows are the lines every member page shows.
func memberRows(m emulator.PageMember) []pageRow {
	rows := []pageRow{{"会员 bizUserId", m.BizUserID}}
	if m.Name != "" {
		rows = append(rows, pageRow{"名称", m.Name})
	}
	if m.Phone != "" {
		rows = append(rows, pageRow{"手机号", maskPhone(m.Phone)})
	}
	return rows
}

// maskPhone shows a phone as the platform's pages do: 138****0001.
func maskPhone(phone string) string {
	if len(phone) != 11 {
		return phone
	}
	return phone[:3] + "****" + phone[7:]
}

func openSignContract(h *Handler, p *pageSession) *soa.Error {
	m, serr := h.emu.PageMember(p.sysid, p.str("bizUserId"))
	if serr != nil {
		return serr
	}
	if serr := h.emu.CanSignContract(p.sysid, m.BizUserID); serr != nil {
		return serr
	}
	p.view = pageView{Title: "电子协议签约", Rows: memberRows(m), Confirm: "同意并签约", Fail: "拒绝签约",
		Lead:     "请阅读并签署《通商云会员服务协议》。签约后，平台向商户的 backUrl 发送 signContract 通知（含 contractNo）。",
		FailCode: "9000", FailMessage: "用户拒绝签约", CodeChoice: true}
	return nil
}

func confirmSignContract(h *Handler, p *pageSession, _ url.Values) (string, *soa.Error) {
	no, serr := h.emu.SignContract(p.sysid, p.str("bizUserId"), p.backURL)
	if serr != nil {
		return "", serr
	}
	return pageRPS(emulator.Event{Service: p.service, Method: p.method, Status: emulator.EventOK,
		ReturnValue: map[string]any{"bizUserId": p.str("bizUserId"), "ContractNo": no, "result": resultOK},
		Extra:       map[string]any{"contractNo": no, "ContractNo": no}})
}

// failMemberPage is the fail button of a member page: the error goes back
// to jumpUrl, and backUrl hears nothing. Spec §3.7 (2) lists the e-contract
// and the four password pages as 失败不发, as §4.1.4 note 3 (签约失败，页面提示
// 失败原因，不提供异步通知), §4.1.17 note 3 and §4.1.20 note 3 say. Nothing
// changes.
func failMemberPage(h *Handler, p *pageSession, code, message string) (string, *soa.Error) {
	bizUserID := p.str("bizUserId")
	if _, serr := h.emu.PageMember(p.sysid, bizUserID); serr != nil {
		return "", serr
	}
	return pageRPS(emulator.Event{Service: p.service, Method: p.method, Status: emulator.EventError,
		ReturnValue: map[string]any{"bizUserId": bizUserID, "result": resultError}, ErrorCode: code, Message: message})
}

func openContractQuery(h *Handler, p *pageSession) *soa.Error {
	m, serr := h.emu.SignedContract(p.sysid, p.str("bizUserId"))
	if serr != nil {
		return serr
	}
	rows := append(memberRows(m), pageRow{"协议编号 contractNo", m.ContractNo},
		pageRow{"签约时间", soa.FormatTime(m.ContractAt)})
	p.view = pageView{Title: "电子协议查询", Lead: "会员已签署《通商云会员服务协议》。", Rows: rows,
		Confirm: "返回商户", Fail: "关闭", FailCode: "9000", FailMessage: "用户关闭页面", CodeChoice: true}
	return nil
}

func confirmContractQuery(h *Handler, p *pageSession, _ url.Values) (string, *soa.Error) {
	m, serr := h.emu.SignedContract(p.sysid, p.str("bizUserId"))
	if serr != nil {
		return "", serr
	}
	return pageRPS(emulator.Event{Service: p.service, Method: p.method, Status: emulator.EventOK,
		ReturnValue: map[string]any{"bizUserId": m.BizUserID}, Extra: map[string]any{"contractNo": m.ContractNo, "ContractNo": m.ContractNo}})
}

// failContractQuery returns an error to jumpUrl; the query page has no
// backUrl, so nothing is notified.
func failContractQuery(_ *Handler, p *pageSession, code, message string) (string, *soa.Error) {
	return pageRPS(emulator.Event{Service: p.service, Method: p.method, Status: emulator.EventError,
		ReturnValue: map[string]any{"bizUserId": p.str("bizUserId")}, ErrorCode: code, Message: message})
}

// The result of a member page's jumpUrl return (spec §4.1.4, §4.1.17 to
// §4.1.20, 下面为 jumpUrl 页面返回: result 成功 OK, 失败 error, 必填). The
// tables put it in signedValue; tsymock puts it there (jumpURLRPS) and in
// returnValue with the notification's keys, so that one handler reads
// both (docs/pages.md).
const (
	resultOK    = "OK"
	resultError = "error"
)

// pageRPS is the rps of a member page's return to jumpUrl (jumpURLRPS).
func pageRPS(ev emulator.Event) (string, *soa.Error) {
	rps, err := jumpURLRPS(ev)
	if err != nil {
		return "", soa.Errorf("9000", "%v", err)
	}
	return rps, nil
}

// jumpURLRPS is the rps of a return to jumpUrl: the notification's shape,
// its object in returnValue (so that one handler reads the browser's
// return and backUrl's), and the same object as signedValue, the name the
// jumpUrl tables give it (下面为 jumpUrl 页面返回: spec §4.1.4, §4.1.17 to
// §4.1.20, §4.2.10), written as they describe it, a String holding the
// JSON object (嵌套的 String 类型的 JSON 对象), as a synchronous answer's
// signedValue is. ev's own maps are not changed.
func jumpURLRPS(ev emulator.Event) (string, error) {
	rv := ev.ReturnValue
	if rv == nil {
		rv = map[string]any{}
	}
	text, err := soa.MarshalValue(rv)
	if err != nil {
		return "", fmt.Errorf("pages: signedValue: %w", err)
	}
	extra := maps.Clone(ev.Extra)
	if extra == nil {
		extra = map[string]any{}
	}
	extra["signedValue"] = text
	ev.Extra = extra
	return notify.RPSText(ev)
}

// smsHint tells the tester the code every emulated SMS carries.
func (h *Handler) smsHint(phone string) string {
	if phone == "" {
		return h.say(msgSMSAny, h.smsCode())
	}
	return h.say(msgSMSTo, maskPhone(phone), h.smsCode())
}

// smsCode is the configured SMS code.
func (h *Handler) smsCode() string {
	if h.cfg.VerificationCode != "" {
		return h.cfg.VerificationCode
	}
	return emulator.DefaultVerificationCode
}
