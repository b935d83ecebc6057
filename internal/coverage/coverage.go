// Package coverage counts, per application, what every method and browser
// page of the catalogue was answered since the last reset, and reports
// what the tests never exercised ("refund: never failed"), with the
// notifications next to it. It counts the journal's entries as they are added; unlike the journal
// it is not bounded: it holds counts only.
package coverage

import (
	"maps"
	"slices"
	"sync"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/soa"
)

// Report is the contract coverage of one application: every method of
// the catalogue, with what its calls were answered, and the notifications
// delivered. It shows which parts of an integration its tests never
// touched ("refund: never failed").
type Report struct {
	SysID string `json:"sysid"`
	// Called and Total count the /service/soa methods (page flows apart).
	Called int `json:"called"`
	Total  int `json:"total"`
	// Methods lists the whole catalogue in its order.
	Methods []MethodReport `json:"methods"`
	// Unknown counts calls of methods the catalogue does not know, by
	// "Service.method" as sent.
	Unknown map[string]int `json:"unknown,omitempty"`
	// Notifications counts the notifications the notifier holds, by
	// "Service.method status", with where their delivery stands.
	Notifications []NotificationReport `json:"notifications"`
	// Portability lists, by rule, the calls tsymock answered that the real
	// test environment would refuse; empty when every call was portable.
	Portability []PortabilityReport `json:"portability"`
	// Pages lists every browser page of the catalogue, with what it was
	// asked (pages.go).
	Pages []PageReport `json:"pages"`
}

// MethodReport is what one method's calls were answered.
type MethodReport struct {
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

// NotificationReport counts one kind of notification.
type NotificationReport struct {
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
	notes   map[string]*noteTally // portability notes by rule; nil until the first
	pages   map[string]*pageTally // by page path; nil until the first
}

// Counter counts, per application, every call since the last reset. It is
// safe for concurrent use.
type Counter struct {
	cat *soa.Catalogue

	mu   sync.Mutex
	apps map[string]*appTally
}

// New returns a counter that reports against the catalogue cat.
func New(cat *soa.Catalogue) *Counter {
	return &Counter{cat: cat, apps: map[string]*appTally{}}
}

// app returns sysid's tally, creating it; c.mu is held.
func (c *Counter) app(sysid string) *appTally {
	a, ok := c.apps[sysid]
	if !ok {
		a = &appTally{methods: map[string]*tally{}, unknown: map[string]int{}}
		c.apps[sysid] = a
	}
	return a
}

// Record counts one journaled call or page request of a registered
// application. A call refused before its req was decoded names no method,
// and is not counted.
func (c *Counter) Record(e *journal.Entry) {
	if e.Kind == journal.KindPage {
		c.mu.Lock()
		c.app(e.SysID).recordPage(e)
		c.mu.Unlock()
		return
	}
	if e.Service == "" {
		return
	}
	code := e.ErrorCode
	if e.Outcome == journal.OutcomeFault {
		code = e.Fault
	}
	c.record(e.SysID, e.Service, e.Method, e.Outcome, code)
	// A call noted on the way and then refused fails on the real test
	// environment as well: only OK answers are portability problems, as
	// for the X-Tsymock-Would-Fail header. The journal keeps the note.
	if len(e.Portability) > 0 && e.Outcome == journal.OutcomeOK {
		c.mu.Lock()
		c.app(e.SysID).recordNotes(e)
		c.mu.Unlock()
	}
}

// maxUnknown bounds the names of calls outside the catalogue counted one
// by one per application; past it they are counted together as
// otherUnknown.
const (
	maxUnknown   = 100
	otherUnknown = "(other names outside the catalogue)"
)

// record counts one answered call. outcome is OutcomeOK, OutcomeError
// (with code) or OutcomeFault (with code naming the fault).
func (c *Counter) record(sysid, service, method, outcome, code string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a := c.app(sysid)
	var buf [64]byte
	name := append(append(append(buf[:0], service...), '.'), method...)
	if _, serr := c.cat.Lookup(service, method); serr != nil {
		key := string(name)
		if _, seen := a.unknown[key]; !seen && len(a.unknown) >= maxUnknown {
			key = otherUnknown // invented names must not grow the counts without end
		}
		a.unknown[key]++
		return
	}
	t, ok := a.methods[string(name)] // looked up with the bytes: no string is made for a method seen before
	if !ok {
		t = &tally{codes: map[string]int{}, faults: map[string]int{}}
		a.methods[string(name)] = t
	}
	t.calls++
	switch outcome {
	case journal.OutcomeOK:
		t.ok++
	case journal.OutcomeError:
		t.codes[code]++
	case journal.OutcomeFault:
		t.faults[code]++
	}
}

// Reset forgets sysid's counts, or all when sysid is "".
func (c *Counter) Reset(sysid string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if sysid == "" {
		c.apps = map[string]*appTally{}
		return
	}
	delete(c.apps, sysid)
}

// SysIDs are the applications with counts, sorted.
func (c *Counter) SysIDs() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(maps.Keys(c.apps))
}

// Report is sysid's coverage against the whole catalogue, without its
// notifications (Notifications counts those).
func (c *Counter) Report(sysid string) Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.apps[sysid]
	if !ok {
		a = &appTally{} // looking creates nothing
	}
	rep := Report{SysID: sysid, Unknown: maps.Clone(a.unknown), Notifications: []NotificationReport{},
		Portability: a.portability(), Pages: a.pageReports(c.cat)}
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

// methodCoverage is one catalogue method's line of the report. A page
// flow's line counts its page's requests; the page's own gaps are in
// Report.Pages, so only "never called" is given here.
func (a *appTally) methodCoverage(m *soa.Method) MethodReport {
	mc := MethodReport{Service: m.Service, Method: m.Name, PageFlow: m.PageFlow}
	t := a.tallyOf(m)
	if t == nil {
		mc.Gaps = []string{GapNeverCalled}
		return mc
	}
	mc.Calls, mc.OK = t.calls, t.ok
	if len(t.codes) > 0 {
		mc.ErrorCodes = maps.Clone(t.codes)
	} else if !m.PageFlow {
		mc.Gaps = append(mc.Gaps, GapNeverFailed)
	}
	if len(t.faults) > 0 {
		mc.Faults = maps.Clone(t.faults)
	}
	if t.ok == 0 && !m.PageFlow {
		mc.Gaps = append(mc.Gaps, GapNeverSucceeded)
	}
	return mc
}

// tallyOf is a method's tally, or its page's; nil when it has none.
func (a *appTally) tallyOf(m *soa.Method) *tally {
	if m.PageFlow {
		if p, ok := a.pages[m.Page]; ok {
			return &p.tally
		}
		return nil
	}
	return a.methods[m.FullName()]
}

// Notifications counts notifications by kind, sorted by kind.
func Notifications(list []notify.Notification) []NotificationReport {
	byKind := map[string]*NotificationReport{}
	for _, n := range list {
		kind := n.Service + "." + n.Method + " " + n.Status
		c, ok := byKind[kind]
		if !ok {
			c = &NotificationReport{Kind: kind}
			byKind[kind] = c
		}
		c.Total++
		switch n.State {
		case notify.Delivered:
			c.Delivered++
		case notify.Pending:
			c.Pending++
		case notify.Failed:
			c.Failed++
		case notify.Undeliverable:
			c.Undeliverable++
		}
	}
	out := []NotificationReport{}
	for _, k := range slices.Sorted(maps.Keys(byKind)) {
		out = append(out, *byKind[k])
	}
	return out
}
