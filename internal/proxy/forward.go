package proxy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// Call is a request on /service/soa as the client sent it.
type Call struct {
	// Request is the client's request: its method, query and headers are
	// forwarded. Its body has been read: Body holds it.
	Request *http.Request
	// Body is the POST body exactly as received (nil for a GET).
	Body []byte
	// SysID and Req are the sysid and req parameters received.
	SysID, Req string
	// Time is the server clock when the call arrived.
	Time time.Time
}

// Result is what became of a forwarded call.
type Result struct {
	// Body, Status and ContentType are the answer to write as they are:
	// the upstream's bytes (pass-through) or the answer signed again
	// (re-sign). Body is nil when tsymock answers itself with Err (the
	// upstream could not be reached, say), signed as every answer is.
	Body        []byte
	Status      int
	ContentType string
	// Value or Err is the answer, for the journal, the log and coverage.
	Value map[string]any
	Err   *soa.Error
	// Info is what the journal entry says of the upstream.
	Info *journal.Upstream
}

// exchange is one round trip to the upstream.
type exchange struct {
	status      int
	contentType string
	body        []byte
	answer      *Answer // nil when the body is not an envelope
	parseErr    error
	duration    time.Duration
	err         *soa.Error // tsymock's 9400 or 9500 when no answer came
}

// Forward sends the call to the upstream and returns its answer in the
// proxy's mode, recording it when there is a record folder. It never
// fails: an upstream that cannot be reached, is too slow or answers
// something that cannot be re-signed is answered with a signed 9400 or
// 9500 error, and nothing is recorded.
func (p *Proxy) Forward(ctx context.Context, c Call) Result {
	info := &journal.Upstream{URL: p.URL(), Mode: p.modeName()}
	dc := p.decode(c)
	if serr := p.refuseUnreadable(dc); serr != nil {
		info.Skipped = serr.Message
		return Result{Err: serr, Info: info}
	}
	x := p.send(ctx, c)
	p.describe(info, x)
	res := p.answer(x, info)
	if res.Body != nil && x.answer != nil {
		info.Recorded = p.record(dc, c, x.answer, info.Signature)
	}
	return res
}

// answer is the result of an exchange in the proxy's mode.
func (p *Proxy) answer(x *exchange, info *journal.Upstream) Result {
	if x.err != nil {
		return Result{Err: x.err, Info: info}
	}
	if p.cfg.Mode == Resign {
		return p.resign(x, info)
	}
	res := Result{Body: x.body, Status: x.status, ContentType: x.contentType, Info: info}
	if x.answer == nil {
		res.Err = soa.Errorf("9500", "the upstream answered HTTP %d (%s), not an envelope; passed on as it is", x.status, x.contentType)
		return res
	}
	res.Value, res.Err = x.answer.Value, x.answer.Err()
	return res
}

// send forwards the call: the same method, query, body and Content-Type,
// within the timeout. The client giving up does not cancel it: the
// upstream may have acted on the call already, and its answer is still
// worth recording.
func (p *Proxy) send(ctx context.Context, c Call) *exchange {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), p.cfg.Timeout)
	defer cancel()
	start := time.Now()
	req, err := p.newRequest(ctx, c)
	if err != nil {
		return &exchange{err: soa.Errorf("9500", "tsymock cannot forward this call: %v", err)}
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return &exchange{err: p.transportError(err), duration: time.Since(start)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	x := &exchange{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), duration: time.Since(start)}
	switch {
	case err != nil:
		x.err = p.transportError(err)
	case len(body) > maxAnswer:
		x.err = soa.Errorf("9500", "the upstream's answer is longer than %d bytes", maxAnswer)
	default:
		x.body = body
		x.answer, x.parseErr = ParseAnswer(body)
	}
	return x
}

// newRequest is the client's request addressed to the upstream.
func (p *Proxy) newRequest(ctx context.Context, c Call) (*http.Request, error) {
	target := p.soaURL
	if q := c.Request.URL.RawQuery; q != "" {
		target += "?" + q
	}
	var body io.Reader
	if c.Body != nil {
		body = bytes.NewReader(c.Body)
	}
	req, err := http.NewRequestWithContext(ctx, c.Request.Method, target, body)
	if err != nil {
		return nil, err
	}
	for _, h := range forwardedHeaders() {
		if v := c.Request.Header.Values(h); len(v) > 0 {
			req.Header[h] = v
		}
	}
	return req, nil
}

