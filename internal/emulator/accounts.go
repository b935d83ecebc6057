package emulator

import (
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// Default account sets: the usual test escrow-style (托管) set first, then
// the standard one.
const (
	SetEscrow   = "200126"
	SetStandard = "100001"
)

// DefaultPlatformFunds is what the platform's own member holds in the
// standard account set when an application starts (10,000,000.00 yuan), so
// that applicationTransfer works without setup. It enters the ledger as a
// deposit from outside, so conservation holds.
const DefaultPlatformFunds = 1_000_000_000

// accountSetName is the accountSetName of statement lines.
func accountSetName(set string) string {
	switch set {
	case SetEscrow:
		return "托管专用账户集"
	case SetStandard:
		return "标准账户集"
	default:
		return "账户集" + set
	}
}

// checkSet answers 30019 for an account set the application does not have.
func (a *app) checkSet(set string) *soa.Error {
	if slices.Contains(a.sets, set) {
		return nil
	}
	return soa.Errorf("30019", "accountSetNo %q; this application has %v", set, a.sets)
}

// escrowSet is where collected money waits: the application's first set.
func (a *app) escrowSet() string { return a.sets[0] }

// fund gives the platform its starting funds.
func (a *app) fund(amount int64) {
	if amount <= 0 {
		return
	}
	_ = a.book.ledger.post(a.now(), Ref{OrderNo: "initial-platform-funds"},
		Leg{Account{Owner: OwnerOutside, Set: SetStandard}, Account{Owner: OwnerPlatform, Set: a.standardSet()}, amount})
}

// standardSet is the standard set if the application has it, else its last.
func (a *app) standardSet() string {
	if slices.Contains(a.sets, SetStandard) {
		return SetStandard
	}
	return a.sets[len(a.sets)-1]
}

// checkAmounts validates an order's amount and fee: positive amount
// (40020), fee within it (40016).
func checkAmounts(amount, fee int64) *soa.Error {
	if amount <= 0 {
		return soa.Errorf("40020", "amount must be positive, got %d", amount)
	}
	if fee < 0 {
		return soa.Errorf("40020", "fee must not be negative, got %d", fee)
	}
	if fee > amount {
		return soa.Errorf("40016", "fee %d is larger than amount %d", fee, amount)
	}
	return nil
}

// acct is an owner's available balance in a set.
func acct(owner, set string) Account { return Account{Owner: owner, Set: set} }
