package rpc

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// logAttrs is room for every attribute of a line, so that the slice stays
// on the stack instead of growing on the heap.
const logAttrs = 16

// logExchange writes the one line per request.
func (h *Handler) logExchange(ctx context.Context, ex *exchange, d time.Duration) {
	level, outcome, msg := logLevel(ex)
	if !h.Log.Enabled(ctx, level) { // no attribute is worth making for a line nobody reads
		return
	}
	attrs := make([]slog.Attr, 0, logAttrs)
	attrs = append(attrs, slog.String("sysid", ex.params.SysID), slog.Duration("duration", d))
	if ex.env != nil {
		attrs = append(attrs, slog.String("call", ex.env.Service+"."+ex.env.Method))
	}
	if ex.err != nil {
		attrs = append(attrs, slog.String("errorCode", ex.err.Code), slog.String("message", ex.err.Message))
	}
	if ex.rule != "" {
		attrs = append(attrs, slog.String("rule", ex.rule))
	}
	if ex.fault != "" {
		attrs = append(attrs, slog.String("fault", string(ex.fault)))
	}
	if em := ex.emulated; em != nil { // what the rule's answer hid: the call was carried out, or refused
		attrs = append(attrs, slog.String("emulated", strings.TrimSpace(em.Outcome+" "+em.ErrorCode)))
	}
	if len(ex.portability) > 0 {
		attrs = append(attrs, slog.String("wouldFail", portabilityText(ex.portability)))
	}
	if len(ex.triggers) > 0 {
		attrs = append(attrs, slog.String("trigger", strings.Join(ex.triggers, "; ")))
	}
	if ex.diag != nil {
		attrs = append(attrs,
			slog.String("verifiedText", "Base64(MD5(sysid+req+timestamp)) = "+ex.diag.MD5Base64),
			slog.String("timestamp", ex.params.Timestamp),
			slog.String("key", ex.diag.Fingerprint),
			slog.String("diagnosis", ex.diag.Cause))
	}
	attrs = append(attrs, slog.String("outcome", outcome), slog.Uint64("journal", ex.id))
	// The record goes to the handler as Logger.LogAttrs would hand it,
	// without the caller's program counter, which LogAttrs reads from the
	// stack on every call (runtime.Callers: 1.3 % of a canned answer's
	// profile) for a source tsymock's handlers do not print.
	r := slog.NewRecord(time.Now(), level, msg, 0)
	r.AddAttrs(attrs...)
	_ = h.Log.Handler().Handle(ctx, r)
}

// logLevel is the level, outcome and message of the line: a fault, an
// error, or OK. The messages are constants, not "soa "+outcome made anew
// for every line.
func logLevel(ex *exchange) (level slog.Level, outcome, msg string) {
	switch {
	case ex.fault != "":
		return slog.LevelWarn, journal.OutcomeFault, "soa " + journal.OutcomeFault
	case ex.err != nil:
		return slog.LevelWarn, journal.OutcomeError, "soa " + journal.OutcomeError
	case len(ex.portability) > 0:
		return slog.LevelWarn, journal.OutcomeOK, msgNotPortable
	}
	return slog.LevelInfo, journal.OutcomeOK, "soa " + journal.OutcomeOK
}

// msgNotPortable is the message of an OK call that the real test
// environment would refuse: a warning, so that a team sees it in the log.
const msgNotPortable = "soa OK, but the real test environment would refuse this call"

// portabilityText is the notes of a call for its log line: each note's
// rule, what was let pass and the code the real test environment answers,
// "; " between notes.
func portabilityText(notes []emulator.Portability) string {
	parts := make([]string, len(notes))
	for i, p := range notes {
		parts[i] = p.String()
	}
	return strings.Join(parts, "; ")
}

// maxReasonsHeader bounds the soa.HeaderWouldFailReason value: a split
// among many receivers not real-named notes each of them, and some HTTP
// clients refuse an answer whose headers pass 8 KiB. Past it the header is
// left out, and clients send their users to the log.
const maxReasonsHeader = 4096

// wouldFailHeaders puts a call's notes on its answer, for what a client
// (tsymock call, the Go client's WithWouldFail) can tell its user without
// reading the server's log: the rules and codes, and their reasons (each
// note's message, as the log line has it) unless they pass
// maxReasonsHeader.
func wouldFailHeaders(hdr http.Header, notes []emulator.Portability) {
	list := make([]soa.WouldFail, len(notes))
	for i, p := range notes {
		list[i] = soa.WouldFail{Rule: p.Rule, Code: p.Code, Reason: p.Message}
	}
	hdr[soa.HeaderWouldFail] = []string{soa.FormatWouldFail(list)}
	if reasons := soa.FormatWouldFailReasons(list); len(reasons) <= maxReasonsHeader {
		hdr[soa.HeaderWouldFailReason] = []string{reasons}
	}
}
