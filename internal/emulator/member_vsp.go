package emulator

import (
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// vspTerminal is a VSP (收银宝) terminal bound to a member (spec §4.1.21): a
// 当面付 QR code or POS terminal, or in group mode a sub-merchant's
// "vspCusid+NN" id.
type vspTerminal struct {
	merchantID string // vspMerchantid, group mode only
	cusID      string // vspCusid
	appID      string
	termID     string // vspTermid
	at         time.Time
}

// vspTermidService binds a VSP terminal to a member (operationType set) or
// lists the member's terminals (query), spec §4.1.21: a member may bind
// several terminals, a terminal one member (20009 渠道商户信息错误 when it
// is another's, tsymock's choice of code). The platform may bind its own
// (#yunBizUserId_B2C#). Setting a bound terminal again updates its ids and
// keeps its setDate. Both answer the member's list (§5.14); a query naming
// vspTermid lists only it (an empty list when it is not the member's).
func vspTermidService(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.actor(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	only := p.str("vspTermid")
	if p.str("operationType") == "set" {
		if serr := a.setVspTerminal(m, p); serr != nil {
			return nil, serr
		}
		only = ""
	}
	list := []any{}
	for _, t := range m.vsp {
		if only == "" || t.termID == only {
			list = append(list, t.listed())
		}
	}
	return map[string]any{"bizUserId": m.bizUserID, "result": "OK", "vspTermidList": list}, nil
}

// setVspTerminal binds the terminal p names to m.
func (a *app) setVspTerminal(m *member, p params) *soa.Error {
	t := vspTerminal{merchantID: p.str("vspMerchantid"), cusID: p.str("vspCusid"), appID: p.str("appid"),
		termID: p.str("vspTermid")}
	if t.termID == "" {
		return soa.Errorf("10001", "vspTermid: required to bind a terminal (operationType set, spec §4.1.21)")
	}
	if owner := a.terminalOwner(t.termID); owner != nil && owner != m {
		return soa.Errorf("20009", "vspTermid %q is bound to bizUserId %q, and a terminal binds one member only "+
			"(spec §4.1.21)", t.termID, owner.bizUserID)
	}
	if cur := m.terminal(t.termID); cur != nil {
		t.at = cur.at
		*cur = t
		return nil
	}
	t.at = a.now()
	m.vsp = append(m.vsp, t)
	return nil
}

// listed is a terminal as an item of vspTermidList (spec §5.14):
// vspMerchantid only in group mode.
func (t vspTerminal) listed() map[string]any {
	v := map[string]any{"vspCusid": t.cusID, "vspTermid": t.termID, "setDate": soa.FormatTime(t.at)}
	if t.merchantID != "" {
		v["vspMerchantid"] = t.merchantID
	}
	return v
}

// terminalOwner is the member a terminal is bound to, or nil.
func (a *app) terminalOwner(termID string) *member {
	if a.platform != nil && a.platform.terminal(termID) != nil {
		return a.platform
	}
	for _, m := range a.members {
		if m.terminal(termID) != nil {
			return m
		}
	}
	return nil
}

// terminal is the member's binding of termID, or nil.
func (m *member) terminal(termID string) *vspTerminal {
	for i := range m.vsp {
		if m.vsp[i].termID == termID {
			return &m.vsp[i]
		}
	}
	return nil
}
