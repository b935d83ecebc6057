package soak

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/keys/demo"
)

// Check compares the state of the server at base with what was
// acknowledged: every member, order and application registered at run
// time is there, and the ledger of every application balances: its
// accounts sum to zero (money only moves: the outside's account is where
// deposits come from and withdrawals go), and none but the outside's is
// negative. It returns what is wrong.
func Check(base string, a *Acked) []error {
	members, orders, apps := a.snapshot()
	var errs []error
	sysids := map[string]bool{demo.SysID: true}
	for sysid := range members {
		sysids[sysid] = true
	}
	for sysid := range sysids {
		errs = append(errs, checkApp(base, sysid, members[sysid], orders[sysid])...)
	}
	return append(errs, checkApps(base, apps)...)
}

// checkApp checks one application's members, orders and ledger.
func checkApp(base, sysid string, members, orders []string) []error {
	var ms []emulator.MemberView
	var os []emulator.OrderView
	var bs []emulator.BalanceView
	for view, v := range map[string]any{"members": &ms, "orders": &os, "balances": &bs} {
		if err := getJSON(base+"/__tsymock/state/"+sysid+"/"+view, v); err != nil {
			return []error{err}
		}
	}
	var errs []error
	have := map[string]bool{}
	for _, m := range ms {
		have["member "+m.BizUserID] = true
	}
	for _, o := range os {
		have["order "+o.BizOrderNo] = true
	}
	for _, id := range members {
		if !have["member "+id] {
			errs = append(errs, fmt.Errorf("soak: %s: member %s was answered OK and is gone", sysid, id))
		}
	}
	for _, no := range orders {
		if !have["order "+no] {
			errs = append(errs, fmt.Errorf("soak: %s: order %s was answered OK and is gone", sysid, no))
		}
	}
	return append(errs, checkLedger(sysid, bs)...)
}

// checkLedger checks that an application's accounts sum to zero and that
// none but the outside's is negative.
func checkLedger(sysid string, bs []emulator.BalanceView) []error {
	var errs []error
	var sum int64
	for _, b := range bs {
		sum += b.All
		if b.Owner != emulator.OwnerOutside && (b.All < 0 || b.Frozen < 0 || b.Frozen > b.All) {
			errs = append(errs, fmt.Errorf("soak: %s: the account of %s in %s holds %d, %d of it frozen",
				sysid, b.Owner, b.AccountSet, b.All, b.Frozen))
		}
	}
	if sum != 0 {
		errs = append(errs, fmt.Errorf("soak: %s: the ledger does not balance: its accounts sum to %d", sysid, sum))
	}
	return errs
}

// checkApps checks that every application registered at run time is.
func checkApps(base string, apps []string) []error {
	var list []struct {
		SysID  string `json:"sysid"`
		Origin string `json:"origin"`
	}
	if err := getJSON(base+"/__tsymock/apps", &list); err != nil {
		return []error{err}
	}
	have := map[string]string{}
	for _, a := range list {
		have[a.SysID] = a.Origin
	}
	var errs []error
	for _, sysid := range apps {
		if have[sysid] != "admin" {
			errs = append(errs, fmt.Errorf("soak: application %s was registered at run time and is %q", sysid, have[sysid]))
		}
	}
	return errs
}

// CheckNotified checks that the receiver got every order notification
// owed, or, for one it refuses at every attempt, that a log said its
// attempts were used up; logs is the text of every life's log.
func CheckNotified(a *Acked, r *Receiver, logs string) []error {
	usedUp := map[string]bool{}
	for _, line := range strings.Split(logs, "\n") {
		if !strings.Contains(line, "its attempts are used up") {
			continue
		}
		if _, rest, ok := strings.Cut(line, " bizOrderNo="); ok {
			no, _, _ := strings.Cut(rest, " ")
			usedUp[no] = true
		}
	}
	var errs []error
	for no, sysid := range a.Notified() {
		switch {
		case r.Refuses(no) && !usedUp[no]:
			errs = append(errs, fmt.Errorf("soak: %s: the notification of %s, refused, was never logged as used up", sysid, no))
		case !r.Refuses(no) && !r.Delivered(no):
			errs = append(errs, fmt.Errorf("soak: %s: the notification of %s was never delivered", sysid, no))
		}
	}
	return errs
}

func getJSON(u string, v any) error {
	resp, err := http.Get(u)
	if err != nil {
		return fmt.Errorf("soak: GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("soak: GET %s: HTTP %d", u, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("soak: GET %s: %w", u, err)
	}
	return nil
}
