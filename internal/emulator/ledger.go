package emulator

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Special ledger owners. The platform's own member is the one the protocol
// names; escrow holds collected money until it is paid out; outside is the
// world beyond the platform (banks, payment channels): deposits come from
// it and withdrawals and refunds to cards go to it, so the ledger always
// sums to zero and money is conserved by construction.
const (
	OwnerPlatform = "#yunBizUserId_B2C#"
	OwnerEscrow   = "#escrow#"
	OwnerOutside  = "#outside#"
)

// Account names one balance: an owner (a bizUserId or a special owner), an
// account set, and whether it is the frozen part of that balance. Freezing
// moves money between the two parts, so it is a movement like any other.
type Account struct {
	Owner  string
	Set    string
	Frozen bool
}

// Leg moves Amount fen from one account to another.
type Leg struct {
	From, To Account
	Amount   int64
}

// Ref ties an entry to the order that caused it.
type Ref struct {
	OrderNo    string
	BizOrderNo string
	TradeNo    string
}

// Entry is one recorded leg: a balanced double entry.
type Entry struct {
	Seq  int
	At   time.Time
	Ref  Ref
	Leg  Leg
	From Balances // the source account's balances after the entry
	To   Balances // the target account's balances after the entry
}

// Balances is an owner's balance in one account set after an entry.
type Balances struct {
	All    int64 // available + frozen
	Frozen int64
}

// ErrInsufficient is returned (as a *Shortfall) when a leg would take an
// account below zero.
var ErrInsufficient = errors.New("emulator: insufficient balance")

// Shortfall says which account lacked money; its Detail is fit for the
// wire message.
type Shortfall struct {
	Account    Account
	Has, Needs int64
}

// Error describes the shortfall.
func (s *Shortfall) Error() string { return ErrInsufficient.Error() + ": " + s.Detail() }

// Unwrap makes errors.Is(err, ErrInsufficient) hold.
func (s *Shortfall) Unwrap() error { return ErrInsufficient }

// Detail says who lacked how much, without the package prefix.
func (s *Shortfall) Detail() string {
	part := "available"
	if s.Account.Frozen {
		part = "frozen"
	}
	return fmt.Sprintf("%s has %d %s in account set %s, %d needed", s.Account.Owner, s.Has, part, s.Account.Set, s.Needs)
}

// ledger is the double-entry book of one application. Balances and
// statements are both derived from its entries, so they cannot disagree.
// It is not safe for concurrent use: the application's lock guards it.
type ledger struct {
	entries  []Entry
	balances map[Account]int64
	index    map[string][]int // owner+"|"+set → entry positions
}

func newLedger() *ledger {
	return &ledger{balances: map[Account]int64{}, index: map[string][]int{}}
}

// post records all legs or none: it first checks that no account other
// than outside would go negative after every leg, then applies them.
func (l *ledger) post(at time.Time, ref Ref, legs ...Leg) error {
	next := map[Account]int64{}
	for _, g := range legs {
		if g.Amount < 0 {
			return fmt.Errorf("emulator: negative amount %d", g.Amount)
		}
		if g.Amount == 0 {
			continue
		}
		for _, a := range []Account{g.From, g.To} {
			if _, ok := next[a]; !ok {
				next[a] = l.balances[a]
			}
		}
		from, ok := addFen(next[g.From], -g.Amount)
		if !ok {
			return &Overflow{Account: g.From}
		}
		if from < 0 && g.From.Owner != OwnerOutside {
			return &Shortfall{Account: g.From, Has: next[g.From], Needs: g.Amount}
		}
		next[g.From] = from
		if next[g.To], ok = addFen(next[g.To], g.Amount); !ok {
			return &Overflow{Account: g.To}
		}
	}
	for _, g := range legs {
		if g.Amount > 0 {
			l.apply(at, ref, g)
		}
	}
	return nil
}

func (l *ledger) apply(at time.Time, ref Ref, g Leg) {
	l.balances[g.From] -= g.Amount
	l.balances[g.To] += g.Amount
	e := Entry{Seq: len(l.entries) + 1, At: at, Ref: ref, Leg: g,
		From: l.owned(g.From.Owner, g.From.Set), To: l.owned(g.To.Owner, g.To.Set)}
	l.entries = append(l.entries, e)
	pos := len(l.entries) - 1
	l.index[key(g.From)] = append(l.index[key(g.From)], pos)
	if key(g.To) != key(g.From) {
		l.index[key(g.To)] = append(l.index[key(g.To)], pos)
	}
}

func key(a Account) string { return a.Owner + "|" + a.Set }

// owned returns an owner's balances in one account set.
func (l *ledger) owned(owner, set string) Balances {
	avail := l.balances[Account{Owner: owner, Set: set}]
	frozen := l.balances[Account{Owner: owner, Set: set, Frozen: true}]
	return Balances{All: avail + frozen, Frozen: frozen}
}

// available is what an owner can spend in one account set.
func (l *ledger) available(owner, set string) int64 {
	return l.balances[Account{Owner: owner, Set: set}]
}

// total is the sum over every account but outside; it always equals minus
// outside's balance (money in minus money out).
func (l *ledger) total() int64 {
	var sum int64
	for a, b := range l.balances {
		if a.Owner != OwnerOutside {
			sum += b
		}
	}
	return sum
}

// Overflow says which account would hold more than an int64 of fen (or,
// outside, less): a posting past the largest amount the platform takes
// (spec §4.2.1 (6)) is refused rather than wrapped round.
type Overflow struct{ Account Account }

// Error names the account as the merchant knows it: a member or the
// platform by its bizUserId; outside, tsymock's own account of what the
// channels brought in and took out, by what it holds, since its name means
// nothing to a merchant (probe-U 6).
func (o *Overflow) Error() string {
	if o.Account.Owner == OwnerOutside {
		return fmt.Sprintf("emulator: the money paid in through payment channels in account set %s, less what went out, "+
			"would come to more than %d fen, the largest amount tsymock keeps (spec §4.2.1 (6)): earlier payments of this "+
			"application brought in nearly that much; reset it to start again", o.Account.Set, int64(math.MaxInt64))
	}
	return fmt.Sprintf("emulator: %s in account set %s would hold more than %d fen, the largest amount (spec §4.2.1 (6))",
		o.Account.Owner, o.Account.Set, int64(math.MaxInt64))
}

// ledgerError is the wire error for a posting that failed: code, with the
// shortfall's detail when that was the reason; 40020 (订单金额错误) for an
// overflow, whatever code.
func ledgerError(code string, err error) *soa.Error {
	var o *Overflow
	if errors.As(err, &o) {
		return soa.Errorf("40020", "%s", strings.TrimPrefix(o.Error(), "emulator: "))
	}
	var s *Shortfall
	if errors.As(err, &s) {
		return soa.Errorf(code, "%s", s.Detail())
	}
	return soa.Errorf(code, "%v", err)
}
