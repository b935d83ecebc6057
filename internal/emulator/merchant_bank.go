package emulator

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Bank custody account kinds of queryBankBalance (acctOrgType, spec §4.3.5).
const (
	orgHuatong = 1 // 华通银行: the real-time balance only
)

// queryBankBalance answers the balance of the platform's bank custody
// account (spec §4.3.5): in custody, the bank holds what the application's
// accounts hold, so tsymock answers that, the money that came in from
// outside less what went out, in fen. For 上海银行 and 招商银行 (acctOrgType
// 3 and 4) a past date (yyyyMMdd) answers the balance at the end of that
// China-time day, today or none the balance now, and acctStatus is 00
// (normal); 华通 (1) answers the balance now whatever the date. acctNo and
// acctName are echoed: tsymock keeps no bank account numbers. A date that
// is not yyyyMMdd, or in the future, is 40044.
func queryBankBalance(a *app, p params) (map[string]any, *soa.Error) {
	org := p.num("acctOrgType")
	end, serr := a.dayEnd(org, p.str("date"))
	if serr != nil {
		return nil, serr
	}
	balance := a.book.ledger.total()
	if !end.IsZero() {
		balance = a.book.ledger.heldBefore(end)
	}
	v := map[string]any{"acctOrgType": org, "acctNo": p.str("acctNo"), "acctName": p.str("acctName"),
		"balance": balance}
	if org != orgHuatong {
		v["acctStatus"] = "00"
	}
	return v, nil
}

// dayEnd is the end of the past day a balance is asked for, zero for the
// balance now.
func (a *app) dayEnd(org int64, date string) (time.Time, *soa.Error) {
	if date == "" || org == orgHuatong {
		return time.Time{}, nil
	}
	day, err := time.ParseInLocation("20060102", date, soa.Shanghai())
	if err != nil {
		return time.Time{}, soa.Errorf("40044", "date %q must be yyyyMMdd", date)
	}
	switch today := dayOf(a.now()); {
	case day.After(today):
		return time.Time{}, soa.Errorf("40044", "date %s is after today (%s)", date, today.Format("20060102"))
	case day.Equal(today):
		return time.Time{}, nil
	}
	return day.AddDate(0, 0, 1), nil
}

// heldBefore is what the application held just before time end: what came
// in from outside before it less what went out.
func (l *ledger) heldBefore(end time.Time) int64 {
	var held int64
	for _, e := range l.entries {
		switch {
		case !e.At.Before(end):
		case e.Leg.From.Owner == OwnerOutside:
			held += e.Leg.Amount
		case e.Leg.To.Owner == OwnerOutside:
			held -= e.Leg.Amount
		}
	}
	return held
}

// ReserveFundTransfer is money a platform wired to its 通联通 reserve
// account offline (spec §4.3.3): the account it came from, the amount in
// fen, the 通联通 merchant number, and the notification address the
// platform registered with Allinpay.
type ReserveFundTransfer struct {
	AccountNo string
	Amount    int64
	MerID     string
	BackURL   string
}

// ReserveFundIn books a transfer into the platform's reserve fund as the
// platform does once the bank has it (spec §4.3.3, business mode A: a
// top-up of the platform's standard set, which queryMerchantBalance and
// queryReserveFundBalance show), and queues the MerchantService
// NotifyReserveFundIn notification for BackURL, with status "ok" (in the
// rps and in its returnValue) and on the order schedule (see
// EventReserveOK). MerID left empty is madeUpMerID's. accountNo is required
// (10001); the amount must be positive (40020). It answers the
// notification's returnValue.
func (e *Emulator) ReserveFundIn(sysid string, in ReserveFundTransfer) (map[string]any, *soa.Error) {
	v, serr := e.page(sysid, actReserveFundIn, in.AccountNo, strconv.FormatInt(in.Amount, 10), in.MerID, in.BackURL)
	rv, _ := v.(map[string]any)
	return rv, serr
}

// reserveFundIn is the body of ReserveFundIn, from its op's args.
func reserveFundIn(accountNo, amount, merid, backURL string) opFunc {
	return func(a *app) (any, *soa.Error) {
		n, err := strconv.ParseInt(amount, 10, 64)
		switch {
		case accountNo == "":
			return nil, soa.Errorf("10001", "accountNo: the account the money was wired from")
		case err != nil || n <= 0:
			return nil, soa.Errorf("40020", "amount must be a positive number of fen, got %q", amount)
		}
		legacy := a.before(RulesDec2026d) // logged before RulesDec2026d: the memo as merid, status at the top only
		if merid == "" {
			merid = madeUpMerID(a.sysid)
			if legacy {
				merid = "TLT" + a.sysid
			}
		}
		no, set := a.number(), a.standardSet()
		ref := Ref{OrderNo: no, TradeNo: no}
		if err := a.book.ledger.post(a.now(), ref, Leg{acct(OwnerOutside, set), acct(OwnerPlatform, set), n}); err != nil {
			return nil, ledgerError("40020", err)
		}
		rv := map[string]any{"accountNo": accountNo, "amount": amount, "fintime": soa.FormatTime(a.now()), "merid": merid}
		if !legacy {
			// §4.3.3's table lists status (汇款状态 成功“ok”) in the column of
			// returnValue's members, right under its header row, so the platform
			// most likely sends it there; the rps keeps its own status "ok" too,
			// as the table does not rule it out and a handler may read either.
			rv["status"] = EventReserveOK
		}
		// §3.7 (1) lists 通联通账户余额充值 (入账成功) among the order notifications, tried 4 times
		a.notify(Event{Service: "MerchantService", Method: "NotifyReserveFundIn", BackURL: backURL, Status: EventReserveOK,
			ReturnValue: rv, Order: true})
		return rv, nil
	}
}

// madeUpMerID is the 通联通商户号 (merid) of sysid's NotifyReserveFundIn when
// the transfer names none: a made-up 15-digit number shaped like §4.3.3
// note (5)'s example 200290000000001, derived from the sysid so that it is
// the same for every transfer of an application (and across a replay)
// without drawing from the id source. It is bare, as merid is the merchant
// number: TLT+number is only the remittance memo the note asks for.
func madeUpMerID(sysid string) string {
	h := fnv.New64a()
	h.Write([]byte(sysid)) // a hash.Hash never fails to write
	return fmt.Sprintf("2002%011d", h.Sum64()%100_000_000_000)
}
