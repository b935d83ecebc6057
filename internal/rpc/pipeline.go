package rpc

import (
	"bytes"
	"context"
	"net/http"
	"time"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/diagnose"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/proxy"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// exchange is one request on /service/soa as it goes through the steps,
// kept for the response, the journal and the log line.
type exchange struct {
	params form.Params
	hold   *form.Hold // the body's bytes, held from the budget of bodies; nil until it is read
	app    apps.App
	// env is the decoded req: the decoded-req cache's, read only, until
	// prepare gives the call a copy of its own.
	env *soa.Envelope
	// req is env as received (the decoded-req cache's, which the journal
	// only reads), kept for the journal once prepare gives the call its own
	// copy to decrypt and emulate; nil until then.
	req    *journal.DecodedReq
	method *soa.Method
	// value or err is the answer, once a step has given it.
	value map[string]any
	err   *soa.Error
	// valueJSON is value's JSON text when a rule wrote it once for every
	// call (scenarios.Decision.JSON); "" when it must be encoded.
	valueJSON string
	diag      *diagnose.Report
	base      string // scheme://host the client reached, for links in answers
	// rule is the scenario rule that answered (or delayed) the call,
	// "file:line name"; fault, hang, over and delayed are what it asked
	// for.
	rule    string
	fault   scenarios.Fault
	hang    time.Duration
	over    time.Duration
	delayed bool
	// emulateFirst is a rule's emulate with an error (replace) or a fault:
	// the call goes through the pipeline, then the rule answers
	// (breakAfter); emulated keeps what the client did not get.
	emulateFirst bool
	replace      *soa.Error
	emulated     *journal.Emulated
	// verifiedText is Base64(MD5(sysid+req+timestamp)) once the signature
	// verified, "" until then; id is the journal's.
	verifiedText string
	id           uint64
	// portability is what the emulator let pass that the real test
	// environment refuses: logged, journaled and counted for coverage.
	portability []emulator.Portability
	// triggers are the test triggers that decided the call
	// (emulator.Outcome.Triggers): logged and journaled, never answered.
	triggers []string
	// With an upstream (serve --upstream): rawBody is the POST body as
	// received, formRead whether the form was read, byRule whether a
	// scenario rule answered, upstream what the upstream answered, and
	// passed the answer to write as the proxy gave it.
	rawBody  *bytes.Buffer
	formRead bool
	byRule   bool
	upstream *journal.Upstream
	passed   *proxy.Result
}

// release gives back the bytes the call's body holds, once it is answered.
func (ex *exchange) release() {
	if ex.hold != nil { // nil: the body was never read
		ex.hold.Release()
	}
}

// answer sets the answer of the call: value, or the error serr.
func (ex *exchange) answer(value map[string]any, serr *soa.Error) bool {
	ex.value, ex.err = value, serr
	return true
}

// fail answers the call with serr when there is one, and reports whether
// it did.
func (ex *exchange) fail(serr *soa.Error) bool {
	if serr == nil {
		return false
	}
	return ex.answer(nil, serr)
}

// A step is one stage of answering a call. It reads and fills ex, and
// reports whether the call is answered (ex.value or ex.err set): then no
// further step runs.
type step func(w http.ResponseWriter, r *http.Request, ex *exchange) (answered bool)

// pipeline is the order in which a call is checked and answered. The order
// is part of the contract: the same bad request always gets the same
// errorCode. A new stage goes where it belongs in this list (a proxy that
// forwards what no rule answered, before the emulator).
func (h *Handler) pipeline() []step {
	steps := []step{
		h.readForm,     // the form, within the body limit (10000, 10004)
		h.authenticate, // sysid, version, timestamp window, signature (10001, 20000, 10000, 20019)
		h.decode,       // req, and its method in the catalogue (10003)
		h.askRules,     // the scenario rules: an answer, an error, a delay or a fault
	}
	if h.forwarding() {
		return append(steps, h.forward) // the upstream's answer (serve --upstream, upstream.go)
	}
	return append(steps,
		h.prepare, // the params validated and decrypted (10000, 10001, 20017)
		h.emulate, // the emulator's answer, its fields encrypted for the merchant
	)
}

// run takes the call through the pipeline; in compare mode the upstream is
// asked too once the call is answered.
func (h *Handler) run(w http.ResponseWriter, r *http.Request, ex *exchange) {
	for _, step := range h.steps {
		if step(w, r, ex) {
			break
		}
	}
	ex.err = ex.err.In(h.cfg.Lang) // the wire, the journal and the log say it alike
	if ex.emulateFirst {
		ex.breakAfter(h.cfg.Lang)
	}
	if h.Proxy != nil {
		h.compareUpstream(r, ex)
	}
}

// readForm reads the parameters leniently (GET query or POST form) and
// bounds req.
func (h *Handler) readForm(w http.ResponseWriter, r *http.Request, ex *exchange) bool {
	h.teeBody(r, ex)
	hold, params, serr := form.ReadParamsHeld(w, r, h.cfg.MaxBody, h.cfg.Bodies)
	ex.hold = hold
	if serr != nil {
		return ex.fail(serr)
	}
	ex.params = params
	ex.formRead = true
	return ex.fail(form.CheckSize(ex.params, h.cfg.MaxBody))
}

// authenticate checks a known application's call. With an upstream, a call
// of an application tsymock does not know goes there unverified: tsymock
// has no key to check it with, the upstream has.
func (h *Handler) authenticate(w http.ResponseWriter, r *http.Request, ex *exchange) bool {
	serr := h.checkSigned(ex)
	if serr != nil && ex.app.SysID == "" && h.forwarding() {
		return h.forward(w, r, ex)
	}
	return ex.fail(serr)
}

// decode reads req and finds its method. With an upstream, a req tsymock
// cannot read or a method its catalogue lacks goes there: the upstream
// knows its own methods.
func (h *Handler) decode(w http.ResponseWriter, r *http.Request, ex *exchange) bool {
	serr := h.lookup(ex)
	if serr != nil && h.forwarding() {
		return h.forward(w, r, ex)
	}
	return ex.fail(serr)
}

// askRules lets the scenario rules answer a decoded call, before its params
// are validated (so that a magic value answers even an incomplete request).
func (h *Handler) askRules(_ http.ResponseWriter, r *http.Request, ex *exchange) bool {
	value, serr, answered := h.askScenarios(r.Context(), ex, false)
	if !answered {
		return false
	}
	ex.byRule = true
	return ex.answer(value, serr)
}

// prepare keeps the params as received for the journal, and gives the
// call a copy of them of its own to validate and decrypt (decode's
// envelope is the decoded-req cache's).
func (h *Handler) prepare(_ http.ResponseWriter, r *http.Request, ex *exchange) bool {
	ex.req = &journal.DecodedReq{Service: ex.env.Service, Method: ex.env.Method, Param: ex.env.Param}
	ex.env = copyEnvelope(ex.env)
	if ex.fail(h.validate(ex)) {
		return true
	}
	ex.base = baseURL(r) // here: only the emulator's answers hold links
	return false
}

// emulate hands the decoded call to the emulator and encrypts the sensitive
// fields of its answer for the merchant. It always answers.
func (h *Handler) emulate(_ http.ResponseWriter, r *http.Request, ex *exchange) bool {
	return ex.answer(h.call(callContext(r.Context(), ex), ex))
}

// checkSigned checks the envelope parameters and the signature.
func (h *Handler) checkSigned(ex *exchange) *soa.Error {
	p := ex.params
	if p.SysID == "" {
		return soa.Errorf("10001", "sysid")
	}
	app, ok := h.Apps.Get(p.SysID)
	if !ok && h.AutoApp != nil {
		var serr *soa.Error
		if app, ok, serr = h.AutoApp(p); serr != nil {
			return serr
		}
	}
	if !ok {
		return detailed(soa.CodeUnknownApp, msgUnknownApp, p.SysID, h.Apps.Known())
	}
	ex.app = app
	if serr := checkVersion(p.V); serr != nil {
		return serr
	}
	if serr := soa.CheckTimestampMoved(p.Timestamp, h.cfg.Clock.Now(), clock.Moved(h.cfg.Clock), h.cfg.Skew); serr != nil {
		return serr
	}
	if p.Req == "" {
		return soa.Errorf("10001", "req")
	}
	return h.verify(ex)
}

// checkVersion accepts the interface versions real SDKs send: 2.0 (spec
// §3.1), 1.0 (the legacy clients' default), and 2 or 1, which PHP clients
// that keep the version as a number send (a production client against
// fintech.allinpay.com has `$version = 2`; it signs and verifies as 2.0).
func checkVersion(v string) *soa.Error {
	switch v {
	case "2.0", "1.0", "2", "1":
		return nil
	case "":
		return soa.Errorf("10001", "v")
	default:
		return detailed("10000", msgBadVersion, v)
	}
}

// verify checks the signature over the exact strings received and, when it
// fails, works out why.
func (h *Handler) verify(ex *exchange) *soa.Error {
	p := ex.params
	text, err := h.verdicts.Verify(ex.app, p)
	if err == nil {
		ex.verifiedText = text
		return nil
	}
	rep := diagnose.Run(diagnose.Input{
		SysID: p.SysID, Req: p.Req, Timestamp: p.Timestamp, Sign: p.Sign,
		Key: ex.app.Key, Others: h.otherKeys(ex.app.SysID), Lang: h.cfg.Lang,
	})
	ex.diag = &rep
	serr := soa.NewError("20019")
	if h.cfg.SignHints {
		serr = serr.WithSuffix(say(h.cfg.Lang, msgSignHint, rep.Cause))
	}
	return serr
}

// otherKeys are the keys other than sysid's own that may have made a wrong
// signature: the platform key first (the most common mix-up), then the
// configured known keys, then other applications' keys.
func (h *Handler) otherKeys(sysid string) []diagnose.NamedKey {
	out := []diagnose.NamedKey{{Name: say(h.cfg.Lang, msgPlatformKey), Key: &h.cfg.PlatformKey.PublicKey}}
	out = append(out, h.cfg.KnownKeys...)
	for _, a := range h.Apps.All() {
		if a.SysID != sysid {
			out = append(out, diagnose.NamedKey{Name: say(h.cfg.Lang, msgAppKey, a.SysID), Key: a.Key})
		}
	}
	return out
}

// lookup parses req and finds its method in the catalogue.
func (h *Handler) lookup(ex *exchange) *soa.Error {
	env, serr := h.reqs.decode(ex.params.Req, h.Catalogue)
	if serr != nil {
		return serr
	}
	ex.env = env
	m, serr := h.Catalogue.Lookup(env.Service, env.Method)
	if serr != nil {
		return serr
	}
	ex.method = m
	if m.PageFlow {
		return soa.Errorf("10003", "%s.%s is a page flow: send the user's browser to its page with these signed parameters instead of calling /service/soa", env.Service, env.Method)
	}
	return nil
}

// validate checks the params against the catalogue and decrypts the
// encrypted ones.
func (h *Handler) validate(ex *exchange) *soa.Error {
	if serr := ex.method.Validate(ex.env.Param); serr != nil {
		return serr
	}
	return h.decryptFields(ex)
}

// call hands the decoded call to the emulator and encrypts the sensitive
// fields of its answer for the merchant.
func (h *Handler) call(ctx context.Context, ex *exchange) (map[string]any, *soa.Error) {
	out := h.Emulator.Call(ctx, emulator.Request{
		SysID: ex.app.SysID, Service: ex.env.Service, Method: ex.env.Method, Param: ex.env.Param, Fields: ex.method.Params,
	})
	value, serr := out.Value, out.Err
	ex.portability, ex.triggers = out.Portability, out.Triggers
	if serr != nil {
		return nil, serr
	}
	if serr := h.encryptFields(ex, value); serr != nil {
		return nil, serr
	}
	absoluteLinks(value, ex.base)
	return value, nil
}
