// Package pages serves the platform's browser pages (PROTOCOL.md §6): the
// e-contract, payment-password and phone pages of a member, and the pages
// that confirm a pending order with a password or an SMS code. A page is
// opened with signed parameters, verified as /service/soa verifies a call;
// its confirm and fail buttons act on the emulator and send the browser
// back to the merchant with a signed result, the notification to backUrl
// going out as the platform's would.
package pages

import (
	"crypto/rsa"
	"html/template"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/rpc"
	"github.com/tsymock/tsymock/internal/soa"
)

// pageFlow is one browser page of PROTOCOL.md §6: open checks the state
// and fills the page's view; confirm and fail carry out its two buttons and
// return the rps that goes back to the merchant's jumpUrl/frontUrl (the
// notification to backUrl, if the flow has one, is queued by the emulator).
type pageFlow struct {
	open    func(h *Handler, p *pageSession) *soa.Error
	confirm func(h *Handler, p *pageSession, form url.Values) (string, *soa.Error)
	fail    func(h *Handler, p *pageSession, code, message string) (string, *soa.Error)
}

// Config is what the pages need to know; the server fills it in.
type Config struct {
	// PlatformKey signs what a page sends back to the merchant.
	PlatformKey *rsa.PrivateKey
	Clock       clock.Clock
	// MaxBody bounds a request body in bytes; Bodies the bytes of bodies
	// held at once (nil: no bound).
	MaxBody int64
	Bodies  *form.Budget
	// VerificationCode is the SMS code the pages tell the tester ("" for
	// the emulator's default).
	VerificationCode string
	// Lang is the language of tsymock's sentences for the tester and of
	// the errors' details (English by default): the server's, as the
	// wire's, never the browser's, so that a browser test reads the same
	// page on any machine.
	Lang lang.Lang
}

// Parts are the server's pieces the pages work with.
type Parts struct {
	// Verify checks a page's signed parameters (rpc.Handler.VerifyPage).
	Verify   func(r *http.Request, values url.Values) (rpc.Page, *soa.Error)
	Apps     *apps.Registry
	Emulator *emulator.Emulator
	Notifier *notify.Notifier
	Log      *slog.Logger
	// Record journals a page request and counts it for coverage and the
	// metrics (rpc.Handler.RecordPage); nil records nothing.
	Record func(e *journal.Entry, d time.Duration) uint64
}

// Handler serves every page at its path (Paths). Create it with New.
type Handler struct {
	cfg      Config
	verify   func(r *http.Request, values url.Values) (rpc.Page, *soa.Error)
	apps     *apps.Registry
	emu      *emulator.Emulator
	notify   *notify.Notifier
	log      *slog.Logger
	flows    map[string]pageFlow                // by path
	tmpl     func() (*template.Template, error) // parsed once, on first use
	sessions *pageStore
	// recordPage is Parts.Record.
	recordPage func(e *journal.Entry, d time.Duration) uint64
}

// New returns the pages' handler. Its templates are parsed when the first
// page is drawn: a server that no browser visits, as most in CI, does not
// spend its start on them (TestTemplatesParse proves they do parse).
func New(cfg Config, parts Parts) *Handler {
	return &Handler{cfg: cfg, verify: parts.Verify, apps: parts.Apps, emu: parts.Emulator, notify: parts.Notifier,
		log: parts.Log, flows: pageFlows(), tmpl: sync.OnceValues(templatesIn(cfg.Lang)), sessions: newPageStore(cfg.Clock), recordPage: parts.Record}
}

// Paths are the pages' paths, sorted: the server routes each to Handler.
func Paths() []string { return slices.Sorted(maps.Keys(pageFlows())) }

// pageFlows are every page, by path.
func pageFlows() map[string]pageFlow {
	flows := memberPageFlows()
	for path, f := range orderPageFlows() {
		flows[path] = f
	}
	return flows
}

// ServeHTTP answers a page. GET (or a POST of the signed parameters, as an
// auto-submitting form sends them) opens it; a POST with a token is a
// button; a GET of frontTrans.do?orderNo=... is the payInfo link of a
// gateway, scan or H5 deposit. Each GET or POST is journaled once
// answered.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "tsymock: pages accept GET and POST", http.StatusMethodNotAllowed)
		return
	}
	v := &visit{start: time.Now()}
	hold, values, serr := form.ReadHeld(w, r, h.cfg.MaxBody, h.cfg.Bodies) // the server's own writer: a body too large closes the connection
	defer hold.Release()
	v.raw = rawForm(values)
	pw := &pageWriter{ResponseWriter: w, v: v}
	switch {
	case serr != nil:
		h.pageError(pw, r, serr)
	case r.Method == http.MethodPost && values.Has("token"):
		v.action = buttonAction(values.Get("action"))
		h.pageAction(pw, r, values)
	case values.Has("orderNo") && !values.Has(form.KeyReq):
		v.action = journal.PageOpen
		h.openOrderLink(pw, r, values.Get("orderNo"))
	default:
		v.action = journal.PageOpen
		h.openPage(pw, r, values)
	}
	h.record(r, pw)
}

