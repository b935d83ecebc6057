package emulator

import (
	"maps"
	"slices"

	"github.com/tsymock/tsymock/internal/ids"
)

// appCopy is an application as Capture copied it, under its lock. What
// the application goes on changing in place is copied; what is never
// changed once made (ledger entries, a payment's bodies, a goods' params,
// an event's maps) is shared.
type appCopy struct {
	sysid    string
	sets     []string
	funded   bool
	platform *member
	members  []member
	orders   []order
	// all are the live orders, in order: only to find where each refund's
	// original stands, by pointer; never read through.
	all       []*order
	entries   []Entry // a prefix of the ledger's, which only grows
	outbox    []queuedEvent
	backfills map[string]backfill
	freezes   map[string]freeze
	transfers map[string]transfer
	batches   map[string]bool
	extras    *bookExtras
	ids       ids.Position // where the application's id stream stands
}

// copy copies the application into r, or into memory it makes when r has
// none; it holds the application's lock.
func (a *app) copy(r room) appCopy {
	b := a.book
	if r.members == nil {
		r = room{members: make([]member, 0, len(a.members)), orders: make([]order, 0, len(b.all))}
	}
	c := appCopy{sysid: a.sysid, sets: slices.Clone(a.sets), funded: a.funded,
		members: r.members, orders: r.orders, all: slices.Clone(b.all),
		entries: b.ledger.entries[:len(b.ledger.entries):len(b.ledger.entries)], outbox: slices.Clone(a.outbox.items),
		backfills: copyValues(a.backfills), freezes: copyValues(b.freezes), transfers: maps.Clone(b.transfers),
		batches: maps.Clone(b.batches), ids: a.ids.Position()}
	if a.platform != nil {
		p := a.platform.copy()
		c.platform = &p
	}
	for _, m := range a.members {
		c.members = append(c.members, m.copy())
	}
	for _, o := range b.all {
		c.orders = append(c.orders, o.copy())
	}
	if b.extras != nil {
		x := b.extras
		c.extras = &bookExtras{goods: maps.Clone(x.goods), rules: maps.Clone(x.rules),
			receivers: maps.Clone(x.receivers), payouts: maps.Clone(x.payouts)}
	}
	return c
}

// copy copies a member. Most members have none of the maps, so for them
// this is the struct alone. A payAccts list is only ever appended to, so
// the copy's view of it does not change.
func (m *member) copy() member {
	c := *m
	c.sms = maps.Clone(m.sms)
	c.cards = copyPointers(m.cards)
	c.applies = copyPointers(m.applies)
	c.changes = copyPointers(m.changes)
	c.subAccts = maps.Clone(m.subAccts)
	c.payAccts = maps.Clone(m.payAccts)
	c.vsp = slices.Clone(m.vsp)
	if m.company != nil {
		co := *m.company
		co.info = maps.Clone(co.info)
		c.company = &co
	}
	return c
}

// copy copies an order: refunds and payouts change its shares, its
// payouts and its sources' refunded amounts. Its legs and payment are
// never changed.
func (o *order) copy() order {
	c := *o
	c.shares = maps.Clone(o.shares)
	c.payouts = slices.Clone(o.payouts)
	if o.sources != nil {
		c.sources = make([]*source, len(o.sources))
		for i, s := range o.sources {
			cs := *s
			c.sources[i] = &cs
		}
	}
	return c
}

// copyPointers copies a map and the values its pointers point to.
func copyPointers[K comparable, V any](m map[K]*V) map[K]*V {
	if m == nil {
		return nil
	}
	out := make(map[K]*V, len(m))
	for k, v := range m {
		c := *v
		out[k] = &c
	}
	return out
}

// copyValues copies a map of pointers into a map of values.
func copyValues[K comparable, V any](m map[K]*V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = *v
	}
	return out
}
