package emulator

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"

	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// Restore reads a snapshot that Encode wrote and makes it this emulator's
// state, as if it had run every op the snapshot covers: a restart then
// replays only the log's records after it. The emulator must have no
// application yet (a new one, its Config as the one captured had); each
// application's id stream, and the shared one, are drawn from as many
// times as the captured ones had been, so that a seeded source goes on
// where it stood. A snapshot of version 1 (stateVersionShared), written
// when every application drew from the shared stream, restores with
// every application's own stream at its start, its numbers after the
// shared stream's.
//
// Account sets set with SetAccountSets before Restore stay; the
// snapshot's fill in the others. Each restored application keeps the sets
// it was made with. r must end where the snapshot ends (an io.LimitReader
// when more follows it): text after the end line is refused. Nothing
// changes unless the whole snapshot is read and checked.
func (e *Emulator) Restore(r io.Reader) error {
	if len(e.StateApps()) > 0 {
		return errors.New("emulator: restore: the emulator has state already; restore into a new one")
	}
	rs := &restorer{e: e, apps: map[string]*app{}, specs: map[string]soa.PayMethodSpec{}}
	for _, spec := range soa.PayMethods() {
		rs.specs[spec.Key] = spec
	}
	br := bufio.NewReaderSize(r, 64<<10)
	dec := json.NewDecoder(br)
	dec.UseNumber() // numbers of params (pay bodies, goods) as the mock decodes them
	for !rs.ended {
		var l stateLine
		if err := dec.Decode(&l); err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return fmt.Errorf("emulator: restore: line %d: %w", rs.lines+1, err)
		}
		if err := rs.line(&l); err != nil {
			return fmt.Errorf("emulator: restore: line %d: %w", rs.lines, err)
		}
	}
	if !onlySpace(io.MultiReader(dec.Buffered(), br)) {
		return fmt.Errorf("emulator: restore: text after the end line %d", rs.lines)
	}
	return rs.install()
}

// onlySpace reports whether what r holds is white space at most (false
// when it cannot be read).
func onlySpace(r io.Reader) bool {
	br := bufio.NewReader(r)
	for {
		c, err := br.ReadByte()
		switch {
		case err != nil:
			return errors.Is(err, io.EOF)
		case c != ' ' && c != '\t' && c != '\n' && c != '\r':
			return false
		}
	}
}

// maxDraws bounds the draws a header may count, so that a damaged one
// cannot keep Restore drawing ids for hours: a state that drew more than
// 2^32 of either has made billions of ops.
const maxDraws = 1 << 32

// stateVersionShared is the version of the format written when every
// application drew its ids from one stream: Restore reads it too.
const stateVersionShared = 1

// restorer builds the state line by line, apart from the emulator.
type restorer struct {
	e     *Emulator
	head  *StateHeader
	apps  map[string]*app
	cur   *app // the application the lines now read belong to
	lines int
	ended bool
	specs map[string]soa.PayMethodSpec
}

// line reads one line: the header first, then applications and what
// they hold, the end last.
func (rs *restorer) line(l *stateLine) error {
	rs.lines++
	if n := setFields(l); n != 1 {
		return fmt.Errorf("a line holds one field, this one %d", n)
	}
	switch {
	case rs.head == nil:
		return rs.header(l.Header)
	case l.Header != nil:
		return errors.New("a second header")
	case l.App != nil:
		return rs.app(l.App)
	case l.End != nil:
		if l.End.Lines != rs.lines-1 {
			return fmt.Errorf("the end line counts %d lines before it, there were %d", l.End.Lines, rs.lines-1)
		}
		rs.ended = true
		return nil
	case rs.cur == nil:
		return errors.New("a line of an application before the first application")
	}
	return rs.held(l)
}

// setFields is how many fields of a line are set.
func setFields(l *stateLine) int {
	v := reflect.ValueOf(l).Elem()
	n := 0
	for i := range v.NumField() {
		if !v.Field(i).IsNil() {
			n++
		}
	}
	return n
}

func (rs *restorer) header(h *StateHeader) error {
	switch {
	case h == nil:
		return errors.New("the first line is not the header")
	case h.Format != StateFormat:
		return fmt.Errorf("format %q; this version reads %q", h.Format, StateFormat)
	case h.Version != StateVersion && h.Version != stateVersionShared:
		return fmt.Errorf("version %d of the format; this version of tsymock reads versions %d and %d",
			h.Version, stateVersionShared, StateVersion)
	case h.UUIDs > maxDraws || h.Numbers > maxDraws:
		return fmt.Errorf("%d userIds and %d numbers drawn: more than a state holds (%d)", h.UUIDs, h.Numbers, uint64(maxDraws))
	}
	for id, sets := range h.AccountSets {
		if len(sets) == 0 {
			return fmt.Errorf("application %q is given no account sets", id)
		}
	}
	rs.head = h
	return nil
}

