package emulator

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// The views below are read-only copies of an application's state for the
// admin API and the web page. They share nothing with the state, and they
// never hold a full card or identity number: those are masked (first 6,
// last 4), as the platform's own back office shows them.

// MemberView is one member as the admin API shows it.
type MemberView struct {
	BizUserID    string            `json:"bizUserId"`
	UserID       string            `json:"userId"`
	MemberType   int64             `json:"memberType"`
	Source       int64             `json:"source"`
	Created      time.Time         `json:"created"`
	Locked       bool              `json:"locked"`
	Phone        string            `json:"phone,omitempty"`
	RealName     bool              `json:"realName"`
	Name         string            `json:"name,omitempty"`
	IdentityType int64             `json:"identityType,omitempty"`
	IdentityNo   string            `json:"identityNo,omitempty"` // masked
	Company      string            `json:"companyName,omitempty"`
	CompanyAudit int64             `json:"companyAudit,omitempty"` // 2 approved, 3 rejected
	Cards        int               `json:"cards"`
	SubAccounts  map[string]string `json:"subAccounts,omitempty"` // accountSetNo → subAcctNo
}

// CardView is one bound card, its number masked.
type CardView struct {
	BizUserID string    `json:"bizUserId"`
	CardNo    string    `json:"cardNo"` // masked
	Phone     string    `json:"phone"`
	BankName  string    `json:"bankName"`
	BankCode  string    `json:"bankCode"`
	CardType  int64     `json:"cardType"`
	BindTime  time.Time `json:"bindTime"`
	SafeCard  bool      `json:"safeCard"`
}

// OrderView is one order, from apply to its final status.
type OrderView struct {
	OrderNo      string    `json:"orderNo"`
	BizOrderNo   string    `json:"bizOrderNo"`
	Kind         string    `json:"kind"`
	Payer        string    `json:"payer,omitempty"`
	Receiver     string    `json:"receiver,omitempty"`
	AccountSet   string    `json:"accountSetNo,omitempty"`
	Amount       int64     `json:"amount"`
	Fee          int64     `json:"fee"`
	Refunded     int64     `json:"refunded,omitempty"`
	Status       int       `json:"status"`
	StatusName   string    `json:"statusName"`
	ErrorCode    string    `json:"errorCode,omitempty"`
	ErrorMessage string    `json:"errorMessage,omitempty"`
	PayMethod    string    `json:"payMethod,omitempty"`
	BackURL      string    `json:"backUrl,omitempty"`
	Created      time.Time `json:"created"`
	PaidAt       time.Time `json:"paidAt,omitzero"`
	Expires      time.Time `json:"expires,omitzero"`
	Original     string    `json:"oriBizOrderNo,omitempty"` // refund: the order refunded
}

// BalanceView is an owner's balance in one account set, in fen.
type BalanceView struct {
	Owner      string `json:"owner"`
	AccountSet string `json:"accountSetNo"`
	All        int64  `json:"allAmount"`
	Frozen     int64  `json:"freezenAmount"`
	Available  int64  `json:"availableAmount"`
}

// StatementLine is one line of an owner's statement in one account set.
type StatementLine struct {
	Seq        int       `json:"seq"`
	At         time.Time `json:"at"`
	AccountSet string    `json:"accountSetNo"`
	OrderNo    string    `json:"orderNo"`
	BizOrderNo string    `json:"bizOrderNo"`
	Before     int64     `json:"oriAmount"`
	After      int64     `json:"curAmount"`
	Change     int64     `json:"chgAmount"`
	FrozenThen int64     `json:"curFreezenAmount"`
}

