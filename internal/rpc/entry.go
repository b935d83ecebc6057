package rpc

import (
	"maps"
	"net/http"
	"time"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// finish records a finished exchange: its journal entry, its coverage
// and metrics counts, and its log line. body is what was written (a
// fault's own body too: "" when it wrote none).
func (h *Handler) finish(r *http.Request, ex *exchange, start time.Time, body string) {
	d := time.Since(start)
	e := h.newEntry(r, ex, start, d, body)
	ex.id = h.record(e, d, ex.app.SysID != "")
	if h.Proxy != nil {
		h.summarise(ex, e.Service, e.Method)
	}
	h.logExchange(r.Context(), ex, d)
}

// newEntry builds the journal entry of a finished exchange.
func (h *Handler) newEntry(r *http.Request, ex *exchange, start time.Time, d time.Duration, body string) *journal.Entry {
	e := &journal.Entry{Time: start, ServerTime: h.cfg.Clock.Now().In(soa.Shanghai()), Duration: d.String(),
		DurationMS: float64(d.Microseconds()) / 1000, Remote: r.RemoteAddr, HTTPMethod: journal.HTTPMethod(r.Method),
		Kind: journal.KindSOA, SysID: ex.params.SysID, Raw: rawParams(ex.params), Rule: ex.rule, Fault: string(ex.fault),
		Signature: h.signatureCheck(ex), Outcome: outcome(ex), HTTPStatus: faultStatus(ex.fault)}
	e.ClientGone = clientGone(r, ex)
	if e.Req = journalReq(ex); e.Req != nil {
		e.Service, e.Method = e.Req.Service, e.Req.Method
	}
	if ex.err != nil {
		e.ErrorCode, e.Message = ex.err.Code, ex.err.Message
	}
	if ex.err == nil && ex.value != nil && (ex.fault == "" || ex.fault.Answers()) {
		e.Answer = journalAnswer(ex)
	}
	e.Response = body              // shared: the signature cache may hold it too, and strings are never changed
	e.Portability = ex.portability // the emulator's own slice, handed over: nothing else keeps it
	e.Triggers = ex.triggers       // likewise
	e.Upstream = ex.upstream
	e.Emulated = ex.emulated
	return e
}

// clientGone reports whether the client closed the connection before its
// answer was written. A fault's own closing of the connection (a reset, a
// hang's end, a short body) is no client leaving.
func clientGone(r *http.Request, ex *exchange) bool {
	switch ex.fault {
	case "", scenarios.BadSignature, scenarios.SlowBody:
		return r.Context().Err() != nil
	}
	return false
}

// journalReq is the req decoded, as received: the envelope prepare kept
// before the call's copy was decrypted and emulated, the decoded one when
// nothing was to change it (a call a scenario rule answered: the
// decoded-req cache's, which the journal only reads), or, for a call
// refused before it was decoded (a bad signature, say), decoded now.
func journalReq(ex *exchange) *journal.DecodedReq {
	switch {
	case ex.req != nil:
		return ex.req
	case ex.env != nil:
		return &journal.DecodedReq{Service: ex.env.Service, Method: ex.env.Method, Param: ex.env.Param}
	}
	env, serr := soa.DecodeReq(ex.params.Req)
	if serr != nil {
		return nil
	}
	return &journal.DecodedReq{Service: env.Service, Method: env.Method, Param: env.Param}
}

// journalAnswer is the answer for the journal, which keeps it and masks on
// a copy: a scenario rule's answer as it is (made for this call, or the
// rule's fixed value, which nothing changes), a copy of the emulator's,
// which the journal must not share with whatever made it.
func journalAnswer(ex *exchange) map[string]any {
	if ex.byRule {
		return ex.value
	}
	return soa.CopyParams(ex.value)
}

// rawParams are the parameters as received, one value per name.
func rawParams(p form.Params) map[string]string {
	raw := make(map[string]string, 7+len(p.Extra)) // its room at once: one allocation, not one per growth
	set := func(k, v string) {
		if v != "" {
			raw[k] = v
		}
	}
	set(form.KeySysID, p.SysID)
	set(form.KeySign, p.Sign)
	set(form.KeyTimestamp, p.Timestamp)
	set(form.KeyVersion, p.V)
	set(form.KeyReq, p.Req)
	set(form.KeyPrivSysID, p.PrivSysID)
	set(form.KeyPrivBizUserID, p.PrivBizUserID)
	maps.Copy(raw, p.Extra)
	return raw
}

// signatureCheck reports the verdict; a valid one names the key that
// verified it.
func (h *Handler) signatureCheck(ex *exchange) journal.SignatureCheck {
	switch {
	case ex.diag != nil:
		return journal.SignatureCheck{Verdict: journal.SignatureInvalid, Reason: ex.diag.Reason, VerifiedText: ex.diag.MD5Base64,
			Key: ex.diag.Fingerprint, Diagnosis: ex.diag.Cause}
	case ex.verifiedText != "":
		return journal.SignatureCheck{Verdict: journal.SignatureValid, VerifiedText: ex.verifiedText, Key: ex.app.Fingerprint()}
	}
	return journal.SignatureCheck{Verdict: journal.SignatureUnchecked}
}

// outcome names how the call ended.
func outcome(ex *exchange) string {
	switch {
	case ex.fault != "":
		return journal.OutcomeFault
	case ex.err != nil:
		return journal.OutcomeError
	}
	return journal.OutcomeOK
}

// faultStatus is the HTTP status a fault leaves (0 when the connection is
// dropped without an answer).
func faultStatus(f scenarios.Fault) int {
	switch f {
	case scenarios.HTTP500:
		return http.StatusInternalServerError
	case scenarios.ConnectionReset, scenarios.Hang:
		return 0
	}
	return http.StatusOK
}
