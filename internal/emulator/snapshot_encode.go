package emulator

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
)

// Encode writes the snapshot in the snapshot format (see StateHeader), one
// line at a time: it holds no lock and never the whole text. The same
// state always encodes to the same bytes: maps are written in key order,
// members by bizUserId.
func (s *Snapshot) Encode(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	lw := &lineWriter{enc: json.NewEncoder(bw)}
	lw.enc.SetEscapeHTML(false)
	lw.put(stateLine{Header: &s.head})
	for i := range s.apps {
		if err := s.apps[i].encode(lw); err != nil {
			return err
		}
	}
	lw.put(stateLine{End: &EndState{Lines: lw.n}})
	if lw.err != nil {
		return fmt.Errorf("emulator: write snapshot: %w", lw.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("emulator: write snapshot: %w", err)
	}
	return nil
}

// lineWriter writes lines and counts them; after the first error it
// writes nothing.
type lineWriter struct {
	enc  *json.Encoder
	n    int
	err  error
	line stateLine // the line being written: one allocation for them all
}

func (w *lineWriter) put(l stateLine) {
	if w.err == nil {
		w.line = l
		w.err = w.enc.Encode(&w.line)
		w.n++
	}
}

// encode writes the application's line, then the lines of what it holds.
func (c *appCopy) encode(w *lineWriter) error {
	head := AppState{SysID: c.sysid, Sets: c.sets, Funded: c.funded, Details: c.extras != nil,
		IDs: &StreamState{UUIDs: c.ids.UUIDs, Numbers: c.ids.Numbers, Serial: c.ids.Seq}}
	if c.platform != nil {
		p := c.platform.state()
		head.Platform = &p
	}
	w.put(stateLine{App: &head})
	c.encodeMembers(w)
	if err := c.encodeOrders(w); err != nil {
		return err
	}
	for i := range c.entries {
		en := &c.entries[i]
		w.put(stateLine{Entry: &EntryState{At: nanosOf(en.At), Ref: RefState(en.Ref), Leg: legState(en.Leg)}})
	}
	for _, q := range c.outbox {
		ev := eventState(q)
		w.put(stateLine{Event: &ev})
	}
	c.encodeBook(w)
	return w.err
}

// encodeMembers writes the members by bizUserId.
func (c *appCopy) encodeMembers(w *lineWriter) {
	byID := make([]*member, len(c.members))
	for i := range c.members {
		byID[i] = &c.members[i]
	}
	slices.SortFunc(byID, func(x, y *member) int { return cmp.Compare(x.bizUserID, y.bizUserID) })
	var ms MemberState // one for every line
	for _, m := range byID {
		ms = m.state()
		w.put(stateLine{Member: &ms})
	}
}

// encodeOrders writes the orders in the order they were made, each
// refund naming its original by position.
func (c *appCopy) encodeOrders(w *lineWriter) error {
	var pos map[*order]int // made for the first refund: most orders are none
	for i := range c.orders {
		o := &c.orders[i]
		ori := 0
		if o.ori != nil {
			if pos == nil {
				pos = positions(c.all)
			}
			if ori = pos[o.ori]; ori == 0 {
				return fmt.Errorf("emulator: snapshot of %s: the original of order %s is not among its orders", c.sysid, o.orderNo)
			}
		}
		os, err := o.state(ori)
		if err != nil {
			return err
		}
		w.put(stateLine{Order: &os})
	}
	return nil
}

// positions numbers the orders from 1.
func positions(all []*order) map[*order]int {
	pos := make(map[*order]int, len(all))
	for i, o := range all {
		pos[o] = i + 1
	}
	return pos
}

// encodeBook writes the back-fills, freezes, transfers, batches and
// details, each in key order.
func (c *appCopy) encodeBook(w *lineWriter) {
	for _, trxid := range slices.Sorted(maps.Keys(c.backfills)) {
		bf := c.backfills[trxid]
		s := bf.state(trxid)
		w.put(stateLine{Backfill: &s})
	}
	for _, no := range slices.Sorted(maps.Keys(c.freezes)) {
		f := c.freezes[no]
		w.put(stateLine{Freeze: &FreezeState{BizFreezenNo: no, BizUserID: f.bizUserID, Set: f.set, Frozen: f.frozen}})
	}
	for _, no := range slices.Sorted(maps.Keys(c.transfers)) {
		tr := c.transfers[no]
		w.put(stateLine{Transfer: &TransferState{BizTransferNo: no, TransferNo: tr.transferNo, ExtendInfo: tr.extendInfo,
			ExtendInfoEmpty: tr.extendInfoEmpty}})
	}
	for _, no := range slices.Sorted(maps.Keys(c.batches)) {
		w.put(stateLine{Batch: &BatchState{BizBatchNo: no}})
	}
	if x := c.extras; x != nil {
		for _, no := range slices.Sorted(maps.Keys(x.goods)) {
			g := x.goods[no].state()
			w.put(stateLine{Goods: &g})
		}
		for _, no := range slices.Sorted(maps.Keys(x.rules)) {
			w.put(stateLine{Rules: &RulesState{OrderNo: no, Rules: ruleStates(x.rules[no])}})
		}
		for _, no := range slices.Sorted(maps.Keys(x.receivers)) {
			w.put(stateLine{Receivers: &ReceiversState{OrderNo: no, Shares: shareStates(x.receivers[no])}})
		}
		for _, no := range slices.Sorted(maps.Keys(x.payouts)) {
			w.put(stateLine{Payouts: &PayoutsState{OrderNo: no, Drawn: drawnStates(x.payouts[no])}})
		}
	}
}
