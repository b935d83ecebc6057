package mock

import (
	"errors"
	"time"

	"github.com/tsymock/tsymock/internal/emulator"
)

// DefaultNotifyTimeout bounds one delivery attempt: connecting, sending and
// reading the merchant's answer.
const DefaultNotifyTimeout = 10 * time.Second

// DefaultNotifyPoll is how often the notifier looks for events that no
// request woke it for (a safety net: every call and page action wakes it).
const DefaultNotifyPoll = time.Second

// DefaultMaxNotifications is how many notifications are kept for the
// admin API; past it the oldest finished ones are forgotten.
const DefaultMaxNotifications = 10000

// DefaultNotifySchedule is the platform's retry schedule for order
// notifications (PROTOCOL.md §5): the delays before the 1st to 4th attempt,
// each counted from the previous attempt (the first from the event). Other
// notifications are tried once, after the first delay.
func DefaultNotifySchedule() []time.Duration {
	return []time.Duration{5 * time.Second, 10 * time.Minute, time.Hour, 6 * time.Hour}
}

// NotifyConfig is how notifications reach the merchants' backUrls. Zero
// values get defaults.
type NotifyConfig struct {
	// Schedule is the delay before each attempt of an order notification;
	// its length is the number of attempts (default
	// DefaultNotifySchedule). Other notifications get one attempt after
	// Schedule[0]. Tests compress it, e.g. 50ms,100ms,200ms,400ms.
	Schedule []time.Duration
	// Timeout bounds one attempt (default DefaultNotifyTimeout).
	Timeout time.Duration
	// AllowHosts restricts the backUrl hosts contacted besides loopback:
	// names ("merchant.example") or host:port pairs. Empty means any host.
	AllowHosts []string
	// Poll is the safety poll interval (default DefaultNotifyPoll).
	Poll time.Duration
	// Max is how many notifications are kept (default DefaultMaxNotifications).
	Max int
}

func (c NotifyConfig) withDefaults() NotifyConfig {
	if len(c.Schedule) == 0 {
		c.Schedule = DefaultNotifySchedule()
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultNotifyTimeout
	}
	if c.Poll <= 0 {
		c.Poll = DefaultNotifyPoll
	}
	if c.Max <= 0 {
		c.Max = DefaultMaxNotifications
	}
	return c
}

// NotifyState is where a notification's delivery stands.
type NotifyState string

// Notification states. A pending notification waits for its next attempt;
// delivered got an HTTP 200; failed used up its attempts (it can be
// redelivered); undeliverable was never sent: it has no backUrl, or one
// that is not http(s) or not on an allowed host.
const (
	NotifyPending       NotifyState = "pending"
	NotifyDelivered     NotifyState = "delivered"
	NotifyFailed        NotifyState = "failed"
	NotifyUndeliverable NotifyState = "undeliverable"
)

// Errors of the notification API.
var (
	ErrNotificationNotFound = errors.New("mock: no such notification")
	ErrUndeliverable        = errors.New("mock: notification cannot be delivered")
	ErrNotificationBusy     = errors.New("mock: an attempt of this notification is in flight")
)

// Notification is one notification owed to a merchant's backUrl, with its
// delivery so far. It is a copy: changing it changes nothing.
type Notification struct {
	ID      string `json:"id"` // "n1", "n2"... in the order the events happened
	SysID   string `json:"sysid"`
	Service string `json:"service"`
	Method  string `json:"method"`
	// Status is the rps status: OK, error or pending.
	Status  string      `json:"status"`
	BackURL string      `json:"backUrl"`
	State   NotifyState `json:"state"`
	// Reason says why an undeliverable notification is not sent.
	Reason string `json:"reason,omitempty"`
	// RPS is the rps JSON text every attempt carries.
	RPS string `json:"rps"`
	// Body is the form last sent (sysid, rps, timestamp, v, sign).
	Body string `json:"body,omitempty"`
	// EventTime is when the event happened, on the server's clock.
	EventTime time.Time `json:"eventTime"`
	// Queued is the real time the notifier took the event.
	Queued time.Time `json:"queued"`
	// Order marks an OrderService/pay notification, retried on the schedule.
	Order       bool            `json:"order"`
	MaxAttempts int             `json:"maxAttempts"`
	Attempts    []NotifyAttempt `json:"attempts"`
	// NextAttempt is the real time of the next scheduled attempt, if any.
	NextAttempt time.Time `json:"nextAttempt,omitzero"`
}

// NotifyAttempt is one delivery attempt.
type NotifyAttempt struct {
	At time.Time `json:"at"`
	// Status is the merchant's HTTP status, 0 when there was no answer.
	Status  int           `json:"status"`
	Latency time.Duration `json:"latency"`
	Error   string        `json:"error,omitempty"`
	// Manual marks an attempt asked for through the API (redelivery).
	Manual bool `json:"manual,omitempty"`
}

// record is a notification with the notifier's bookkeeping. Its fields are
// guarded by the notifier's mutex.
type record struct {
	n       Notification
	ev      emulator.Event
	timer   *time.Timer // the next scheduled attempt, or nil
	running bool        // an attempt is in flight
	removed bool        // forgotten by ClearNotifications: no further attempts
}

// copy returns the public view of the record.
func (r *record) copy() Notification {
	n := r.n
	n.Attempts = append([]NotifyAttempt(nil), r.n.Attempts...)
	return n
}
