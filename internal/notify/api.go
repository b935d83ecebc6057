package notify

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/tsymock/tsymock/internal/emulator"
)

// List returns the notifications of one application, or of every
// application when sysid is "", oldest first, each with its attempts and
// state.
func (n *Notifier) List(sysid string) []Notification {
	n.Wake()
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

// Redeliver attempts one notification now, whatever its state, in the
// caller's goroutine, and returns it with the attempt recorded. A
// redelivery does not use up the schedule: a pending notification whose
// redelivery fails keeps its remaining scheduled attempts; a delivered or
// failed one ends delivered or failed by this attempt. Errors: ErrNotFound,
// ErrUndeliverable (no backUrl, or one that is refused), ErrBusy (an
// attempt is in flight), or an error after Close.
func (n *Notifier) Redeliver(ctx context.Context, id string) (Notification, error) {
	n.Wake()
	return n.redeliver(ctx, id)
}

// redeliver makes one manual attempt in the caller's goroutine.
func (n *Notifier) redeliver(ctx context.Context, id string) (Notification, error) {
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
func (n *Notifier) claim(id string) (*record, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	r, ok := n.byID[id]
	switch {
	case !ok:
		return nil, fmt.Errorf("%w: %q", ErrNotFound, id)
	case r.n.State == Undeliverable:
		return nil, fmt.Errorf("%w: %s", ErrUndeliverable, r.n.Reason)
	case r.running:
		return nil, fmt.Errorf("%w: %s", ErrBusy, id)
	case n.closed:
		return nil, errors.New("notify: the server is shut down")
	}
	n.unschedule(r)
	r.running = true
	n.wg.Add(1)
	return r, nil
}

// DeliverPending attempts every pending notification now, concurrently,
// without waiting for its schedule, and returns them once every attempt has
// finished.
func (n *Notifier) DeliverPending(ctx context.Context) []Notification {
	n.Wake()
	var ids []string
	n.mu.Lock()
	for _, r := range n.records {
		if r.n.State == Pending && !r.running {
			ids = append(ids, r.n.ID)
		}
	}
	n.mu.Unlock()
	out := make([]Notification, len(ids))
	var wg sync.WaitGroup
	slots := make(chan struct{}, n.cfg.Workers) // as many at once as the workers, no more
	for i, id := range ids {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
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

// Get returns one notification by its id ("n1", ...).
func (n *Notifier) Get(id string) (Notification, bool) {
	n.Wake()
	return n.get(id)
}

func (n *Notifier) get(id string) (Notification, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	r, ok := n.byID[id]
	if !ok {
		return Notification{}, false
	}
	return r.copy(), true
}

// Clear forgets the notifications of one application, or of all when sysid
// is "", and cancels their scheduled attempts (an attempt in flight
// finishes unrecorded).
func (n *Notifier) Clear(sysid string) {
	n.Wake()
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

// Latest is the newest notification whose event matches, once the events
// queued so far are taken: what an operation that queued one notified.
func (n *Notifier) Latest(match func(emulator.Event) bool) (Notification, bool) {
	n.Wake()
	n.mu.Lock()
	defer n.mu.Unlock()
	if r := n.latest(match); r != nil {
		return r.copy(), true
	}
	return Notification{}, false
}

// latest is the newest record whose event matches; callers hold n.mu.
func (n *Notifier) latest(match func(emulator.Event) bool) *record {
	for i := len(n.records) - 1; i >= 0; i-- {
		if match(n.records[i].ev) {
			return n.records[i]
		}
	}
	return nil
}

// LatestEvent is the event of the newest notification that matches, for a
// page that returns what it notified; its maps are the page's own copies.
func (n *Notifier) LatestEvent(match func(emulator.Event) bool) (emulator.Event, bool) {
	n.Wake()
	n.mu.Lock()
	defer n.mu.Unlock()
	if r := n.latest(match); r != nil {
		return r.ev.Clone(), true
	}
	return emulator.Event{}, false
}
