// Package emulator is the in-memory Tongshangyun: per application (sysid) it
// keeps members and, in later stages, cards, accounts, orders and the ledger.
//
// It receives calls that the mock has already verified, validated against the
// catalogue and decrypted, and answers with the plain values of signedValue.
// It knows nothing of HTTP or cryptography, and never hands out pointers into
// its state: answers are fresh maps.
package emulator

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// Config holds what the emulator depends on.
type Config struct {
	// Clock is the time source; nil means the system clock.
	Clock clock.Clock
	// IDs generates userIds and order numbers; nil means random ids. Each
	// application draws from a stream of its own, IDs.For(sysid), started
	// anew when the application is reset; only ops of a log written before
	// (Op.Streams StreamsShared) draw from IDs itself.
	IDs *ids.Source
	// VerificationCode is the SMS code every "sent" code has, as the real
	// test environment shows codes in its back office (default "111111").
	VerificationCode string
	// AccountSets are every application's account sets, the one that holds
	// escrow first (default DefaultAccountSets).
	AccountSets []string
	// PlatformFunds is what the platform's member holds in the standard set
	// when an application starts (default DefaultPlatformFunds; negative:
	// nothing).
	PlatformFunds int64
	// Strict makes every call that relies on tsymock being more lenient
	// than the real test environment fail as it would there (see
	// Portability); by default such calls succeed and are reported.
	Strict bool
	// CompanyAudit is how setCompanyInfo audits an enterprise:
	// CompanyAuditAuto ("" too, the default) at once, CompanyAuditManual
	// by the back office later (DecideAudit). SetCompanyAudit gives one
	// application its own.
	CompanyAudit string
	// Recorder, when set, keeps every change durable before it is answered
	// (see Op and Replay); nil keeps the state in memory only.
	Recorder Recorder
}

// DefaultVerificationCode is the SMS code when none is configured.
const DefaultVerificationCode = "111111"

// Request is one verified, validated and decrypted call.
type Request struct {
	SysID   string
	Service string
	Method  string
	Param   map[string]any
	// Fields are the method's params in the catalogue (soa.Method.Params),
	// where the emulator looks for the address params it notes (§3.3);
	// nil looks nowhere.
	Fields []soa.Param
}

// handler answers one method for one application. It runs with the
// application's lock held.
type handler func(a *app, p params) (map[string]any, *soa.Error)

// Emulator is the state of every application. It is safe for concurrent use;
// applications are locked independently so that parallel test jobs using
// different sysids do not wait for each other.
type Emulator struct {
	clock    clock.Clock
	ids      *ids.Source
	code     string
	sets     []string
	funds    int64
	handlers map[string]handler
	rec      Recorder // nil: the state is not kept
	// answerAs is the rules generation ops are answered and logged under:
	// RulesCurrent; the tests set an older one to make an older version's log.
	answerAs int
	strict   bool
	audit    string // Config.CompanyAudit

	mu      sync.Mutex
	apps    map[string]*app
	appSets map[string][]string // account sets of applications configured apart
	// appAudit are the audit modes of applications configured apart
	// (SetCompanyAudit): read when a setCompanyInfo comes, whose op
	// records what it read (Op.ManualAudit).
	appAudit map[string]string
	// events numbers every queued notification, across applications, so
	// that TakeEvents returns them in the order they happened.
	events atomic.Uint64
	// shared counts what ops of StreamsShared (an older log's) took from
	// ids itself, so that a restored snapshot can set it where it stood
	// and every application's numbers come after its (see app.draw).
	shared sharedDraws
	// drawAs is the id streams ops draw from and are logged with:
	// StreamsPerApp; the tests set StreamsShared to make an older
	// version's log.
	drawAs int
}

// New returns an emulator with no applications; an application's state is
// created on its first call.
func New(cfg Config) *Emulator {
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	if cfg.IDs == nil {
		cfg.IDs = ids.NewRandom()
	}
	if cfg.VerificationCode == "" {
		cfg.VerificationCode = DefaultVerificationCode
	}
	if len(cfg.AccountSets) == 0 {
		cfg.AccountSets = DefaultAccountSets()
	}
	if cfg.CompanyAudit == "" {
		cfg.CompanyAudit = CompanyAuditAuto
	}
	if cfg.PlatformFunds == 0 {
		cfg.PlatformFunds = DefaultPlatformFunds
	}
	e := &Emulator{clock: cfg.Clock, ids: cfg.IDs, code: cfg.VerificationCode, sets: cfg.AccountSets,
		funds: cfg.PlatformFunds, rec: cfg.Recorder, strict: cfg.Strict, apps: map[string]*app{},
		answerAs: RulesCurrent, audit: cfg.CompanyAudit, drawAs: StreamsPerApp}
	e.handlers = e.memberHandlers()
	maps.Copy(e.handlers, e.orderHandlers())
	return e
}

