package soak

import (
	"errors"
	"fmt"
	"sync"

	"github.com/tsymock/tsymock/client"
)

// Acked is what tsymock answered OK, the writes every restart must keep,
// and what it answered wrongly while it ran (findings). Safe for
// concurrent use.
type Acked struct {
	mu sync.Mutex
	// members and orders are the bizUserIds and bizOrderNos answered OK,
	// by sysid.
	members, orders map[string][]string
	// notified are the orders whose OrderService/pay notification the
	// receiver is owed, by bizOrderNo, with their sysid.
	notified map[string]string
	apps     []string // sysids registered at run time
	pages    int      // page actions answered
	calls    int      // calls answered, OK or not
	findings []error
}

// NewAcked returns an empty record.
func NewAcked() *Acked {
	return &Acked{members: map[string][]string{}, orders: map[string][]string{}, notified: map[string]string{}}
}

// ErrGone is a call that got no answer: the server was killed.
var ErrGone = errors.New("soak: no answer: the server is gone")

// answered records a call's outcome: an error answer while the server
// runs is a finding; a call with no answer says the server is gone.
func (a *Acked) answered(what string, err error) error {
	var apiErr *client.Error
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case err == nil:
		a.calls++
		return nil
	case errors.As(err, &apiErr) || errors.Is(err, errPage):
		a.calls++
		a.findings = append(a.findings, fmt.Errorf("%s: %w", what, err))
		return err
	}
	return ErrGone
}

func (a *Acked) member(sysid, id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.members[sysid] = append(a.members[sysid], id)
}

// order records an order answered OK; notifies when the receiver is owed
// its notification.
func (a *Acked) order(sysid, bizOrderNo string, notifies bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.orders[sysid] = append(a.orders[sysid], bizOrderNo)
	if notifies {
		a.notified[bizOrderNo] = sysid
	}
}

// App records an application registered at run time.
func (a *Acked) App(sysid string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.apps = append(a.apps, sysid)
}

func (a *Acked) page() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pages++
}

// Finding records what went wrong while the server ran.
func (a *Acked) Finding(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.findings = append(a.findings, err)
}

// Findings are the error answers and other findings so far.
func (a *Acked) Findings() []error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]error(nil), a.findings...)
}

// Totals are the figures of a run.
type Totals struct {
	Calls, Members, Orders, Notified, Apps, Pages int
}

// Totals counts what was answered.
func (a *Acked) Totals() Totals {
	a.mu.Lock()
	defer a.mu.Unlock()
	t := Totals{Calls: a.calls, Notified: len(a.notified), Apps: len(a.apps), Pages: a.pages}
	for _, m := range a.members {
		t.Members += len(m)
	}
	for _, o := range a.orders {
		t.Orders += len(o)
	}
	return t
}

// Notified are the orders whose notification the receiver is owed.
func (a *Acked) Notified() map[string]string {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make(map[string]string, len(a.notified))
	for k, v := range a.notified {
		out[k] = v
	}
	return out
}

// snapshot copies what the checks compare.
func (a *Acked) snapshot() (members, orders map[string][]string, apps []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	members, orders = map[string][]string{}, map[string][]string{}
	for k, v := range a.members {
		members[k] = append([]string(nil), v...)
	}
	for k, v := range a.orders {
		orders[k] = append([]string(nil), v...)
	}
	return members, orders, append([]string(nil), a.apps...)
}
