package mock

import (
	"context"
	"time"

	"github.com/tsymock/tsymock/internal/notify"
)

// DefaultNotifyTimeout bounds one delivery attempt: connecting, sending and
// reading the merchant's answer.
const DefaultNotifyTimeout = notify.DefaultTimeout

// DefaultNotifySchedule is the platform's retry schedule for order
// notifications (PROTOCOL.md §5): the delays before the 1st to 4th attempt,
// each counted from the previous attempt (the first from the event). Other
// notifications are tried once, after the first delay.
func DefaultNotifySchedule() []time.Duration { return notify.DefaultSchedule() }

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
	// AllowHosts are the backUrl hosts contacted besides loopback: names
	// ("merchant.example") or host:port pairs. Empty means loopback only.
	// Link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10,
	// metadata.google.internal...) are never contacted, even when named
	// here; what a name resolves to is checked when connecting.
	AllowHosts []string
	// Poll is how often the notifier looks for events no request woke it
	// for, a safety net (default 1s).
	Poll time.Duration
	// Max is how many notifications are kept for the admin API; past it the
	// oldest finished ones are forgotten, or, when none is finished, the
	// oldest pending one is given up (default 10,000).
	Max int
	// Workers bounds the delivery attempts in flight at once (default
	// DefaultNotifyWorkers).
	Workers int
}

// DefaultNotifyWorkers bounds the notification attempts in flight at once.
const DefaultNotifyWorkers = notify.DefaultWorkers

// internal is the notifier's configuration; finished is told the key of
// every notification that needs no more attempts.
func (c NotifyConfig) internal(finished func(key string)) notify.Config {
	return notify.Config{Schedule: c.Schedule, Timeout: c.Timeout, AllowHosts: c.AllowHosts, Poll: c.Poll,
		Max: c.Max, Workers: c.Workers, Finished: finished}
}

// The notifications' types, as Server.Notifications hands them out
// (package internal/notify defines them).
type (
	// Notification is one notification owed to a merchant's backUrl, with
	// its delivery so far. It is a copy: changing it changes nothing.
	Notification = notify.Notification
	// NotifyAttempt is one delivery attempt.
	NotifyAttempt = notify.Attempt
	// NotifyState is where a notification's delivery stands.
	NotifyState = notify.State
)

// Notification states. A pending notification waits for its next attempt;
// delivered got an HTTP 200; failed used up its attempts (it can be
// redelivered); undeliverable was never sent: it has no backUrl, or one
// that is not http(s) or not on an allowed host.
const (
	NotifyPending       = notify.Pending
	NotifyDelivered     = notify.Delivered
	NotifyFailed        = notify.Failed
	NotifyUndeliverable = notify.Undeliverable
)

// Errors of the notification API.
var (
	ErrNotificationNotFound = notify.ErrNotFound
	ErrUndeliverable        = notify.ErrUndeliverable
	ErrNotificationBusy     = notify.ErrBusy
)

// Notifications returns the notifications of one application, or of every
// application when sysid is "", oldest first, each with its attempts and
// state. A notification caused by a call that has answered is always
// listed.
func (s *Server) Notifications(sysid string) []Notification { return s.notify.List(sysid) }

// Notification returns one notification by its id ("n1", ...).
func (s *Server) Notification(id string) (Notification, bool) { return s.notify.Get(id) }

// RedeliverNotification attempts one notification now, whatever its state,
// waits for the attempt (bounded by the notify timeout and ctx) and returns
// the notification with it recorded. A redelivery does not use up the
// schedule: a pending notification whose redelivery fails keeps its
// remaining scheduled attempts; a delivered or failed one ends delivered or
// failed by this attempt. Errors: ErrNotificationNotFound,
// ErrUndeliverable (no backUrl, or one that is refused), ErrNotificationBusy
// (an attempt is in flight), or an error after Shutdown.
func (s *Server) RedeliverNotification(ctx context.Context, id string) (Notification, error) {
	return s.notify.Redeliver(ctx, id)
}

// DeliverPendingNotifications attempts every pending notification now,
// concurrently, without waiting for its schedule, and returns them once
// every attempt has finished. Use it to skip the platform's 5 s delay in a
// test without compressing the schedule.
func (s *Server) DeliverPendingNotifications(ctx context.Context) []Notification {
	return s.notify.DeliverPending(ctx)
}

// ClearNotifications forgets the notifications of one application, or of
// all when sysid is "", and cancels their scheduled attempts (an attempt in
// flight finishes unrecorded). Pair it with a state reset between tests.
func (s *Server) ClearNotifications(sysid string) { s.notify.Clear(sysid) }