// buttonAction is the journal's action of a button: confirm or fail, ""
// for anything else (refused with 10000; the raw form keeps what came).
func buttonAction(action string) string {
	if action == journal.PageConfirm || action == journal.PageFail {
		return action
	}
	return ""
}

// openPage verifies the signed parameters and shows the page. Parameters
// the merchant's code URL-encoded twice (the Java SDK's encodeTwice, PHP's
// urlencode(urlencode(...)), which the payment-password pages accept) are
// decoded once more first; the journal keeps them as received.
func (h *Handler) openPage(w http.ResponseWriter, r *http.Request, values url.Values) {
	if again, ok := form.DecodeTwice(values); ok {
		values = again
		h.log.LogAttrs(r.Context(), slog.LevelDebug, "page parameters were URL-encoded twice; decoded again",
			slog.String("path", r.URL.Path))
	}
	p, verified, serr := h.newPageSession(r, values)
	visitOf(w).verified(verified)
	if verified.Rule != "" { // as /service/soa names a rule's answer (docs/scenarios.md)
		w.Header()[soa.HeaderRule] = []string{soa.FormatRuleHeader(verified.Rule)}
	}
	if serr == nil {
		serr = h.flows[r.URL.Path].open(h, p)
	}
	if serr == nil {
		serr = h.notePortability(w, r, p)
	}
	if serr != nil {
		h.pageError(w, r, serr)
		return
	}
	if p.payNow {
		h.confirmAtOnce(w, r, p)
		return
	}
	h.showPage(w, r, p)
}

// confirmAtOnce carries out the confirm of a page whose signed params
// confirm it already (frontTrans.do with a card order's SMS code): the
// browser goes back to the merchant as after the confirm button. It is
// journaled as a confirm, with the signed params of an open.
func (h *Handler) confirmAtOnce(w http.ResponseWriter, r *http.Request, p *pageSession) {
	visitOf(w).action = journal.PageConfirm
	rps, serr := h.flows[p.path].confirm(h, p, nil)
	h.notify.Wake()
	if serr != nil {
		h.pageError(w, r, serr)
		return
	}
	h.returnToMerchant(w, r, p, rps)
}

// showPage keeps the page behind a new token and draws it.
func (h *Handler) showPage(w http.ResponseWriter, r *http.Request, p *pageSession) {
	if err := h.sessions.put(p); err != nil {
		h.pageError(w, r, soa.Errorf("9000", "%v", err))
		return
	}
	h.renderFlow(w, r, p, nil)
}

// pageAction carries out a button: confirm or fail. Its outcome is kept
// on the press for a second press that waits for it: the error shown (the
// visit's), and whether the page was shown again.
func (h *Handler) pageAction(w http.ResponseWriter, r *http.Request, form url.Values) {
	token := form.Get("token")
	pr, ok := h.sessions.claim(token, r.URL.Path)
	if !ok {
		h.spentToken(w, r, token, pr)
		return
	}
	defer func() {
		pr.serr = visitOf(w).serr
		h.sessions.finish(token, pr)
	}()
	p := pr.page
	visitOf(w).session(p)
	action := form.Get("action")
	rps, serr := h.runAction(p, action, form)
	h.notify.Wake()
	switch {
	case serr != nil && retryable(serr):
		pr.again = true
		h.sessions.restore(p)
		h.renderFlow(w, r, p, serr)
	case serr != nil:
		h.pageError(w, r, serr)
	default:
		h.returnToMerchant(w, r, p, rps)
	}
}

func (h *Handler) runAction(p *pageSession, action string, form url.Values) (string, *soa.Error) {
	flow := h.flows[p.path]
	switch action {
	case "confirm":
		return flow.confirm(h, p, form)
	case "fail":
		code, msg, serr := failReason(p, form)
		if serr != nil {
			return "", serr
		}
		return flow.fail(h, p, code, msg)
	}
	return "", soa.Errorf("10000", "action must be confirm or fail, not %q", action)
}

// retryable errors are the user's typing (a wrong code or password, a
// malformed field): the page is shown again with the error, and its token
// stays valid.
func retryable(serr *soa.Error) bool {
	switch serr.Code {
	case "10000", "20010", "20011":
		return true
	}
	return false
}

