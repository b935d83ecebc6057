package mock

import (
	"maps"
	"slices"
	"sync"

	"github.com/tsymock/tsymock/internal/soa"
)

// Coverage is the contract coverage of one application: every method of
// the catalogue, with what its calls were answered, and the notifications
// delivered. It shows which parts of an integration its tests never
// touched ("refund: never failed").
type Coverage struct {
	SysID string `json:"sysid"`
	// Called and Total count the /service/soa methods (page flows apart).
	Called int `json:"called"`
	Total  int `json:"total"`
	// Methods lists the whole catalogue in its order.
	Methods []MethodCoverage `json:"methods"`
	// Unknown counts calls of methods the catalogue does not know, by
	// "Service.method" as sent.
	Unknown map[string]int `json:"unknown,omitempty"`
	// Notifications counts the notifications the notifier holds, by
	// "Service.method status", with where their delivery stands.
	Notifications []NotificationCoverage `json:"notifications"`
}

// MethodCoverage is what one method's calls were answered.
type MethodCoverage struct {
	Service  string `json:"service"`
	Method   string `json:"method"`
	PageFlow bool   `json:"pageFlow,omitempty"` // opened in a browser, not called on /service/soa
	Calls    int    `json:"calls"`
	OK       int    `json:"ok"`
	// ErrorCodes counts the error answers by errorCode.
	ErrorCodes map[string]int `json:"errorCodes,omitempty"`
	// Faults counts the broken answers by fault.
	Faults map[string]int `json:"faults,omitempty"`
	// Gaps name what the tests never saw: "never called", "never
	// failed", "never succeeded".
	Gaps []string `json:"gaps,omitempty"`
}

// NotificationCoverage counts one kind of notification.
type NotificationCoverage struct {
	Kind          string `json:"kind"` // "OrderService.pay OK"
	Total         int    `json:"total"`
	Delivered     int    `json:"delivered"`
	Pending       int    `json:"pending,omitempty"`
	Failed        int    `json:"failed,omitempty"`
	Undeliverable int    `json:"undeliverable,omitempty"`
}

// Coverage gaps.
const (
	GapNeverCalled    = "never called"
	GapNeverFailed    = "never failed"
	GapNeverSucceeded = "never succeeded"
)

// tally is what one method's calls were answered.
type tally struct {
	calls, ok     int
	codes, faults map[string]int
}

// appTally is one application's coverage so far.
type appTally struct {
	methods map[string]*tally // by Service.method
	unknown map[string]int
}

// coverage counts, per application, every call and notification since the
// last reset. Unlike the journal it is not bounded: it holds counts only.
type coverage struct {
	cat *soa.Catalogue

	mu   sync.Mutex
	apps map[string]*appTally
}

func newCoverage(cat *soa.Catalogue) *coverage {
	return &coverage{cat: cat, apps: map[string]*appTally{}}
}

// app returns sysid's tally, creating it; c.mu is held.
func (c *coverage) app(sysid string) *appTally {
	a, ok := c.apps[sysid]
	if !ok {
		a = &appTally{methods: map[string]*tally{}, unknown: map[string]int{}}
		c.apps[sysid] = a
	}
	return a
}

// record counts one answered call. outcome is OutcomeOK, OutcomeError
// (with code) or OutcomeFault (with code naming the fault).
func (c *coverage) record(sysid, service, method, outcome, code string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a := c.app(sysid)
	var buf [64]byte
	name := append(append(append(buf[:0], service...), '.'), method...)
	if _, serr := c.cat.Lookup(service, method); serr != nil {
		a.unknown[string(name)]++
		return
	}
	t, ok := a.methods[string(name)] // looked up with the bytes: no string is made for a method seen before
	if !ok {
		t = &tally{codes: map[string]int{}, faults: map[string]int{}}
		a.methods[string(name)] = t
	}
	t.calls++
	switch outcome {
	case OutcomeOK:
		t.ok++
	case OutcomeError:
		t.codes[code]++
	case OutcomeFault:
		t.faults[code]++
	}
}

// reset forgets sysid's counts, or all when sysid is "".
func (c *coverage) reset(sysid string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if sysid == "" {
		c.apps = map[string]*appTally{}
		return
	}
	delete(c.apps, sysid)
}

// sysids are the applications with counts.
func (c *coverage) sysids() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(maps.Keys(c.apps))
}

// report is sysid's coverage against the whole catalogue.
func (c *coverage) report(sysid string) Coverage {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.apps[sysid]
	if !ok {
		a = &appTally{} // looking creates nothing
	}
	rep := Coverage{SysID: sysid, Unknown: maps.Clone(a.unknown), Notifications: []NotificationCoverage{}}
	seen := map[string]bool{}
	for _, m := range c.cat.Methods() {
		if seen[m.FullName()] {
			continue // OrderService.pay: one RPC entry and its pages
		}
		seen[m.FullName()] = true
		mc := a.methodCoverage(m)
		if !m.PageFlow {
			rep.Total++
			if mc.Calls > 0 {
				rep.Called++
			}
		}
		rep.Methods = append(rep.Methods, mc)
	}
	if len(rep.Unknown) == 0 {
		rep.Unknown = nil
	}
	return rep
}

// methodCoverage is one catalogue method's line of the report.
func (a *appTally) methodCoverage(m *soa.Method) MethodCoverage {
	mc := MethodCoverage{Service: m.Service, Method: m.Name, PageFlow: m.PageFlow}
	t, ok := a.methods[m.FullName()]
	if !ok {
		mc.Gaps = []string{GapNeverCalled}
		return mc
	}
	mc.Calls, mc.OK = t.calls, t.ok
	if len(t.codes) > 0 {
		mc.ErrorCodes = maps.Clone(t.codes)
	} else {
		mc.Gaps = append(mc.Gaps, GapNeverFailed)
	}
	if len(t.faults) > 0 {
		mc.Faults = maps.Clone(t.faults)
	}
	if t.ok == 0 {
		mc.Gaps = append(mc.Gaps, GapNeverSucceeded)
	}
	return mc
}

// notificationCoverage counts notifications by kind, sorted by kind.
func notificationCoverage(list []Notification) []NotificationCoverage {
	byKind := map[string]*NotificationCoverage{}
	for _, n := range list {
		kind := n.Service + "." + n.Method + " " + n.Status
		c, ok := byKind[kind]
		if !ok {
			c = &NotificationCoverage{Kind: kind}
			byKind[kind] = c
		}
		c.Total++
		switch n.State {
		case NotifyDelivered:
			c.Delivered++
		case NotifyPending:
			c.Pending++
		case NotifyFailed:
			c.Failed++
		case NotifyUndeliverable:
			c.Undeliverable++
		}
	}
	out := []NotificationCoverage{}
	for _, k := range slices.Sorted(maps.Keys(byKind)) {
		out = append(out, *byKind[k])
	}
	return out
}
