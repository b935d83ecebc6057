package rpc

import (
	"context"
	"log/slog"
	"time"

	"github.com/tsymock/tsymock/internal/journal"
)

// logAttrs is room for every attribute of a line, so that the slice stays
// on the stack instead of growing on the heap.
const logAttrs = 12

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
	if ex.diag != nil {
		attrs = append(attrs,
			slog.String("verifiedText", "Base64(MD5(sysid+req+timestamp)) = "+ex.diag.MD5Base64),
			slog.String("timestamp", ex.params.Timestamp),
			slog.String("key", ex.diag.Fingerprint),
			slog.String("diagnosis", ex.diag.Cause))
	}
	attrs = append(attrs, slog.String("outcome", outcome), slog.Uint64("journal", ex.id))
	h.Log.LogAttrs(ctx, level, msg, attrs...)
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
	}
	return slog.LevelInfo, journal.OutcomeOK, "soa " + journal.OutcomeOK
}