// failReason is the errorCode and message the fail button reports: the
// page's defaults, or what the tester typed in the fail form. On a page
// that lets the tester choose the code (pageView.CodeChoice: the member
// pages; a payment page's order fails with 40006 whatever is typed), a
// code must be one of spec §7's, as arm and scenarios require: another is
// 10000 naming the form field, a malformed field as the pages' other form
// errors are (the page is shown again and its token stays valid). A code
// typed without a message reports the catalogue's text (soa.Message), as a
// scenario's error does; the page's own code keeps the page's message.
func failReason(p *pageSession, form url.Values) (string, string, *soa.Error) {
	code, msg := p.view.FailCode, p.view.FailMessage
	if c := strings.TrimSpace(form.Get("errorCode")); p.view.CodeChoice && c != "" && c != code {
		text, ok := soa.Message(c)
		if !ok {
			return "", "", soa.Errorf("10000", "errorCode %q of the fail form is not an error code of spec chapter 7 "+
				"(leave it empty for %s %s)", c, code, msg)
		}
		code, msg = c, text
	}
	if m := strings.TrimSpace(form.Get("message")); m != "" {
		msg = m
	}
	return code, msg, nil
}

// returnToMerchant sends the browser back to jumpUrl/frontUrl with the
// signed sysid, rps, timestamp, v and sign (sign over sysid + rps +
// timestamp, PROTOCOL.md §6), or shows the result when there is nowhere to
// go back to (returnLocation says where).
func (h *Handler) returnToMerchant(w http.ResponseWriter, r *http.Request, p *pageSession, rps string) {
	if p.returnURL == "" {
		h.sessions.end(p.token, pageResult{sysid: p.sysid, path: p.path, title: p.view.Title, rps: rps})
		h.renderDone(w, p, rps)
		return
	}
	form, err := notify.PlatformForm(h.cfg.PlatformKey, p.sysid, rps, soa.FormatTime(h.cfg.Clock.Now()))
	if err != nil {
		h.pageError(w, r, soa.Errorf("20018", "%v", err))
		return
	}
	location, err := returnLocation(p.returnURL, form)
	if err != nil {
		h.pageError(w, r, soa.Errorf("40029", "%v", err))
		return
	}
	h.sessions.end(p.token, pageResult{sysid: p.sysid, path: p.path, location: location})
	http.Redirect(w, r, location, http.StatusSeeOther)
}

// spentToken answers a token that opens no page. A press while the first
// press of its page is being worked on (pressing: a double click, whose
// first request the browser drops) waits for it and lands where it did,
// nothing done again: the page again with its error after a wrong code or
// password, the same error page, or the same return (probe-Y 4). A press
// after the button sent the browser back gets the same return again; any
// other, that the page expired or was used.
func (h *Handler) spentToken(w http.ResponseWriter, r *http.Request, token string, pressing *press) {
	if pressing != nil {
		h.log.LogAttrs(r.Context(), slog.LevelDebug, "page button pressed again while its first press is worked on; "+
			"waiting for it", slog.String("path", r.URL.Path), slog.String("sysid", pressing.page.sysid))
	}
	if pressing != nil && pressing.wait(r.Context()) && pressing.serr != nil {
		visitOf(w).session(pressing.page)
		if pressing.again {
			h.renderFlow(w, r, pressing.page, pressing.serr)
		} else {
			h.pageError(w, r, pressing.serr)
		}
		return
	}
	if res, ended := h.sessions.result(token, r.URL.Path); ended {
		visitOf(w).sysid = res.sysid
		h.replay(w, r, res)
		return
	}
	h.pageError(w, r, detailed("10000", msgExpired, pageSessionTTL))
}

// replay answers a second press of a button that already sent the browser
// back: the same signed return, or the same result, and nothing done again.
func (h *Handler) replay(w http.ResponseWriter, r *http.Request, res pageResult) {
	if res.location == "" {
		h.renderPage(w, http.StatusOK, "done", map[string]string{"Title": res.title, "RPS": res.rps})
		return
	}
	http.Redirect(w, r, res.location, http.StatusSeeOther)
}

// logPage writes the one line of a finished page request: its sysid (the
// one sent, for a request refused before it was known), its action, its
// error, the rule that answered, and, for a signature that does not
// verify, the diagnosis /service/soa logs (the error page sends the tester
// here for it).
func (h *Handler) logPage(r *http.Request, v *visit) {
	attrs := []slog.Attr{slog.String("path", r.URL.Path), slog.String("sysid", v.sysid),
		slog.String("action", v.action)}
	if v.rule != "" {
		attrs = append(attrs, slog.String("rule", v.rule))
	}
	if v.serr == nil {
		h.log.LogAttrs(r.Context(), slog.LevelInfo, "page "+v.action, attrs...)
		return
	}
	attrs = append(attrs, slog.String("errorCode", v.serr.Code), slog.String("message", v.serr.Message))
	if s := v.sig; s.Verdict == journal.SignatureInvalid {
		attrs = append(attrs, slog.String("verifiedText", "Base64(MD5(sysid+req+timestamp)) = "+s.VerifiedText),
			slog.String("key", s.Key), slog.String("reason", s.Reason), slog.String("diagnosis", s.Diagnosis))
	}
	h.log.LogAttrs(r.Context(), slog.LevelWarn, "page error", attrs...)
}
