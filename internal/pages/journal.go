package pages

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/rpc"
	"github.com/tsymock/tsymock/internal/soa"
)

// visit is one page request as the journal records it. ServeHTTP starts
// it; the steps fill in what they learn (who asked, for which call, what
// came of it), and it is recorded once the answer is written.
type visit struct {
	start           time.Time
	action          string // journal.PageOpen, PageConfirm, PageFail, or "" (the form could not be read)
	sysid           string
	service, method string
	raw             map[string]string
	req             *journal.DecodedReq
	sig             journal.SignatureCheck
	serr            *soa.Error
	status          int
	notes           []emulator.Portability // what the real test environment would refuse (url-fragment, consumer-ip)
	rule            string                 // the scenario rule(s) that answered or delayed the page
}

// verified notes what verifying the page's signed parameters found.
func (v *visit) verified(p rpc.Page) {
	v.sysid, v.service, v.method, v.req, v.sig, v.rule = p.SysID, p.Service, p.Method, p.Req, p.Signature, p.Rule
}

// session notes the page a request acts on.
func (v *visit) session(p *pageSession) {
	v.sysid, v.service, v.method = p.sysid, p.service, p.method
}

// pageWriter is the answer of a page request, carrying its visit: every
// step that answers has the writer, and so notes on it what the journal
// needs, without the visit passed through every call.
type pageWriter struct {
	http.ResponseWriter
	v *visit
}

// WriteHeader notes the status.
func (w *pageWriter) WriteHeader(code int) {
	if w.v.status == 0 {
		w.v.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// visitOf is the visit an answer carries; a writer that carries none (a
// handler called directly) gets one nobody records.
func visitOf(w http.ResponseWriter) *visit {
	if pw, ok := w.(*pageWriter); ok {
		return pw.v
	}
	return &visit{}
}

// secretFields are the pages' form fields never kept in clear: the
// payment passwords typed, and the page's one-time token.
func secretFields() map[string]string {
	return map[string]string{"password": "******", "password2": "******", "oldPassword": "******", "token": "(token)"}
}

// rawForm is a page request's parameters as received, one value per
// name, secrets masked.
func rawForm(values url.Values) map[string]string {
	secrets := secretFields()
	raw := make(map[string]string, len(values))
	for k, vs := range values {
		if mask, ok := secrets[k]; ok {
			raw[k] = mask
		} else if len(vs) > 0 {
			raw[k] = vs[0]
		}
	}
	return raw
}

// record hands the finished request's entry to the journal, coverage and
// metrics (rpc.Handler.RecordPage).
func (h *Handler) record(r *http.Request, w *pageWriter) {
	v := w.v
	d := time.Since(v.start)
	// The path and the method are pieces of the request line, which a GET
	// fills with its signed parameters: the entry keeps copies.
	e := &journal.Entry{Kind: journal.KindPage, Page: strings.Clone(r.URL.Path), Action: v.action, Time: v.start,
		ServerTime: h.cfg.Clock.Now().In(soa.Shanghai()), Duration: d.String(), DurationMS: float64(d.Microseconds()) / 1000,
		Remote: r.RemoteAddr, HTTPMethod: journal.HTTPMethod(r.Method), SysID: v.sysid, Service: v.service, Method: v.method,
		Raw: v.raw, Req: v.req, Signature: v.sig, Outcome: journal.OutcomeOK, HTTPStatus: v.status,
		Response: w.Header().Get("Location"), Portability: v.notes, Rule: v.rule}
	if e.Signature.Verdict == "" {
		e.Signature.Verdict = journal.SignatureUnchecked // a button or a payInfo link carries no signature
	}
	if e.HTTPStatus == 0 {
		e.HTTPStatus = http.StatusOK
	}
	if v.serr != nil {
		e.Outcome, e.ErrorCode, e.Message = journal.OutcomeError, v.serr.Code, v.serr.Message
	}
	if h.recordPage != nil {
		h.recordPage(e, d)
	}
	h.logPage(r, v)
}
