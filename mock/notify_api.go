package mock

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/tsymock/tsymock/internal/emulator"
)

// Notifications returns the notifications of one application, or of every
// application when sysid is "", oldest first, each with its attempts and
// state. Events still queued in the emulator are taken first, so a
// notification caused by a call that has answered is always listed.
func (s *Server) Notifications(sysid string) []Notification {
	s.notify.wake()
	return s.notify.list(sysid)
}

// Notification returns one notification by its id ("n1", ...).
func (s *Server) Notification(id string) (Notification, bool) {
	s.notify.wake()
	return s.notify.get(id)
}

// RedeliverNotification attempts one notification now, whatever its state,
// waits for the attempt (bounded by the notify timeout and ctx) and returns
// the notification with it recorded. A redelivery does not use up the
// schedule: a pending notification whose redelivery fails keeps its
// remaining scheduled attempts; a delivered or failed one ends delivered or
// failed by this attempt. Errors: ErrNotificationNotFound,
// ErrUndeliverable (no backUrl, or one that is refused), ErrNotificationBusy
// (an attempt is in flight), or an error after Shutdown.
func (s *Server) RedeliverNotification(ctx context.Context, id string) (Notification, error) {
	s.notify.wake()
	return s.notify.redeliver(ctx, id)
}

// DeliverPendingNotifications attempts every pending notification now,
// concurrently, without waiting for its schedule, and returns them once
// every attempt has finished. Use it to skip the platform's 5 s delay in a
// test without compressing the schedule.
func (s *Server) DeliverPendingNotifications(ctx context.Context) []Notification {
	s.notify.wake()
	return s.notify.deliverPending(ctx)
}

// ClearNotifications forgets the notifications of one application, or of
// all when sysid is "", and cancels their scheduled attempts (an attempt in
// flight finishes unrecorded). Pair it with a state reset between tests.
func (s *Server) ClearNotifications(sysid string) {
	s.notify.wake()
	s.notify.clear(sysid)
}

// wakeNotifier hands the events the emulator queued to the notifier. Every
// request that can change state calls it once it is done.
func (s *Server) wakeNotifier() { s.notify.wake() }

func (n *notifier) list(sysid string) []Notification {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := []Notification{}
	for _, r := range n.records {
		if sysid == "" || r.n.SysID == sysid {
			out = append(out, r.copy())
		}
	}
	return out
}

// redeliver makes one manual attempt in the caller's goroutine.
func (n *notifier) redeliver(ctx context.Context, id string) (Notification, error) {
	r, err := n.claim(id)
	if err != nil {
		return Notification{}, err
	}
	defer n.wg.Done()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(n.ctx, cancel) // Shutdown ends it too
	defer stop()
	n.finish(r, n.attempt(ctx, r, true))
	n.mu.Lock()
	defer n.mu.Unlock()
	return r.copy(), nil
}

// claim marks a notification's attempt as in flight, its timer stopped.
func (n *notifier) claim(id string) (*record, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	r, ok := n.byID[id]
	switch {
	case !ok:
		return nil, fmt.Errorf("%w: %q", ErrNotificationNotFound, id)
	case r.n.State == NotifyUndeliverable:
		return nil, fmt.Errorf("%w: %s", ErrUndeliverable, r.n.Reason)
	case r.running:
		return nil, fmt.Errorf("%w: %s", ErrNotificationBusy, id)
	case n.closed:
		return nil, errors.New("mock: the server is shut down")
	}
	n.unschedule(r)
	r.running = true
	n.wg.Add(1)
	return r, nil
}

func (n *notifier) deliverPending(ctx context.Context) []Notification {
	var ids []string
	n.mu.Lock()
	for _, r := range n.records {
		if r.n.State == NotifyPending && !r.running {
			ids = append(ids, r.n.ID)
		}
	}
	n.mu.Unlock()
	out := make([]Notification, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() {
			got, err := n.redeliver(ctx, id)
			if err != nil {
				got, _ = n.get(id)
			}
			out[i] = got
		})
	}
	wg.Wait()
	return out
}

func (n *notifier) get(id string) (Notification, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	r, ok := n.byID[id]
	if !ok {
		return Notification{}, false
	}
	return r.copy(), true
}

func (n *notifier) clear(sysid string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	kept := n.records[:0]
	for _, r := range n.records {
		if sysid != "" && r.n.SysID != sysid {
			kept = append(kept, r)
			continue
		}
		n.unschedule(r)
		r.removed = true
		n.done(r)
		delete(n.byID, r.n.ID)
	}
	clear(n.records[len(kept):])
	n.records = kept
}

// latestRPS is the rps of the newest notification whose event matches, for
// a page that returns what it notified. It wakes the notifier first, so an
// event queued just before is found.
func (n *notifier) latestRPS(match func(emulator.Event) bool) (string, bool) {
	n.wake()
	n.mu.Lock()
	defer n.mu.Unlock()
	for i := len(n.records) - 1; i >= 0; i-- {
		if match(n.records[i].ev) {
			return n.records[i].n.RPS, true
		}
	}
	return "", false
}
