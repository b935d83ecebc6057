package emulator

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// CheckAccountPath is where the mock serves reconciliation files; the
// emulator answers getCheckAccountFile with a path under it.
const CheckAccountPath = "/__tsymock/files/checkaccount/"

// queryMerchantBalance answers the platform's own balance in a set.
func queryMerchantBalance(a *app, p params) (map[string]any, *soa.Error) {
	set := p.str("accountSetNo")
	if serr := a.checkSet(set); serr != nil {
		return nil, serr
	}
	b := a.book.ledger.owned(OwnerPlatform, set)
	return map[string]any{"allAmount": b.All, "freezeAmount": b.Frozen}, nil
}

// queryReserveFundBalance answers the reserve fund with the platform's
// balance in the standard set; the keys are snake_case, as on the platform.
func queryReserveFundBalance(a *app, _ params) (map[string]any, *soa.Error) {
	b := a.book.ledger.owned(OwnerPlatform, a.standardSet())
	return map[string]any{"account_no": "TSYMOCK" + a.sysid, "account_name": "tsymock reserve fund (TEST)",
		"balance": b.All, "def_clr": 0}, nil
}

// getCheckAccountFile answers the URL of a day's reconciliation file (a
// path; the mock makes it absolute and serves the file).
func getCheckAccountFile(a *app, p params) (map[string]any, *soa.Error) {
	date := p.str("date")
	if _, err := time.ParseInLocation("20060102", date, soa.Shanghai()); err != nil {
		return nil, soa.Errorf("40044", "date %q must be yyyyMMdd", date)
	}
	return map[string]any{"url": CheckAccountPath + a.sysid + "/" + date + ".txt"}, nil
}

// checkAccountFile is the reconciliation file of one day: a header line,
// then one line per order paid that day, in payment order.
func (a *app) checkAccountFile(date string) (string, error) {
	day, err := time.ParseInLocation("20060102", date, soa.Shanghai())
	if err != nil {
		return "", fmt.Errorf("emulator: date %q must be yyyyMMdd: %w", date, err)
	}
	var b strings.Builder
	b.WriteString("orderNo|bizOrderNo|type|buyerBizUserId|amount|fee|payDatetime|orderStatus\n")
	for _, o := range a.ordersPaidBetween(day, day.AddDate(0, 0, 1)) {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%d|%d|%s|%d\n", o.orderNo, o.bizOrderNo, o.kind, a.buyerID(o.payer),
			o.amount, o.fee, o.payDatetime(), o.status)
	}
	return b.String(), nil
}

// ordersPaidBetween lists orders paid in [from, to), by payment time.
func (a *app) ordersPaidBetween(from, to time.Time) []*order {
	var out []*order
	for _, o := range a.book.all {
		if !o.paidAt.IsZero() && !o.paidAt.Before(from) && o.paidAt.Before(to) {
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, func(x, y *order) int { return x.paidAt.Compare(y.paidAt) })
	return out
}

// CheckAccountFile returns an application's reconciliation file of a day.
func (e *Emulator) CheckAccountFile(sysid, date string) (string, error) {
	a := e.lock(sysid)
	defer a.mu.Unlock()
	return a.checkAccountFile(date)
}
