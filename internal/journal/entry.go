package journal

import (
	"maps"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
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

// Entry is one call on /service/soa as the journal keeps it. It never
// holds a full card or identity number: encrypted fields stay the
// ciphertext that was received, and a number sent in clear by mistake is
// masked, in the raw req too. Entries are never changed once recorded.
type Entry struct {
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
	// Truncated marks an entry some of whose values were cut to the
	// journal's bounds: a long text ends with "…(tsymock: truncated, N
	// bytes in all)", and the parameters, keys or items not kept are
	// counted under the key "…" (TruncatedKey).
	Truncated bool `json:"truncated,omitempty"`
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

// clone copies an entry's maps, so that a caller cannot change the
// journal.
func (e *Entry) clone() Entry {
	c := *e
	c.Raw = maps.Clone(e.Raw)
	if e.Req != nil {
		c.Req = &DecodedReq{Service: e.Req.Service, Method: e.Req.Method, Param: soa.CopyParams(e.Req.Param)}
	}
	if e.Answer != nil {
		c.Answer = soa.CopyParams(e.Answer)
	}
	return c
}
