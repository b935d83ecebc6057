package mock

import (
	"maps"
	"net/http"
	"time"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// Outcomes of a call, as the journal, the log and coverage name them.
const (
	OutcomeOK    = "OK"
	OutcomeError = "error"
	OutcomeFault = "fault"
)

// Signature verdicts of a journal entry.
const (
	SignatureValid     = "valid"
	SignatureInvalid   = "invalid"
	SignatureUnchecked = "unchecked" // the call failed before its signature was checked
)

// JournalEntry is one call on /service/soa as the journal keeps it. It never
// holds a full card or identity number: encrypted fields stay the
// ciphertext that was received, and a number sent in clear by mistake is
// masked, in the raw req too. Entries are never changed once recorded.
type JournalEntry struct {
	ID         uint64            `json:"id"`
	Time       time.Time         `json:"time"`       // wall time the request arrived
	ServerTime time.Time         `json:"serverTime"` // the server clock then (what timestamps are checked against)
	Duration   string            `json:"duration"`
	DurationMS float64           `json:"durationMs"`
	Remote     string            `json:"remote"`
	HTTPMethod string            `json:"httpMethod"`
	SysID      string            `json:"sysid"`
	Service    string            `json:"service,omitempty"`
	Method     string            `json:"method,omitempty"`
	Raw        map[string]string `json:"raw"`           // the parameters received (sysid, timestamp, v, sign, req, ...)
	Req        *DecodedReq       `json:"req,omitempty"` // req decoded, when it is JSON
	Signature  SignatureCheck    `json:"signature"`
	Rule       string            `json:"rule,omitempty"`  // the scenario rule(s) that answered or delayed
	Fault      string            `json:"fault,omitempty"` // the fault a rule asked for
	Outcome    string            `json:"outcome"`         // OK, error or fault
	ErrorCode  string            `json:"errorCode,omitempty"`
	Message    string            `json:"message,omitempty"`
	HTTPStatus int               `json:"httpStatus"`       // 0: the connection was dropped
	Response   string            `json:"response"`         // the body written
	Answer     map[string]any    `json:"answer,omitempty"` // signedValue of an OK answer, decoded
}

// DecodedReq is the req parameter decoded.
type DecodedReq struct {
	Service string         `json:"service"`
	Method  string         `json:"method"`
	Param   map[string]any `json:"param"`
}

// SignatureCheck is how the request's signature fared.
type SignatureCheck struct {
	Verdict string `json:"verdict"` // valid, invalid or unchecked
	// VerifiedText is Base64(MD5(sysid+req+timestamp)), what the
	// signature must cover; Key is the fingerprint of the key it was
	// checked with; Diagnosis says why an invalid one failed.
	VerifiedText string `json:"verifiedText,omitempty"`
	Key          string `json:"key,omitempty"`
	Diagnosis    string `json:"diagnosis,omitempty"`
}

// newEntry builds the journal entry of a finished exchange.
func (s *Server) newEntry(r *http.Request, ex *exchange, start time.Time, d time.Duration, body []byte) *JournalEntry {
	e := &JournalEntry{Time: start, ServerTime: s.cfg.Clock.Now(), Duration: d.String(),
		DurationMS: float64(d.Microseconds()) / 1000, Remote: r.RemoteAddr, HTTPMethod: r.Method,
		SysID: ex.params.SysID, Raw: rawParams(ex.params), Rule: ex.rule, Fault: string(ex.fault),
		Signature: s.signatureCheck(ex), Outcome: outcome(ex), HTTPStatus: faultStatus(ex.fault)}
	if e.Req = journalReq(ex); e.Req != nil {
		e.Service, e.Method = e.Req.Service, e.Req.Method
	}
	if ex.err != nil {
		e.ErrorCode, e.Message = ex.err.Code, ex.err.Message
	}
	if ex.err == nil && ex.value != nil && (ex.fault == "" || ex.fault == scenarios.BadSignature) {
		e.Answer = copyParams(ex.value)
	}
	e.Response = string(body)
	maskEntry(e)
	return e
}

// journalReq is the req decoded: the copy made before the params were
// changed, the params themselves when nothing changed them (a call a
// scenario rule answered), or, for a call refused before it was decoded (a
// bad signature, say), decoded now.
func journalReq(ex *exchange) *DecodedReq {
	switch {
	case ex.req != nil:
		return ex.req
	case ex.env != nil:
		return &DecodedReq{Service: ex.env.Service, Method: ex.env.Method, Param: ex.env.Param}
	}
	env, serr := soa.DecodeReq(ex.params.Req)
	if serr != nil {
		return nil
	}
	return &DecodedReq{Service: env.Service, Method: env.Method, Param: env.Param}
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
func (s *Server) signatureCheck(ex *exchange) SignatureCheck {
	switch {
	case ex.diag != nil:
		return SignatureCheck{Verdict: SignatureInvalid, VerifiedText: ex.diag.MD5Base64,
			Key: ex.diag.Fingerprint, Diagnosis: ex.diag.Cause}
	case ex.verifiedText != "":
		return SignatureCheck{Verdict: SignatureValid, VerifiedText: ex.verifiedText, Key: ex.app.fingerprint}
	}
	return SignatureCheck{Verdict: SignatureUnchecked}
}

// outcome names how the call ended.
func outcome(ex *exchange) string {
	switch {
	case ex.fault != "":
		return OutcomeFault
	case ex.err != nil:
		return OutcomeError
	}
	return OutcomeOK
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