// Emulates reports whether service.method has emulated behaviour.
func (e *Emulator) Emulates(service, method string) bool {
	_, ok := e.handlers[service+"."+method]
	return ok
}

// Handle answers one call. A method the catalogue knows but the emulator does
// not yet emulate is answered 9000 with a message that says so, never with an
// invented success.
func (e *Emulator) Handle(ctx context.Context, req Request) (map[string]any, *soa.Error) {
	out := e.Call(ctx, req)
	return out.Value, out.Err
}

// Call is Handle with what tsymock let pass that the real test environment
// would refuse (see Portability).
func (e *Emulator) Call(ctx context.Context, req Request) Outcome {
	if err := ctx.Err(); err != nil {
		return Outcome{Err: soa.Errorf("9400", "%v", err)}
	}
	name := req.Service + "." + req.Method
	h, ok := e.handlers[name]
	if !ok {
		return Outcome{Err: soa.Errorf("9000", "%s.%s is not emulated by this version of tsymock", req.Service, req.Method)}
	}
	// The address notes (url-fragment, url-return-key, url-format) are judged before the
	// change, so that a call refused for one is never written to the log:
	// a replay, which runs the handler alone, could not refuse it again.
	var notes []Portability
	var triggers []string
	before := addressNotes(req)
	if len(before) > 0 && e.strict {
		return Outcome{Err: before[0].Refusal()}
	}
	manual := e.manualAudit(req.SysID, name)
	v, serr := e.change(Op{SysID: req.SysID, Kind: OpCall, Name: name, Param: req.Param, Strict: e.strict, ManualAudit: manual},
		func(a *app) (any, *soa.Error) {
			a.notes, a.triggers, a.manualAudit = nil, nil, manual
			res, serr := h(a, params(req.Param))
			notes, triggers, a.notes, a.triggers, a.manualAudit = a.notes, a.triggers, nil, nil, false
			return res, serr
		})
	res, _ := v.(map[string]any)
	return Outcome{Value: res, Err: serr, Portability: append(before, notes...), Triggers: triggers}
}

// SetAccountSets gives one application its own account sets (the one that
// holds escrow first), from its next state on: call it before the
// application's first call, or Reset it after.
func (e *Emulator) SetAccountSets(sysid string, sets []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.appSets == nil {
		e.appSets = map[string][]string{}
	}
	e.appSets[sysid] = slices.Clone(sets)
}

// AccountSetsOf returns the account sets of sysid, and whether it has a
// state that uses them: then they are its state's, which SetAccountSets
// does not change until the application is Reset.
func (e *Emulator) AccountSetsOf(sysid string) (sets []string, live bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if a, ok := e.apps[sysid]; ok {
		return slices.Clone(a.sets), true
	}
	if own, ok := e.appSets[sysid]; ok {
		return slices.Clone(own), false
	}
	return slices.Clone(e.sets), false
}

func (e *Emulator) app(sysid string) *app {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.apps[sysid]
	if !ok {
		sets := e.sets
		if own, ok := e.appSets[sysid]; ok {
			sets = own
		}
		a = newApp(sysid, e.clock, e.ids, &e.shared, sets)
		a.strict = e.strict
		a.outbox.seq = &e.events
		e.apps[sysid] = a
	}
	return a
}

// params reads the values of a decoded req param object.
type params map[string]any

// str returns the parameter as a string; numbers are formatted as the
// platform's fastjson would coerce them.
func (p params) str(name string) string {
	switch v := p[name].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// sentEmpty reports whether the call sent the parameter as "": the
// catalogue took it as not sent (an optional param), but a param the
// platform passes back as sent (extendInfo) comes back as "".
func (p params) sentEmpty(name string) bool {
	s, ok := p[name].(string)
	return ok && s == ""
}

// num returns the parameter as an integer; the catalogue has already checked
// that it is one.
func (p params) num(name string) int64 {
	n, _ := soa.IntParam(p[name]) // as the catalogue accepted it: 100, "100", 1e2
	return n
}

// obj returns a nested object param (empty when absent). The catalogue has
// checked its type.
func (p params) obj(name string) params {
	m, _ := p[name].(map[string]any)
	return params(m)
}

// flag returns a bool param, read as the catalogue accepted it (true, 1,
// "true", "Y", ... as fastjson does).
func (p params) flag(name string) bool {
	v, _ := soa.BoolParam(p[name])
	return v
}
