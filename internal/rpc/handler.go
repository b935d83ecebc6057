// Package rpc answers /service/soa, the signed endpoint every merchant SDK
// calls. A call goes through the pipeline (pipeline.go), one step after
// another in the platform's order: the form is read, the sysid, version,
// timestamp window and signature are checked, req is decoded and found in
// the catalogue, the scenario rules are asked, the params are validated and
// decrypted, and the emulator answers. The answer is then encoded, signed
// with the platform key and written with HTTP 200, unless a scenario fault
// breaks it on purpose; the call is journaled, counted for coverage and
// the metrics, and logged.
//
// The browser pages verify their signed parameters with the same steps
// (VerifyPage).
package rpc

import (
	"context"
	"crypto/rsa"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/coverage"
	"github.com/tsymock/tsymock/internal/diagnose"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/metrics"
	"github.com/tsymock/tsymock/internal/proxy"
	"github.com/tsymock/tsymock/internal/sigcache"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// Config is what the handler needs to know. Every field is required; the
// server fills them in (mock.Config has the defaults).
type Config struct {
	// PlatformKey signs every answer and decrypts request fields.
	PlatformKey *rsa.PrivateKey
	// Skew is the allowed difference between a request's timestamp and
	// Clock, both ways.
	Skew  time.Duration
	Clock clock.Clock
	// MaxBody bounds the request body in bytes; BodyTimeout the time to
	// send it.
	MaxBody     int64
	BodyTimeout time.Duration
	// Bodies bounds the bytes of request bodies held at once, with the
	// pages' (nil: no bound).
	Bodies *form.Budget
	// MaxDelay caps scenario delays, hangs and slow bodies.
	MaxDelay time.Duration
	// SignHints appends the signature diagnosis to the 20019 message.
	SignHints bool
	// PlatformMessages answers an error's message as the platform words it,
	// without tsymock's explanation after it (soa.Error.Platform); the
	// journal and the log keep the explanation.
	PlatformMessages bool
	// KnownKeys are further keys used to explain a wrong-key signature,
	// named in Lang.
	KnownKeys []diagnose.NamedKey
	// Lang is the language of the errorCode messages' details on the wire,
	// in the journal and in the log, and of the signature diagnosis:
	// English unless Chinese is asked for (mock.Config.Lang).
	Lang lang.Lang
}

// Parts are the server's pieces the handler works with.
type Parts struct {
	Apps *apps.Registry
	// AutoApp registers an unknown sysid on its first request, when it is
	// signed with an auto key; nil leaves unknown sysids unknown.
	// A *soa.Error says why it did not (the bound of such applications).
	AutoApp   func(p form.Params) (apps.App, bool, *soa.Error)
	Catalogue *soa.Catalogue
	Emulator  *emulator.Emulator
	Scenarios *scenarios.Set
	Journal   *journal.Journal
	Coverage  *coverage.Counter
	// Metrics counts every call and page request; nil counts nothing.
	Metrics *metrics.Metrics
	// Notifier is woken after every call, so that the notifications it
	// caused are listed by the time its answer arrives.
	Notifier interface{ Wake() }
	Log      *slog.Logger
	// Proxy, when set, forwards the calls no rule answers to an upstream,
	// or compares the emulator's answers with the upstream's (upstream.go).
	Proxy *proxy.Proxy
}

// Handler answers /service/soa. Create it with New.
type Handler struct {
	cfg Config
	Parts
	signs    *sigcache.Signs    // signs of recent answers, which repeat in scenarios
	verdicts *sigcache.Verdicts // requests whose signature verified, which repeat in load tests and retries
	reqs     reqCache           // reqs decoded, which repeat when a client polls
	steps    []step
	quit     chan struct{} // closed by StopWaiting: ends scenario delays, hangs and slow bodies
	quitOnce sync.Once
	// jsonType is the Content-Type of every answer, made once: set by
	// assigning the slice, it costs nothing per request, where Header.Set
	// makes a new one-element slice on every call. Sharing it is safe:
	// nothing changes a header value in place, and Header.Add appends past
	// a full slice, into a new array.
	jsonType []string
}

// New returns the handler of /service/soa.
func New(cfg Config, parts Parts) *Handler {
	h := &Handler{cfg: cfg, Parts: parts, signs: sigcache.NewSigns(cfg.PlatformKey),
		verdicts: sigcache.NewVerdicts(), reqs: newReqCache(), quit: make(chan struct{}), jsonType: []string{soa.ContentType}}
	h.steps = h.pipeline()
	return h
}

// ServeHTTP answers the RPC endpoint. Every protocol outcome, errors
// included, is a signed JSON body with HTTP 200: the official Java SDK turns
// any other status into "no response data" and loses the error code.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "tsymock: /service/soa accepts GET and POST", http.StatusMethodNotAllowed)
		return
	}
	start := time.Now()
	h.limitBodyTime(w, r)
	ex := &exchange{}
	defer ex.release() // the body is held until its answer is written
	h.safely(ex, func() { h.run(w, r, ex) })
	h.Notifier.Wake() // before the answer: its notifications are listed when it arrives
	if ex.byRule || ex.fault != "" {
		ruleHeaders(w.Header(), ex)
	}
	if body, done := h.writeFault(w, r, ex); done {
		h.finish(r, ex, start, body)
		return
	}
	if ex.passed != nil { // the upstream's answer, as the proxy gave it
		h.writePassed(w, ex)
		h.finish(r, ex, start, string(ex.passed.Body))
		return
	}
	body, err := h.encode(ex)
	if err != nil {
		h.Log.Error("cannot sign the answer", "err", err)
		http.Error(w, "tsymock: cannot sign the answer", http.StatusInternalServerError)
		return
	}
	hdr := w.Header()
	hdr["Content-Type"] = h.jsonType
	// Only an OK answer says it would fail: an error answer fails already,
	// and a note beside its errorCode would read as another reason.
	if ex.err == nil && len(ex.portability) > 0 {
		wouldFailHeaders(hdr, ex.portability)
	}
	// A length, never chunked: some SDKs read the body with one fixed
	// read. The name is canonical already: Set would canonicalise it again.
	hdr["Content-Length"] = []string{strconv.Itoa(len(body))}
	h.finish(r, ex, start, h.writeBody(w, r, ex, body))
}

// safely runs answer and turns a panic into a signed 9999 answer: the SDK
// gets an error code instead of a reset connection, the log has the stack,
// and the server keeps serving.
func (h *Handler) safely(ex *exchange, answer func()) {
	defer func() {
		if p := recover(); p != nil {
			h.Log.Error("panic while answering a call: a tsymock bug, please report it with this line",
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			ex.value, ex.err = nil, soa.Errorf("9999", "tsymock failed while answering this call (a bug; its log has the details); it keeps serving")
		}
	}()
	answer()
}

// StopWaiting ends every scenario delay and hang, at shutdown, which would
// otherwise wait for them.
func (h *Handler) StopWaiting() { h.quitOnce.Do(func() { close(h.quit) }) }

// wait sleeps for d, at most MaxDelay, until the client gives up or the
// server shuts down.
func (h *Handler) wait(ctx context.Context, d time.Duration) {
	t := time.NewTimer(min(d, h.cfg.MaxDelay))
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	case <-h.quit:
	}
}
