// Package notify delivers the platform's asynchronous notifications to the
// merchants' backUrls (PROTOCOL.md §5): it takes the events the emulator
// queues, signs each one's rps with the platform key, and posts it on the
// platform's retry schedule, keeping every attempt for the admin API, the
// web page and Go tests (List, Get, Redeliver, DeliverPending, Clear).
//
// Every method that lists or acts on notifications first takes the events
// queued since (Wake), so that a notification caused by a call that has
// answered is always there.
package notify

import (
	"errors"
	"maps"
	"time"

	"github.com/tsymock/tsymock/internal/emulator"
)

// DefaultTimeout bounds one delivery attempt: connecting, sending and
// reading the merchant's answer.
const DefaultTimeout = 10 * time.Second

// DefaultPoll is how often the notifier looks for events that no
// request woke it for (a safety net: every call and page action wakes it).
const DefaultPoll = time.Second

// DefaultMax is how many notifications are kept for the admin API; past it
// the oldest finished ones are forgotten, and when none is finished the
// oldest pending one is given up.
const DefaultMax = 10000

// DefaultWorkers is how many attempts are in flight at once: enough for
// slow receivers not to hold up the others, few enough that hanging ones
// cannot take the process's file descriptors from the requests it serves.
const DefaultWorkers = 16

// DefaultSchedule is the platform's retry schedule for order
// notifications (PROTOCOL.md §5): the delays before the 1st to 4th attempt,
// each counted from the previous attempt (the first from the event). Other
// notifications are tried once, after the first delay.
func DefaultSchedule() []time.Duration {
	return []time.Duration{5 * time.Second, 10 * time.Minute, time.Hour, 6 * time.Hour}
}

// Config is how notifications reach the merchants' backUrls. Zero
// values get defaults.
type Config struct {
	// Schedule is the delay before each attempt of an order notification;
	// its length is the number of attempts (default
	// DefaultSchedule). Other notifications get one attempt after
	// Schedule[0]. Tests compress it, e.g. 50ms,100ms,200ms,400ms.
	Schedule []time.Duration
	// Timeout bounds one attempt (default DefaultTimeout).
	Timeout time.Duration
	// AllowHosts are the backUrl hosts contacted besides loopback: names
	// ("merchant.example") or host:port pairs. Empty means loopback only.
	// Link-local and cloud metadata addresses are never contacted.
	AllowHosts []string
	// Poll is the safety poll interval (default DefaultPoll).
	Poll time.Duration
	// Max is how many notifications are kept (default DefaultMax).
	Max int
	// Workers bounds the attempts in flight at once, scheduled and
	// DeliverPending's together (default DefaultWorkers).
	Workers int
	// Finished, when set, is told the Event.Key of every notification that
	// needs no more attempts (delivered, failed, undeliverable, cleared),
	// so that a kept state does not send it again after a restart.
	Finished func(key string)
}

func (c Config) withDefaults() Config {
	if len(c.Schedule) == 0 {
		c.Schedule = DefaultSchedule()
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Poll <= 0 {
		c.Poll = DefaultPoll
	}
	if c.Max <= 0 {
		c.Max = DefaultMax
	}
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	return c
}

// State is where a notification's delivery stands.
type State string

// Notification states. A pending notification waits for its next attempt;
// delivered got an HTTP 200; failed used up its attempts (it can be
// redelivered); undeliverable was never sent: it has no backUrl, or one
// that is not http(s) or not on an allowed host.
const (
	Pending       State = "pending"
	Delivered     State = "delivered"
	Failed        State = "failed"
	Undeliverable State = "undeliverable"
)

// Errors of the notification API.
var (
	ErrNotFound      = errors.New("notify: no such notification")
	ErrUndeliverable = errors.New("notify: notification cannot be delivered")
	ErrBusy          = errors.New("notify: an attempt of this notification is in flight")
)

// Notification is one notification owed to a merchant's backUrl, with its
// delivery so far. It is a copy: changing it changes nothing.
type Notification struct {
	ID      string `json:"id"` // "n1", "n2"... in the order the events happened
	SysID   string `json:"sysid"`
	Service string `json:"service"`
	Method  string `json:"method"`
	// Kind is "" for an rps notification, KindBackfill for an order
	// back-fill (spec §4.1.22), whose Body is a flat signed form.
	Kind string `json:"kind,omitempty"`
	// Status is the rps status: OK, error or pending.
	Status  string `json:"status"`
	BackURL string `json:"backUrl"`
	State   State  `json:"state"`
	// Reason says why an undeliverable notification is not sent.
	Reason string `json:"reason,omitempty"`
	// RPS is the rps JSON text every attempt carries ("" for a back-fill).
	RPS string `json:"rps"`
	// Form holds a back-fill's fields (trxid, amount, ...), its sign
	// apart.
	Form map[string]string `json:"form,omitempty"`
	// Body is the form last sent (sysid, rps, timestamp, v, sign).
	Body string `json:"body,omitempty"`
	// EventTime is when the event happened, on the server's clock.
	EventTime time.Time `json:"eventTime"`
	// Queued is the real time the notifier took the event.
	Queued time.Time `json:"queued"`
	// Order marks an OrderService/pay notification, retried on the schedule.
	Order       bool      `json:"order"`
	MaxAttempts int       `json:"maxAttempts"`
	Attempts    []Attempt `json:"attempts"`
	// NextAttempt is the real time of the next scheduled attempt, if any.
	NextAttempt time.Time `json:"nextAttempt,omitzero"`
}

// Attempt is one delivery attempt.
type Attempt struct {
	At time.Time `json:"at"`
	// Status is the merchant's HTTP status, 0 when there was no answer.
	Status  int           `json:"status"`
	Latency time.Duration `json:"latency"`
	Error   string        `json:"error,omitempty"`
	// Manual marks an attempt asked for through the API (redelivery).
	Manual bool `json:"manual,omitempty"`
	// Answer says what came of a back-fill's answer: the order booked, or
	// that the merchant declined it.
	Answer string `json:"answer,omitempty"`

	local bool // failed for want of a local resource (file descriptors, buffers): no fault of the receiver
}

// record is a notification with the notifier's bookkeeping. Its fields are
// guarded by the notifier's mutex.
type record struct {
	n       Notification
	ev      emulator.Event
	timer   *time.Timer // the next scheduled attempt, or nil
	running bool        // an attempt is in flight
	removed bool        // forgotten by ClearNotifications: no further attempts
	local   int         // attempts in a row that failed for want of a local resource
}

// copy returns the public view of the record.
func (r *record) copy() Notification {
	n := r.n
	n.Attempts = append([]Attempt(nil), r.n.Attempts...)
	n.Form = maps.Clone(r.n.Form)
	return n
}
