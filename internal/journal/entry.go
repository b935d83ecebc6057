package journal

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/emulator"
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

// Kinds of entry: a call on /service/soa, or a request of a browser page
// (PROTOCOL.md §6).
const (
	KindSOA  = "soa"
	KindPage = "page"
)

// Actions of a page request: opening it (with signed parameters, or a
// payInfo link), and its two buttons.
const (
	PageOpen    = "open"
	PageConfirm = "confirm"
	PageFail    = "fail"
)

// Entry is one call on /service/soa, or one request of a browser page, as
// the journal keeps it. It never holds a full card or identity number:
// encrypted fields stay the ciphertext that was received, and a number sent
// in clear by mistake is masked, in the raw req too. Entries are never
// changed once recorded.
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
	Kind       string            `json:"kind"`             // KindSOA, or KindPage for a browser page's request
	Page       string            `json:"page,omitempty"`   // the page's path
	Action     string            `json:"action,omitempty"` // what the page request did: PageOpen, PageConfirm, PageFail
	Raw        map[string]string `json:"raw"`              // the parameters received (sysid, timestamp, v, sign, req, ...)
	Req        *DecodedReq       `json:"req,omitempty"`    // req decoded, when it is JSON
	Signature  SignatureCheck    `json:"signature"`
	Rule       string            `json:"rule,omitempty"`  // the scenario rule(s) that answered or delayed
	Fault      string            `json:"fault,omitempty"` // the fault a rule asked for
	Outcome    string            `json:"outcome"`         // OK, error or fault
	ErrorCode  string            `json:"errorCode,omitempty"`
	Message    string            `json:"message,omitempty"`
	HTTPStatus int               `json:"httpStatus"` // 0: the connection was dropped
	// ClientGone is set when the client closed the connection before the
	// answer was written (its timeout, say): the call was carried out all
	// the same, as on the platform, and the answer was lost.
	ClientGone bool           `json:"clientGone,omitempty"`
	Response   string         `json:"response"`         // the body written
	Answer     map[string]any `json:"answer,omitempty"` // signedValue of an OK answer, decoded
	// Portability lists what tsymock let pass that Allinpay's real test
	// environment refuses: each note names its rule, the code the real
	// environment answers and why. Empty for a portable call.
	Portability []emulator.Portability `json:"portability,omitempty"`
	// Triggers say which of tsymock's test triggers decided the call (e.g.
	// a companyName holding "reject"): what the answer and notifications
	// do not say, as the platform would not.
	Triggers []string `json:"triggers,omitempty"`
	// Upstream is what the real environment answered (serve --upstream).
	Upstream *Upstream `json:"upstream,omitempty"`
	// Emulated is what the emulator answered a call that a scenario rule
	// ran through it before answering its own error or fault instead
	// (emulate: true with error or fault): the client did not get it.
	Emulated *Emulated `json:"emulated,omitempty"`
	// Truncated marks an entry some of whose values were cut to the
	// journal's bounds: a long text ends with "…(tsymock: truncated, N
	// bytes in all)", and the parameters, keys or items not kept are
	// counted under the key "…" (TruncatedKey).
	Truncated bool `json:"truncated,omitempty"`
}

// Emulated is the emulator's answer to a call that a scenario rule then
// answered otherwise: whether it carried the call out (OK) or refused it,
// with its errorCode.
type Emulated struct {
	Outcome   string         `json:"outcome"` // OK or error
	ErrorCode string         `json:"errorCode,omitempty"`
	Message   string         `json:"message,omitempty"`
	Answer    map[string]any `json:"answer,omitempty"` // signedValue of an OK answer, decoded
}

// HTTPMethod is an entry's HTTPMethod for a request's method: the
// constant for GET and POST, else a copy. net/http cuts the method out of
// the request line, which a page's GET fills with its signed parameters:
// the entry must not keep that line alive.
func HTTPMethod(m string) string {
	switch m {
	case http.MethodPost:
		return http.MethodPost
	case http.MethodGet:
		return http.MethodGet
	}
	return strings.Clone(m)
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
	// Reason names an invalid signature's mistake in a word
	// (diagnose.Report.Reason: "other-key", "wrong-hash", ...).
	Reason string `json:"reason,omitempty"`
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
	c.Portability = slices.Clone(e.Portability)
	c.Triggers = slices.Clone(e.Triggers)
	c.Upstream = e.Upstream.clone()
	if e.Emulated != nil {
		em := *e.Emulated
		em.Answer = soa.CopyParams(em.Answer)
		c.Emulated = &em
	}
	return c
}
