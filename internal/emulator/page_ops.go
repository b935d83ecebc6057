package emulator

import (
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// Page actions: the names under which the browser pages' changes of state
// are written ahead and replayed (Op.Name of an OpPage).
const (
	actSignContract = "signContract"
	actSetPayPwd    = "setPayPwd"
	actUpdatePayPwd = "updatePayPwd"
	actResetPayPwd  = "resetPayPwd"
	actUpdatePhone  = "updatePhoneByPayPwd"
	actCheckPayPwd  = "checkPayPwd"
	// v2 ends the names of the payment-password actions written since
	// December 2026, which follow the current rules (pwdRules); the names
	// without it replay older logs as they were answered.
	v2              = ".v2"
	actPageFailure  = "pageFailure"
	actConfirmOrder = "confirmOrder"
	actFailOrder    = "failOrder"
	// actReserveFundIn is not a page: the back office books a transfer into
	// the reserve fund (ReserveFundIn).
	actReserveFundIn = "reserveFundIn"
)

// pwdAction is a payment-password action's name without v2, and the rules
// it follows.
func pwdAction(name string) (string, pwdRules) {
	if base, ok := strings.CutSuffix(name, v2); ok {
		return base, pwdRules{current: true}
	}
	return name, pwdRules{}
}

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
			return changePwd(a, m, name, pwdRules{current: true}, arg(2), func() *soa.Error { return setPwd(m, arg(1)) })
		}), true
	}
	base, rules := pwdAction(name)
	switch base {
	case actUpdatePayPwd:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) {
			return changePwd(a, m, base, rules, arg(3), func() *soa.Error { return replacePwd(a, m, rules, arg(1), arg(2)) })
		}), true
	case actResetPayPwd:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) {
			return changePwd(a, m, base, rules, arg(3), func() *soa.Error { return e.resetPwd(m, arg(1), arg(2)) })
		}), true
	case actUpdatePhone:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) {
			return e.updatePhoneByPayPwd(a, m, rules, arg(1), arg(2), arg(3), arg(4))
		}), true
	case actCheckPayPwd:
		return onMember(arg(0), func(a *app, m *member) (any, *soa.Error) { return checkPayPwd(a, m, arg(1), rules) }), true
	}
	switch name {
	case actPageFailure:
		return notifyPageFailure(arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)), true
	case actConfirmOrder:
		return onPayable(arg(0), confirmOrder), true
	case actFailOrder:
		return onPayable(arg(0), failOrder(arg(1))), true
	case actReserveFundIn:
		return reserveFundIn(arg(0), arg(1), arg(2), arg(3)), true
	}
	return channelAction(name, arg)
}
