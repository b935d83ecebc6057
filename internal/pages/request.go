package pages

import (
	"log/slog"
	"net/http"
	"net/url"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/rpc"
	"github.com/tsymock/tsymock/internal/soa"
)

// newPageSession verifies a page's signed parameters exactly as
// /service/soa verifies a call (rpc.Handler.VerifyPage: sysid, version,
// timestamp window, the signature over the exact strings received, the
// method the page serves, the scenario rules' errors, the params validated
// and decrypted), and checks the URLs the page will use (soa.CheckURL:
// 40029 when one is no absolute http(s) URL, which a /service/soa call is
// only noted for). The verified
// page is returned, for the journal, when that fails too.
func (h *Handler) newPageSession(r *http.Request, values url.Values) (*pageSession, rpc.Page, *soa.Error) {
	v, serr := h.verify(r, values)
	if serr != nil {
		return nil, v, serr
	}
	p := &pageSession{path: r.URL.Path, sysid: v.SysID, service: v.Service, method: v.Method, param: v.Param,
		size: 1<<10 + 3*len(values.Get(form.KeyReq))} // the decoded params take about thrice their JSON text
	p.returnURL, p.backURL = p.str("jumpUrl"), p.str("backUrl")
	p.toJump = p.returnURL != ""
	if serr := soa.CheckURL("jumpUrl", p.returnURL); serr != nil {
		return nil, v, serr
	}
	return p, v, soa.CheckURL("backUrl", p.backURL)
}

// notePortability notes what the real test environment would refuse of a
// page opened, in its journal entry and a warning log line, as
// /service/soa notes a call: "#" in its jumpUrl or backUrl (url-fragment,
// spec §3.3), a key the platform adds to the return or the notification
// already in their query (url-return-key, spec §3.4), on a payment page a consumerIp that is no
// public IP (consumer-ip, spec §4.2.9, §4.2.10: 用户公网 IP; 不能使用
// “127.0.0.1”“localhost”), which OrderService.pay notes too, and on a
// payment-password page a certificate other than the ID card
// (identity-type, §4.1.17-§4.1.20: 目前只支持身份证), which setRealName notes
// too. With --strict the page refuses to open.
func (h *Handler) notePortability(w http.ResponseWriter, r *http.Request, p *pageSession) *soa.Error {
	var notes []emulator.Portability
	addresses := map[string]string{"jumpUrl": p.str("jumpUrl"), "backUrl": p.backURL}
	if n, ok := emulator.FragmentNote(addresses); ok {
		notes = append(notes, n)
	}
	if n, ok := emulator.ReturnKeyNote(addresses); ok {
		notes = append(notes, n)
	}
	if p.service == soa.OrderService && p.method == "pay" {
		if n, ok := emulator.ConsumerIPNote(p.str("consumerIp")); ok {
			notes = append(notes, n)
		}
	}
	if section, ok := pwdPageSections()[p.method]; ok && p.service == soa.MemberPwdService {
		if n, ok := emulator.IdentityTypeNote(section, p.num("identityType")); ok {
			notes = append(notes, n)
		}
	}
	if len(notes) == 0 {
		return nil
	}
	if h.emu.Strict() {
		return notes[0].Refusal()
	}
	v := visitOf(w)
	for _, n := range notes {
		v.notes = append(v.notes, n)
		h.log.LogAttrs(r.Context(), slog.LevelWarn, "page OK, but the real test environment would refuse this page",
			slog.String("path", r.URL.Path), slog.String("sysid", p.sysid), slog.String("wouldFail", n.String()))
	}
	return nil
}

// pwdPageSections are the spec sections of the payment-password pages
// (pwdPage.section), by method.
func pwdPageSections() map[string]string {
	out := map[string]string{}
	for _, pp := range pwdPages() {
		out[pp.method] = pp.section
	}
	return out
}