// forwardedHeaders are the client's headers the upstream sees; hop-by-hop
// headers, cookies and anything naming tsymock's host stay behind.
func forwardedHeaders() []string {
	return []string{"Content-Type", "Accept", "Accept-Charset", "Accept-Language", "User-Agent"}
}

// transportError is the signed error of an upstream that did not answer:
// 9400 when it took longer than the timeout, 9500 otherwise.
func (p *Proxy) transportError(err error) *soa.Error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return soa.Errorf("9400", "the upstream %s did not answer within %s (serve --upstream-timeout)", p.URL(), p.cfg.Timeout)
	}
	return soa.Errorf("9500", "the upstream %s cannot be reached: %v", p.URL(), unwrapURL(err))
}

// unwrapURL drops net/http's "Post URL:" prefix, which repeats the URL.
func unwrapURL(err error) error {
	if ue, ok := errors.AsType[*url.Error](err); ok && ue.Err != nil {
		return ue.Err
	}
	return err
}

// describe fills in what the journal says of the exchange, and checks the
// answer's sign when the upstream's key is known.
func (p *Proxy) describe(info *journal.Upstream, x *exchange) {
	info.HTTPStatus = x.status
	info.Duration, info.DurationMS = x.duration.String(), float64(x.duration.Microseconds())/1000
	switch {
	case x.err != nil:
		info.Error = x.err.Message
		p.cfg.Log.Warn("upstream failed", "upstream", p.URL(), "errorCode", x.err.Code, "message", x.err.Message)
		return
	case x.answer == nil:
		info.Error = fmt.Sprintf("HTTP %d %s is not an envelope: %v", x.status, x.contentType, x.parseErr)
		return
	}
	info.Outcome = journal.OutcomeOK
	if serr := x.answer.Err(); serr != nil {
		info.Outcome, info.ErrorCode, info.Message = journal.OutcomeError, serr.Code, serr.Message
	}
	info.Signature = p.checkSign(x.answer)
}

// checkSign checks the answer's sign with the upstream's key: valid,
// invalid, or unchecked without a key.
func (p *Proxy) checkSign(a *Answer) string {
	if p.cfg.UpstreamKey == nil {
		return journal.SignatureUnchecked
	}
	if err := keys.Verify(p.cfg.UpstreamKey, a.SignedValue, a.Sign); err != nil {
		return journal.SignatureInvalid
	}
	return journal.SignatureValid
}

// record writes the call and the upstream's answer as a rule, when there
// is a record folder, and returns the file; "" when it was not recorded
// (the log says why). An answer whose sign does not verify with the
// upstream's key is not recorded.
func (p *Proxy) record(d *decoded, c Call, a *Answer, signature string) string {
	if p.recorder == nil || signature == journal.SignatureInvalid {
		return ""
	}
	if d.method == nil {
		p.cfg.Log.Warn("upstream call not recorded: its req names no /service/soa method of the catalogue", "sysid", c.SysID)
		return ""
	}
	file, err := p.recorder.Record(Recording{Time: c.Time, SysID: c.SysID, HTTPMethod: c.Request.Method, Method: d.method,
		Param: d.env.Param, Opened: d.opened, Sealed: d.sealed, Value: a.Value, Err: a.Err()})
	if err != nil {
		p.cfg.Log.Warn("upstream call not recorded", "call", d.method.FullName(), "sysid", c.SysID, "reason", err)
	}
	return file
}

// Pages sends a browser that opens a page flow (PROTOCOL.md §6) to the
// same page on the upstream, with the same signed parameters (307 keeps a
// POST's method and form). Pages are not proxied: they are the platform's
// own browser flow on its own host, with its cookies, scripts and links,
// and they act on the upstream's state, which tsymock does not have. The
// page's return to the merchant and its notification come from the
// upstream, signed with the real platform key.
func (p *Proxy) Pages() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := p.pageBase + r.URL.Path
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		p.cfg.Log.Info("page flow sent to the upstream", "path", r.URL.Path, "upstream", p.pageBase)
		http.Redirect(w, r, target, http.StatusTemporaryRedirect)
	})
}
