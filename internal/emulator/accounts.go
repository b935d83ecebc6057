package emulator

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
)

// Account sets: the usual test escrow (托管) set, and the standard balance
// set of spec §6.17.
const (
	SetEscrow   = "200126"
	SetStandard = "100001"
)

// intermediateSets are the platform's intermediate sets of spec §6.17,
// which its own deposits do not use.
func intermediateSets() []string { return []string{"100004", "100005"} }

// setReserve is the platform's reserve set (准备金) of spec §6.17, with
// which the platform pays Tongshangyun's own charges.
const setReserve = "100003"

// reserveSets are the platform's reserve set and its intermediate sets,
// which transfers and the platform's own withdrawals do not use.
func reserveSets() []string { return append([]string{setReserve}, intermediateSets()...) }

// DefaultAccountSets are an application's account sets unless configured:
// the escrow set first, then every standard set of spec §6.17, which the
// platform creates for each platform customer (the prepaid-card set 100006
// on its first use): 100001 balance, 100002 deposit (保证金), 100003
// reserve, 100004 and 100005 the intermediate sets, 2000000 marketing,
// 100006 prepaid cards.
func DefaultAccountSets() []string { return append([]string{SetEscrow}, platformSets()...) }

// platformSets are the platform's standard sets of spec §6.17 (balance,
// deposit, reserve, the intermediate sets, marketing, prepaid cards): the
// platform's own money, never a member's (see checkMemberSet).
func platformSets() []string {
	return slices.Concat([]string{SetStandard, SetDeposit}, reserveSets(), []string{SetMarketing, "100006"})
}

// DefaultPlatformFunds is what the platform's own member holds in the
// standard account set when an application starts (10,000,000.00 yuan), so
// that applicationTransfer works without setup. It enters the ledger as a
// deposit from outside, so conservation holds.
const DefaultPlatformFunds = 1_000_000_000

// EscrowSetName is the accountSetName of an application's escrow set in
// statement lines: a made-up application's name and the platform's suffix.
const EscrowSetName = "tsymock测试应用-托管账户集"

// accountSetName is the accountSetName of statement lines (spec §5.12):
// the escrow set's as the platform names an application's (its name, then
// -托管账户集: 上海分公司测试应用-托管账户集 in a captured 2020 statement of
// the real test environment; tsymock's applications are all EscrowSetName),
// the platform's standard sets' as §6.17's table names them, and any other
// "账户集" and its number. The table's 中间账户集 A and B are written without
// the space, which is the extraction's between Chinese and Latin letters
// (as in “Fee”字段).
func accountSetName(set string) string {
	switch set {
	case SetEscrow:
		return EscrowSetName
	case SetStandard:
		return "标准余额账户集"
	case SetDeposit:
		return "标准保证金账户集"
	case setReserve:
		return "准备金额度账户集"
	case SetIntermediateA:
		return "中间账户集A"
	case "100005":
		return "中间账户集B"
	case SetMarketing:
		return "标准营销账户集"
	case "100006":
		return "预付卡账户集"
	default:
		return "账户集" + set
	}
}

// checkSet answers 30019 for an account set the application does not
// have, naming the ones it has and how to give it others.
func (a *app) checkSet(set string) *soa.Error {
	if slices.Contains(a.sets, set) {
		return nil
	}
	// A copy: the Chinese is written after the op, outside the app's lock.
	return detailed("30019", msgUnknownSet, set, lang.List(slices.Clone(a.sets)), a.sysid)
}

// checkPlatformSet checks the set of a deposit or withdrawal: one the
// application has (30019), and for the platform's own none of the sets its
// section excludes (30018 账户集错误): the intermediate sets 100004 and
// 100005 for a deposit, and the deposit and reserve sets too for a
// withdrawal (spec §4.2.2, §4.2.3: accountSetNo 不支持).
func (a *app) checkPlatformSet(method, section, set string, excluded ...string) *soa.Error {
	if serr := a.checkSet(set); serr != nil {
		return serr
	}
	if slices.Contains(excluded, set) {
		return soa.Errorf("30018", "accountSetNo %s: the platform's %s does not take %s (spec %s)", set, method,
			strings.Join(excluded, ", "), section)
	}
	return nil
}

// maxSetLen bounds an account set number: the spec's are 6 or 7 digits.
const maxSetLen = 20

