package emulator

import "github.com/tsymock/tsymock/internal/soa"

// Page actions: the names under which the browser pages' changes of state
// are written ahead and replayed (Op.Name of an OpPage).
const (
	actSignContract = "signContract"
	actSetPayPwd    = "setPayPwd"
	actUpdatePayPwd = "updatePayPwd"
	actResetPayPwd  = "resetPayPwd"
	actUpdatePhone  = "updatePhoneByPayPwd"
	actCheckPayPwd  = "checkPayPwd"
	actPageFailure  = "pageFailure"
	actConfirmOrder = "confirmOrder"
	actFailOrder    = "failOrder"
	// actReserveFundIn is not a page: the back office books a transfer into
	// the reserve fund (ReserveFundIn).
	actReserveFundIn = "reserveFundIn"
	// actDecideAudit is not a page either: the back office decides a
	// pending enterprise audit (DecideAudit).
	actDecideAudit = "decideAudit"
)

// page runs a page action as an op.
func (e *Emulator) page(sysid, name string, args ...string) (any, *soa.Error) {
	fn, ok := e.pageAction(name, args)
	if !ok {
		return nil, soa.Errorf("9100", "unknown page action %q", name)
	}
	return e.change(Op{SysID: sysid, Kind: OpPage, Name: name, Args: args}, fn)
}

// pageAction is the body of a page action, the same for the live action
// and its replay. Missing args read as "".
func (e *Emulator) pageAction(name string, args []string) (opFunc, bool) {
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	switch name {
	case actSignContract:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) { return signContract(a, m, arg(1)) }), true
	case actSetPayPwd:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) {
			return changePwd(a, m, name, arg(2), func() *soa.Error { return setPwd(m, arg(1)) })
		}), true
	case actUpdatePayPwd:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) {
			return changePwd(a, m, name, arg(3), func() *soa.Error { return replacePwd(a, m, arg(1), arg(2)) })
		}), true
	case actResetPayPwd:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) {
			return changePwd(a, m, name, arg(3), func() *soa.Error { return e.resetPwd(m, arg(1), arg(2)) })
		}), true
	case actUpdatePhone:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) {
			return e.updatePhoneByPayPwd(a, m, arg(1), arg(2), arg(3), arg(4))
		}), true
	case actCheckPayPwd:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) { return checkPayPwd(a, m, arg(1)) }), true
	case actPageFailure:
		return notifyPageFailure(arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)), true
	case actConfirmOrder:
		return onPayable(arg(0), confirmOrder), true
	case actFailOrder:
		return onPayable(arg(0), failOrder(arg(1))), true
	case actReserveFundIn:
		return reserveFundIn(arg(0), arg(1), arg(2), arg(3)), true
	case actDecideAudit:
		return decideAudit(arg(0), arg(1), arg(2), arg(3)), true
	}
	return channelAction(name, arg)
}
