package mock

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
)

// What happens on the platform's side without a call of the merchant's, as
// the admin API and Go tests trigger it (package internal/emulator defines
// the types).
type (
	// ReserveFundTransfer is money a platform wired to its 通联通 reserve
	// account offline (spec §4.3.3): the account it came from, the amount
	// in fen, the 通联通 merchant number (default: a made-up 15-digit
	// number, the same for every transfer of the application), and the
	// notification address the platform registered with Allinpay.
	ReserveFundTransfer = emulator.ReserveFundTransfer
	// TerminalPayment is a payment a bound VSP terminal (当面付 or POS)
	// took and the channel reported final (spec §4.1.22): the terminal,
	// the order type (depositApply or refund), the amount in fen, success
	// or fail, and the merchant's back-fill URL.
	TerminalPayment = emulator.TerminalPayment
	// AuditDecision is the back office's decision on a pending enterprise
	// audit (spec §4.1.6 note 4): approve it, or reject it with a
	// FailReason; Remark goes with either (§4.1.7).
	AuditDecision = emulator.AuditDecision
)

// The audit modes of Config.CompanyAudit and App.CompanyAudit.
const (
	CompanyAuditAuto   = emulator.CompanyAuditAuto   // decided at once (the default)
	CompanyAuditManual = emulator.CompanyAuditManual // pending until DecideCompanyAudit
)

// ReserveFundIn books a transfer into sysid's reserve fund as the platform
// does once the bank has it (spec §4.3.3: the platform's standard account
// set grows by the amount), and returns the MerchantService
// NotifyReserveFundIn notification it queued for in.BackURL, delivered as
// any other. Errors: an unknown sysid, 10001 without accountNo, 40020
// for an amount that is not positive (a *soa error, with its code).
func (s *Server) ReserveFundIn(sysid string, in ReserveFundTransfer) (Notification, error) {
	return s.queued(sysid, "reserve fund in", func() *soa.Error {
		_, serr := s.emu.ReserveFundIn(sysid, in)
		return serr
	}, func(ev emulator.Event) bool { return ev.Method == "NotifyReserveFundIn" })
}

// TerminalPayment records a payment taken by one of sysid's bound
// terminals and returns the order back-fill the platform posts for it to
// tp.URL (spec §4.1.22): a flat signed form (its fields in
// Notification.Form, trxid among them), sent once. The merchant's answer
// ({"bizOrderNo", "merchantRet": "0000", "extendInfo"}) books the order
// and queues its OrderService pay notification to tp.OrderBackURL (default
// tp.URL); "9999" declines it. Errors: an unknown sysid, 20009 for a
// terminal bound to no member, 10000 for another ordertype or payStatus,
// 40020 for an amount that is not positive, 40000 for a refund whose
// Srctrxid names no booked payment.
func (s *Server) TerminalPayment(sysid string, tp TerminalPayment) (Notification, error) {
	var trxid string
	return s.queued(sysid, "terminal payment", func() *soa.Error {
		ev, serr := s.emu.TerminalPayment(sysid, tp)
		trxid = ev.Form["trxid"]
		return serr
	}, func(got emulator.Event) bool { return got.Kind == emulator.EventBackfill && got.Form["trxid"] == trxid })
}

// DecideCompanyAudit decides sysid's pending enterprise audit as the
// real test environment's back office does (企业会员管理, spec §4.1.6 note
// 4), and returns the MemberService verifyResult notification (§4.1.7) it
// queued for the backUrl of the member's setCompanyInfo, delivered as any
// other. The member's getMemberInfo status becomes 2 or 3 (§6.8) with
// checkTime, failReason and remark. Errors: an unknown sysid
// (apps.ErrUnknown); a *soa error for a member without a pending audit:
// 30001 (no such member), 30006 (a person), 30030 (no setCompanyInfo),
// 30023 (decided already), 10000 (a failReason with an approval).
func (s *Server) DecideCompanyAudit(sysid string, d AuditDecision) (Notification, error) {
	return s.queued(sysid, "company audit", func() *soa.Error {
		_, serr := s.emu.DecideAudit(sysid, d)
		return serr
	}, func(ev emulator.Event) bool {
		return ev.Method == "verifyResult" && ev.ReturnValue["bizUserId"] == d.BizUserID
	})
}

// queued runs one of sysid's platform events (what names it in errors)
// and returns the notification it queued: the latest of sysid's that
// match picks.
func (s *Server) queued(sysid, what string, run func() *soa.Error, match func(emulator.Event) bool) (Notification, error) {
	if err := s.knownApp(sysid); err != nil {
		return Notification{}, err
	}
	if serr := run(); serr != nil {
		return Notification{}, fmt.Errorf("mock: %s: %w", what, serr)
	}
	n, _ := s.notify.Latest(func(ev emulator.Event) bool { return ev.SysID == sysid && match(ev) })
	return n, nil
}

// knownApp refuses a sysid that is not registered.
func (s *Server) knownApp(sysid string) error {
	if _, ok := s.apps.Get(sysid); !ok {
		return fmt.Errorf("mock: %w %q (known: %s)", apps.ErrUnknown, sysid, s.apps.Known())
	}
	return nil
}