// CheckAccountSets checks a list of account sets as a configuration gives
// it (spec §6.17): at least one, each at most 20 ASCII digits and letters
// starting with a digit, none twice. The spec's own numbers are digits, but
// it types accountSetNo as a String and leaves the escrow set's number to
// the platform (托管账户集名称及编号，请与通商云业务人员联系获取); a merchant
// integration written against the test environment names one with letters
// (56029005999Z8RA). The leading digit still refuses a set's name ("escrow").
func CheckAccountSets(sets []string) error {
	if len(sets) == 0 {
		return errors.New("emulator: an application needs at least one account set")
	}
	for i, s := range sets {
		if !isSetNo(s) {
			return fmt.Errorf("emulator: account set %q is not a number: 1 to %d ASCII digits and letters, "+
				"starting with a digit (spec §6.17: 100001, 200126...)", s, maxSetLen)
		}
		if slices.Contains(sets[:i], s) {
			return fmt.Errorf("emulator: account set %s is listed twice", s)
		}
	}
	return nil
}

// isSetNo tells whether s can be an account set's number (CheckAccountSets).
func isSetNo(s string) bool {
	if s == "" || len(s) > maxSetLen || s[0] < '0' || s[0] > '9' {
		return false
	}
	return strings.Trim(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == ""
}

// escrowSet is where collected money waits: the application's first set.
func (a *app) escrowSet() string { return a.sets[0] }

// fundsOrderNo is the reference of the platform's starting funds' entries:
// no order, and no number drawn for them (see fundsTradeNo).
const fundsOrderNo = "initial-platform-funds"

// fund gives the platform its starting funds in its standard set.
// The platform's marketing (2000000) and deposit (100002) sets, when the
// application has them (--account-sets), start with as much, so that
// coupons and transfers from them work without setup. The posts share one
// time: a kept state's tape holds one draw for them all.
func (a *app) fund(amount int64) {
	if amount <= 0 {
		return
	}
	at := a.now()
	for _, set := range a.fundedSets() {
		_ = a.book.ledger.post(at, Ref{OrderNo: fundsOrderNo},
			Leg{Account{Owner: OwnerOutside, Set: set}, Account{Owner: OwnerPlatform, Set: set}, amount})
	}
}

// fundedSets are the platform's sets that start with funds: the standard
// one, and the marketing and deposit sets the application has.
func (a *app) fundedSets() []string {
	sets := []string{a.standardSet()}
	for _, s := range []string{SetMarketing, SetDeposit} {
		if s != sets[0] && slices.Contains(a.sets, s) {
			sets = append(sets, s)
		}
	}
	return sets
}

// standardSets are the application's sets that are standard sets of spec
// §6.17 (platformSets), or its standardSet when it has none of them.
func (a *app) standardSets() []string {
	var out []string
	for _, s := range a.sets {
		if slices.Contains(platformSets(), s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return []string{a.standardSet()}
	}
	return out
}

// standardSet is the standard set if the application has it, else its last.
func (a *app) standardSet() string {
	if slices.Contains(a.sets, SetStandard) {
		return SetStandard
	}
	return a.sets[len(a.sets)-1]
}

// income is the platform's account its fee income goes to: every order's
// fee and every split item's fee, into its standard balance set (spec
// §4.3.2 手续费: 资金入平台标准余额账户集; §6.17 100001: 一般为经营收入、手续费收入),
// whatever the order's own set; a refund's feeAmount is given back from
// there. An application without 100001 (--account-sets) takes its
// standardSet.
func (a *app) income() Account { return acct(OwnerPlatform, a.standardSet()) }

// feeAccount is where an order's fee goes, or comes back from: income. A
// legacy op (logged before RulesDec2026) took it in set, the order's.
func (a *app) feeAccount(set string) Account {
	if a.before(RulesDec2026) {
		return acct(OwnerPlatform, set)
	}
	return a.income()
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

// addFen adds two amounts in fen, ok false when the sum leaves int64: the
// largest amount the platform takes is 9223372036854775807 fen (spec
// §4.2.1 (6)), and a sum of a request's amounts past it must be refused,
// not wrapped round to a small or negative one.
func addFen(sum, n int64) (int64, bool) {
	if (n > 0 && sum > math.MaxInt64-n) || (n < 0 && sum < math.MinInt64-n) {
		return sum, false
	}
	return sum + n, true
}

// tooMuch is the 40020 answer to a list of amounts that add up past the
// largest amount (see addFen).
func tooMuch(list string) *soa.Error {
	return soa.Errorf("40020", "%s adds up to more than %d fen, the largest amount the platform takes (spec §4.2.1 (6))",
		list, int64(math.MaxInt64))
}

// acct is an owner's available balance in a set.
func acct(owner, set string) Account { return Account{Owner: owner, Set: set} }
