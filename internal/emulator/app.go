package emulator

import (
	"sync"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// app is the state of one application (sysid).
type app struct {
	mu    sync.Mutex
	sysid string
	clock clock.Clock
	// ids is the application's own id stream (the emulator's source's
	// For(sysid)); a Reset application starts a new one.
	ids *ids.Source
	// sharedIDs is the emulator's source, the stream ops of StreamsShared
	// draw from, and shared what they drew (see app.draw).
	sharedIDs *ids.Source
	shared    *sharedDraws
	// streams is the id streams of the op running (Op.Streams):
	// StreamsPerApp but while an older log's op replays.
	streams int
	members map[string]*member
	outbox  outbox     // notifications not yet taken by a notifier
	sets    []string   // account sets, the escrow-style one first
	book    *orderBook // orders, ledger and freezes
	// platform is the platform's own member (#yunBizUserId_B2C#) for the
	// methods that take it (createBankSubAcctNo, vspTermidService): made on
	// first use, never among members.
	platform *member
	// backfills are the terminal payments whose back-fill notification
	// waits for the merchant's answer (spec §4.1.22), by trxid.
	backfills map[string]*backfill

	strict bool // Config.Strict: refuse what the real test environment refuses
	// rules is the generation of the op running (Op.Rules): RulesCurrent
	// but while an older log's op replays, which the handlers answer by the
	// rules it was answered under (see before).
	rules int
	notes []Portability // of the call running now: what was let pass (see lenient)
	// triggers are the test triggers that decided the call running now
	// (see triggered).
	triggers []string
	// manualAudit is Op.ManualAudit of the call running: setCompanyInfo
	// leaves the audit pending for the back office (CompanyAuditManual).
	manualAudit bool

	tape   *tape // while an op of a kept state runs or is replayed
	gone   bool  // Reset removed it: a caller that waited for its lock must look again
	funded bool  // the platform's starting funds are posted, by the first op
}

// newApp makes an application whose id stream is src.For(sysid), at its
// start, and whose ops of StreamsShared draw from src itself.
func newApp(sysid string, c clock.Clock, src *ids.Source, shared *sharedDraws, sets []string) *app {
	return &app{sysid: sysid, clock: c, ids: src.For(sysid), sharedIDs: src, shared: shared, members: map[string]*member{},
		sets: sets, book: newOrderBook(), rules: RulesCurrent, streams: StreamsPerApp}
}

// before reports whether the op running was answered under rules older
// than generation gen: a handler keeps the older answer for it.
func (a *app) before(gen int) bool { return a.rules < gen }
