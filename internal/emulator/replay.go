package emulator

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/soa"
)

// Replay applies an op read back from the log, at position lsn, without
// recording it again: a restart replays the log in order into a new
// emulator. It returns an error when the op cannot be applied or comes out
// other than it did (another outcome, or other draws from the clock and the
// ids): the state then differs from the one that was answered, and the
// caller should say so loudly.
func (e *Emulator) Replay(op Op, lsn uint64) error {
	if op.Kind == OpReset {
		e.mu.Lock()
		for _, a := range e.detach(op.SysID) {
			a.mu.Unlock()
		}
		e.mu.Unlock()
		return nil
	}
	fn, err := e.replayed(&op)
	if err != nil {
		return err
	}
	a := e.lock(op.SysID)
	defer a.mu.Unlock()
	a.rules, a.streams = op.Rules, op.Streams
	defer func() { a.rules, a.streams = RulesCurrent, StreamsPerApp }()
	t := &tape{Tape: op.Tape, play: true}
	_, serr, start := e.run(a, t, fn)
	a.outbox.name(start, lsn)
	if code := errorCode(serr); code != op.Code || !t.spent() {
		return fmt.Errorf("emulator: op %d (%s %s of %s) replayed as %q with %d/%d times and %d/%d ids; it was %q",
			lsn, op.Kind, op.Name, op.SysID, code, t.ti, len(t.Times), t.ii, len(t.IDs), op.Code)
	}
	return nil
}

// replayed is the body of a logged op.
func (e *Emulator) replayed(op *Op) (opFunc, error) {
	switch op.Kind {
	case OpCall:
		h, ok := e.handlers[op.Name]
		if !ok {
			return nil, unknownOp(op)
		}
		return func(a *app) (any, *soa.Error) {
			defer func(strict bool) { a.strict, a.notes, a.triggers, a.manualAudit = strict, nil, nil, false }(a.strict)
			a.strict, a.manualAudit = op.Strict, op.ManualAudit
			return h(a, params(op.Param))
		}, nil
	case OpPage:
		if fn, ok := e.pageAction(op.Name, op.Args); ok {
			return fn, nil
		}
	}
	return nil, unknownOp(op)
}

// Forget drops the queued events that done names by Event.Key: after a
// replay, the notifications a notifier had already finished before the
// restart.
func (e *Emulator) Forget(done func(key string) bool) {
	for _, a := range e.appList() {
		a.mu.Lock()
		kept := a.outbox.items[:0]
		for _, q := range a.outbox.items {
			if q.ev.Key == "" || !done(q.ev.Key) {
				kept = append(kept, q)
			}
		}
		clear(a.outbox.items[len(kept):])
		a.outbox.items = kept
		a.mu.Unlock()
	}
}
