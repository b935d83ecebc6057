package rpc

import (
	"bytes"
	"io"
	"net/http"
	"strconv"

	"github.com/tsymock/tsymock/internal/proxy"
)

// forwarding reports whether calls no rule answers go to the upstream
// (serve --upstream without --compare).
func (h *Handler) forwarding() bool { return h.Proxy != nil && !h.Proxy.Comparing() }

// teeBody keeps the request body as it is read, when there is an upstream
// to send it to unchanged.
func (h *Handler) teeBody(r *http.Request, ex *exchange) {
	if h.Proxy == nil || r.Body == nil || r.Method != http.MethodPost {
		return
	}
	ex.rawBody = &bytes.Buffer{}
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.TeeReader(r.Body, ex.rawBody), r.Body}
}

// forward is the step that replaces prepare and emulate with an upstream
// (docs/record.md): the call goes to the upstream as the client sent it,
// and its answer comes back in the proxy's mode. tsymock's own checks of
// the params and the emulator's state are not involved: the upstream is
// the judge. It always answers.
func (h *Handler) forward(_ http.ResponseWriter, r *http.Request, ex *exchange) bool {
	res := h.Proxy.Forward(r.Context(), h.proxyCall(r, ex))
	ex.upstream = res.Info
	if res.Body != nil {
		ex.passed = &res
	}
	return ex.answer(res.Value, res.Err)
}

// compareUpstream asks the upstream too, in compare mode, once the
// emulator (or tsymock's checks) answered: not a call a scenario rule
// answered on purpose or broke with a fault, nor one whose form could not
// be read.
func (h *Handler) compareUpstream(r *http.Request, ex *exchange) {
	if !h.Proxy.Comparing() || !ex.formRead || ex.byRule || ex.fault != "" {
		return
	}
	ex.upstream = h.Proxy.Compare(r.Context(), h.proxyCall(r, ex), proxy.Local{Value: ex.value, Err: ex.err})
}

// proxyCall is the call as the client sent it.
func (h *Handler) proxyCall(r *http.Request, ex *exchange) proxy.Call {
	c := proxy.Call{Request: r, SysID: ex.params.SysID, Req: ex.params.Req, Time: h.cfg.Clock.Now()}
	if ex.rawBody != nil {
		c.Body = ex.rawBody.Bytes()
	}
	return c
}

// writePassed writes the upstream's answer as the proxy gave it: its
// status, Content-Type and bytes.
func (h *Handler) writePassed(w http.ResponseWriter, ex *exchange) {
	p := ex.passed
	if p.ContentType != "" {
		w.Header().Set("Content-Type", p.ContentType)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(p.Body)))
	w.WriteHeader(p.Status)
	_, _ = w.Write(p.Body)
}

// summarise counts a compared call in the compare summary, once the
// journal has numbered it.
func (h *Handler) summarise(ex *exchange, service, method string) {
	if ex.upstream != nil && h.Proxy.Comparing() {
		h.Proxy.Summarise(ex.params.SysID, service, method, ex.id, ex.upstream)
	}
}