// app opens an application.
func (rs *restorer) app(s *AppState) error {
	if _, dup := rs.apps[s.SysID]; dup {
		return fmt.Errorf("application %q twice", s.SysID)
	}
	if len(s.Sets) == 0 {
		return fmt.Errorf("application %q has no account sets", s.SysID)
	}
	e := rs.e
	a := newApp(s.SysID, e.clock, e.ids, &e.shared, s.Sets)
	a.strict, a.outbox.seq, a.funded = e.strict, &e.events, s.Funded
	switch {
	case s.IDs == nil && rs.head.Version != stateVersionShared:
		return fmt.Errorf("application %q does not say where its id stream stands", s.SysID)
	case s.IDs != nil && rs.head.Version == stateVersionShared:
		return fmt.Errorf("application %q has an id stream of its own in a version %d snapshot", s.SysID, stateVersionShared)
	case s.IDs != nil:
		if s.IDs.UUIDs > maxDraws || s.IDs.Numbers > maxDraws || s.IDs.Serial > 2*maxDraws {
			return fmt.Errorf("application %q: %d userIds and %d numbers drawn (serial %d): more than a state holds (%d)",
				s.SysID, s.IDs.UUIDs, s.IDs.Numbers, s.IDs.Serial, uint64(maxDraws))
		}
		if err := a.ids.Seek(ids.Position{UUIDs: s.IDs.UUIDs, Numbers: s.IDs.Numbers, Seq: s.IDs.Serial}); err != nil {
			return fmt.Errorf("application %q: %w", s.SysID, err)
		}
	}
	if s.Platform != nil {
		a.platform = s.Platform.member()
	}
	if s.Details {
		a.book.more()
	}
	rs.apps[s.SysID], rs.cur = a, a
	return nil
}

// held adds a line of the current application.
func (rs *restorer) held(l *stateLine) error {
	a, b := rs.cur, rs.cur.book
	switch {
	case l.Member != nil:
		if _, dup := a.members[l.Member.BizUserID]; dup {
			return fmt.Errorf("member %q of %s twice", l.Member.BizUserID, a.sysid)
		}
		a.members[l.Member.BizUserID] = l.Member.member()
	case l.Order != nil:
		o, err := l.Order.order(b.all, rs.specs)
		if err != nil {
			return err
		}
		a.register(o)
	case l.Entry != nil:
		en := l.Entry
		b.ledger.apply(en.At.time(), Ref(en.Ref), en.Leg.leg())
	case l.Event != nil:
		if l.Event.Seq == 0 || l.Event.Seq > rs.head.Events {
			return fmt.Errorf("event %d of %s: the header's sequence ends at %d", l.Event.Seq, a.sysid, rs.head.Events)
		}
		a.outbox.items = append(a.outbox.items, l.Event.queued(a.sysid))
	case l.Backfill != nil:
		put(&a.backfills, l.Backfill.Trxid, l.Backfill.backfill())
	default:
		return rs.book(l)
	}
	return nil
}

// book adds a line of the current application's order book.
func (rs *restorer) book(l *stateLine) error {
	b := rs.cur.book
	switch {
	case l.Freeze != nil:
		f := l.Freeze
		b.freezes[f.BizFreezenNo] = &freeze{bizUserID: f.BizUserID, set: f.Set, frozen: f.Frozen}
	case l.Transfer != nil:
		b.transfers[l.Transfer.BizTransferNo] = transfer{transferNo: l.Transfer.TransferNo, extendInfo: l.Transfer.ExtendInfo,
			extendInfoEmpty: l.Transfer.ExtendInfoEmpty}
	case l.Batch != nil:
		b.batches[l.Batch.BizBatchNo] = true
	case b.extras == nil:
		return fmt.Errorf("details of %s, whose line says it has none", rs.cur.sysid)
	case l.Goods != nil:
		put(&b.extras.goods, l.Goods.BizGoodsNo, l.Goods.goods())
	case l.Rules != nil:
		put(&b.extras.rules, l.Rules.OrderNo, rulesOf(l.Rules.Rules))
	case l.Receivers != nil:
		put(&b.extras.receivers, l.Receivers.OrderNo, sharesOf(l.Receivers.Shares))
	case l.Payouts != nil:
		put(&b.extras.payouts, l.Payouts.OrderNo, drawnOf(l.Payouts.Drawn))
	}
	return nil
}

// install makes what was read the emulator's state, and puts the shared
// id stream where the captured one stood (each application's own was put
// there when its line was read).
func (rs *restorer) install() error {
	e, h := rs.e, rs.head
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.apps) > 0 {
		return errors.New("emulator: restore: the emulator took state while the snapshot was read")
	}
	e.apps = rs.apps
	for id, sets := range h.AccountSets {
		if _, own := e.appSets[id]; !own {
			if e.appSets == nil {
				e.appSets = map[string][]string{}
			}
			e.appSets[id] = sets
		}
	}
	e.events.Store(h.Events)
	for range h.UUIDs {
		e.ids.UUID()
	}
	for range h.Numbers {
		e.ids.Number()
	}
	e.shared.uuids.Add(h.UUIDs)
	e.shared.numbers.Add(h.Numbers)
	return nil
}
