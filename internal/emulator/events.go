package emulator

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sync/atomic"
	"time"
)

// Event statuses, as the rps of a notification carries them (PROTOCOL.md §5).
const (
	EventOK      = "OK"
	EventError   = "error"
	EventPending = "pending"
	// EventReserveOK is the status of NotifyReserveFundIn, lower case as
	// spec §4.3.3's table writes it (汇款状态 成功“ok”), where every other
	// notification's is "OK".
	EventReserveOK = "ok"
)

// Event kinds.
const (
	// EventNotify is an rps notification to backUrl (PROTOCOL.md §5): the
	// zero Kind.
	EventNotify = ""
	// EventBackfill is the order back-fill of spec §4.1.22: the flat fields
	// of Form, posted to the merchant's back-fill URL and signed over
	// BackfillSignText. The merchant answers {bizOrderNo, merchantRet,
	// extendInfo}, which the notifier hands to Emulator.AnswerBackfill. It
	// is sent once. Its Service and Method (MemberService, orderBackfill)
	// are labels for logs: the form carries neither.
	EventBackfill = "backfill"
)

// Event is one notification the platform owes a merchant's backUrl: the
// content of its rps and where to send it. Events are built from the state
// when they happen and share nothing with it, so a notifier can deliver them
// later, in another goroutine, without locks.
type Event struct {
	SysID   string
	Service string // e.g. "MemberService"
	Method  string // e.g. "verifyResult"
	BackURL string // "" when the call gave none: recorded, not deliverable
	Status  string // EventOK, EventError or EventPending (EventReserveOK for NotifyReserveFundIn)
	// ReturnValue is the rps returnValue object.
	ReturnValue map[string]any
	// Extra holds top-level rps keys besides service, method, status and
	// returnValue, such as signContract's contractNo.
	Extra     map[string]any
	ErrorCode string // with Status EventError
	Message   string // with Status EventError
	At        time.Time
	// Order marks a notification of spec §3.7 (1)'s order table, an
	// OrderService/pay or a NotifyReserveFundIn (通联通账户余额充值): the
	// platform tries it up to 4 times (5 s, 10 min, 1 h, 6 h); the others
	// are sent once.
	Order bool
	// Kind is EventNotify or EventBackfill; a notifier sends an
	// EventBackfill as Form, not as an rps.
	Kind string
	// Form holds the fields of an EventBackfill.
	Form map[string]string
	// Key names the event across restarts when the state is kept (a
	// Recorder is set): "<lsn>.<n>", the n-th event of the op at lsn. A
	// replay queues the event again under the same key, so that a
	// notifier can tell which ones it already finished. "" otherwise.
	Key string
}

// Attempts is how many times the platform tries to deliver the event.
func (ev Event) Attempts() int {
	if ev.Order {
		return 4
	}
	return 1
}

// Clone copies the event's maps, so that neither its holder (the outbox,
// the notifier) nor a caller can change what the other holds.
func (ev Event) Clone() Event {
	ev.ReturnValue = maps.Clone(ev.ReturnValue)
	ev.Extra = maps.Clone(ev.Extra)
	ev.Form = maps.Clone(ev.Form)
	return ev
}

// queuedEvent is an event with its place in the emulator-wide order.
type queuedEvent struct {
	seq uint64
	ev  Event
}

// outbox is an application's undelivered events, oldest first. seq is shared
// by every application of an emulator, so that draining several outboxes
// keeps the order in which the events happened.
type outbox struct {
	seq   *atomic.Uint64
	items []queuedEvent
}

// notify queues an event of the application, stamped with its sysid and the
// clock's time. Callers hold the application's lock.
func (a *app) notify(ev Event) {
	ev.SysID = a.sysid
	ev.At = a.now()
	a.outbox.items = append(a.outbox.items, queuedEvent{seq: a.outbox.seq.Add(1), ev: ev.Clone()})
}

// name gives the events queued since start the keys of the op at lsn.
func (o *outbox) name(start int, lsn uint64) {
	for i := start; i < len(o.items); i++ {
		o.items[i].ev.Key = fmt.Sprintf("%d.%d", lsn, i-start)
	}
}

// TakeEvents removes and returns every application's undelivered events, in
// the order they happened. Events stay queued until taken, so nothing is
// lost when no notifier runs.
func (e *Emulator) TakeEvents() []Event {
	var all []queuedEvent
	for _, a := range e.appList() {
		a.mu.Lock()
		all = append(all, a.outbox.items...)
		a.outbox.items = nil
		a.mu.Unlock()
	}
	return inOrder(all)
}

// PendingEvents returns copies of one application's undelivered events,
// oldest first, leaving them queued.
func (e *Emulator) PendingEvents(sysid string) []Event {
	a := e.find(sysid)
	if a == nil {
		return nil
	}
	defer a.mu.Unlock()
	return inOrder(slices.Clone(a.outbox.items))
}

// appList is a snapshot of the applications, so that their locks are taken
// without holding the emulator's.
func (e *Emulator) appList() []*app {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Collect(maps.Values(e.apps))
}

// inOrder sorts queued events by sequence and returns copies of them.
func inOrder(items []queuedEvent) []Event {
	slices.SortFunc(items, func(x, y queuedEvent) int { return cmp.Compare(x.seq, y.seq) })
	out := make([]Event, len(items))
	for i, q := range items {
		out[i] = q.ev.Clone()
	}
	return out
}