// StateApps lists the sysids that have state, sorted.
func (e *Emulator) StateApps() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]string, 0, len(e.apps))
	for id := range e.apps {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// view runs fn with the application's lock held, if it has state. It never
// creates an application: looking does not change what is there.
func (e *Emulator) view(sysid string, fn func(a *app)) {
	a := e.find(sysid)
	if a == nil {
		return
	}
	defer a.mu.Unlock()
	fn(a)
}

// Members returns the application's members, sorted by bizUserId.
func (e *Emulator) Members(sysid string) []MemberView {
	out := []MemberView{}
	e.view(sysid, func(a *app) {
		for _, m := range a.members {
			out = append(out, m.view())
		}
	})
	slices.SortFunc(out, func(x, y MemberView) int { return cmp.Compare(x.BizUserID, y.BizUserID) })
	return out
}

func (m *member) view() MemberView {
	v := MemberView{BizUserID: m.bizUserID, UserID: m.userID, MemberType: m.memberType, Source: m.source,
		Created: m.created, Locked: m.locked, Phone: m.phone, RealName: m.realName, Name: m.name,
		IdentityType: m.identityType, IdentityNo: MaskNumber(m.identityNo), Cards: len(m.cards)}
	if m.company != nil {
		v.Company, v.CompanyAudit = m.company.info["companyName"], m.company.status
	}
	if len(m.subAccts) > 0 {
		v.SubAccounts = map[string]string{}
		for k, s := range m.subAccts {
			v.SubAccounts[k] = s.no
		}
	}
	return v
}

// Cards returns every bound card of the application, by member then bind
// time.
func (e *Emulator) Cards(sysid string) []CardView {
	out := []CardView{}
	e.view(sysid, func(a *app) {
		for _, m := range a.members {
			for _, c := range m.cards {
				out = append(out, CardView{BizUserID: m.bizUserID, CardNo: MaskNumber(c.cardNo), Phone: c.phone,
					BankName: c.bankName, BankCode: c.bankCode, CardType: c.cardType, BindTime: c.bindTime,
					SafeCard: c.isSafeCard})
			}
		}
	})
	slices.SortFunc(out, func(x, y CardView) int {
		return cmp.Or(cmp.Compare(x.BizUserID, y.BizUserID), x.BindTime.Compare(y.BindTime), cmp.Compare(x.CardNo, y.CardNo))
	})
	return out
}

// Orders returns the application's orders in the order they were made.
func (e *Emulator) Orders(sysid string) []OrderView {
	out := []OrderView{}
	e.view(sysid, func(a *app) {
		for _, o := range a.book.all {
			out = append(out, o.view(a.now()))
		}
	})
	return out
}

// view is the order as the admin API shows it at now (its status as
// getOrderDetail gives it: see statusAt).
func (o *order) view(now time.Time) OrderView {
	status := o.statusAt(now)
	v := OrderView{OrderNo: o.orderNo, BizOrderNo: o.bizOrderNo, Kind: o.kind, Payer: o.payer,
		Receiver: o.receiver, AccountSet: o.accountSet, Amount: o.amount, Fee: o.fee, Refunded: o.refunded,
		Status: status, StatusName: statusName(status), ErrorCode: o.errorCode,
		ErrorMessage: o.errorMessage, PayMethod: o.payMethod, BackURL: o.backURL,
		Created: o.created, PaidAt: o.paidAt, Expires: o.expires}
	if o.ori != nil {
		v.Original = o.ori.bizOrderNo
	}
	if o.oriTransfer != "" {
		v.Original = o.oriTransfer
	}
	return v
}

// statusName spells out getOrderDetail's orderStatus.
func statusName(s int) string {
	switch s {
	case statusUnpaid:
		return "unpaid"
	case statusFailed:
		return "failed"
	case statusSucceeded:
		return "succeeded"
	case statusRefunded:
		return "refunded"
	case statusClosed:
		return "closed"
	case statusInProgress:
		return "in progress"
	}
	return "unknown"
}

// AccountBalances returns every non-empty balance of the application, the
// special owners (platform, escrow, outside) included, sorted by owner and
// account set.
func (e *Emulator) AccountBalances(sysid string) []BalanceView {
	out := []BalanceView{}
	e.view(sysid, func(a *app) {
		seen := map[string]bool{}
		for acc := range a.book.ledger.balances {
			k := key(acc)
			if seen[k] {
				continue
			}
			seen[k] = true
			b := a.book.ledger.owned(acc.Owner, acc.Set)
			if b.All == 0 && b.Frozen == 0 && acc.Owner != OwnerOutside {
				continue
			}
			out = append(out, BalanceView{Owner: acc.Owner, AccountSet: acc.Set, All: b.All, Frozen: b.Frozen,
				Available: b.All - b.Frozen})
		}
	})
	slices.SortFunc(out, func(x, y BalanceView) int {
		return cmp.Or(cmp.Compare(x.Owner, y.Owner), cmp.Compare(x.AccountSet, y.AccountSet))
	})
	return out
}

// Statement returns owner's statement lines, oldest first, in one account
// set, or in every account set of the application when set is "".
func (e *Emulator) Statement(sysid, owner, set string) []StatementLine {
	out := []StatementLine{}
	e.view(sysid, func(a *app) {
		sets := a.sets
		if set != "" {
			sets = []string{set}
		}
		for _, s := range sets {
			for _, l := range a.book.ledger.statement(owner, s, time.Time{}, maxTime()) {
				out = append(out, StatementLine{Seq: l.Seq, At: l.At, AccountSet: s, OrderNo: l.Ref.OrderNo,
					BizOrderNo: l.Ref.BizOrderNo, Before: l.Before, After: l.After, Change: l.Change,
					FrozenThen: l.FrozenThen})
			}
		}
	})
	slices.SortFunc(out, func(x, y StatementLine) int { return cmp.Compare(x.Seq, y.Seq) })
	return out
}

// maxTime is later than any entry.
func maxTime() time.Time { return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) }

// MaskNumber masks a card or identity number for display in logs and the
// admin views: its first 6 and last 4 characters and a star for each one
// between; a number of 10 characters or fewer, which that mask would show
// whole, is masked whole.
func MaskNumber(no string) string {
	if len(no) <= 10 {
		return strings.Repeat("*", len(no))
	}
	return cardHint(no)
}
