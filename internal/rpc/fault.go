package rpc

import (
	"context"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// badSignatureSalt changes the text a bad-signature answer is signed over:
// the sign is a real platform signature, of the wrong text, so only
// verification catches it.
const badSignatureSalt = "\x00tsymock:bad-signature"

// ruleHeaders names on an answer a scenario rule made or broke the rule(s)
// that took part and the fault asked for: a fault injected on purpose must
// not read as the client's mistake (tsymock call's hint). A rule that only
// delayed an answer the emulator made leaves no header.
func ruleHeaders(hdr http.Header, ex *exchange) {
	hdr[soa.HeaderRule] = []string{soa.FormatRuleHeader(ex.rule)}
	if ex.fault != "" {
		hdr[soa.HeaderFault] = []string{string(ex.fault)}
	}
}

// gatewayPage is the body of an http-500 fault: what a gateway in front of
// the platform sends, not the platform's JSON.
const gatewayPage = "<html><body><h1>500 Internal Server Error</h1></body></html>\n"

// writeFault carries out a scenario fault that breaks the answer at the
// HTTP level, and reports whether it did (bad-signature is not one: encode
// signs that answer wrongly) with the body it wrote, for the journal.
func (h *Handler) writeFault(w http.ResponseWriter, r *http.Request, ex *exchange) (body string, done bool) {
	switch ex.fault {
	case scenarios.EmptyBody:
		w.Header().Set("Content-Type", soa.ContentType)
		w.WriteHeader(http.StatusOK)
	case scenarios.MalformedJSON:
		body = `{"sysid":"` + ex.params.SysID + `","sign":"`
		w.Header().Set("Content-Type", soa.ContentType)
		_, _ = io.WriteString(w, body)
	case scenarios.HTTP500:
		body = gatewayPage
		w.Header().Set("Content-Type", "text/html;charset=UTF-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, body)
	case scenarios.ConnectionReset:
		h.reset(r.Context(), w)
	case scenarios.Hang:
		h.hangUp(r.Context(), w, ex.hang)
	default:
		return "", false
	}
	return body, true
}

// hangUp answers nothing until the client gives up or the bound passes
// (the rule's, capped by MaxDelay), then closes the connection.
func (h *Handler) hangUp(ctx context.Context, w http.ResponseWriter, bound time.Duration) {
	if bound <= 0 || bound > h.cfg.MaxDelay {
		bound = h.cfg.MaxDelay
	}
	h.wait(ctx, bound)
	if conn := hijack(ctx, w); conn != nil {
		_ = conn.Close()
	}
}

// reset drops the connection with a TCP RST: SO_LINGER 0 makes Close
// discard the socket instead of ending it cleanly.
func (h *Handler) reset(ctx context.Context, w http.ResponseWriter) {
	conn := hijack(ctx, w)
	if conn == nil {
		return
	}
	// The server's listener may wrap the TCP connection (the connection
	// limit's slot): what matters is that it can linger, not its type.
	if l, ok := conn.(interface{ SetLinger(sec int) error }); ok {
		_ = l.SetLinger(0)
	}
	_ = conn.Close()
}

// hijack takes the connection from net/http. Where that is impossible
// (HTTP/2) the handler aborts, which breaks the stream instead.
func hijack(ctx context.Context, w http.ResponseWriter) net.Conn {
	if ctx.Err() != nil {
		return nil // the client is gone already
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	return conn
}
