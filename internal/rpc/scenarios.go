package rpc

import (
	"context"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/scenarios"
)

// askScenarios lets the rules in force answer a decoded call, before its
// params are validated (so that a magic value answers even an incomplete
// request). It waits out any delay, then reports whether a rule answered,
// with that answer; a fault is left in ex for ServeHTTP to carry out. For
// a browser page (page) only rules that answer errors or delays take part.
func (h *Handler) askScenarios(ctx context.Context, ex *exchange, page bool) (map[string]any, *soa.Error, bool) {
	d := h.Scenarios.Decide(scenarios.Request{SysID: ex.app.SysID, Service: ex.env.Service,
		Method: ex.env.Method, Param: h.plainParams(ex), Page: page})
	ex.rule, ex.fault, ex.hang, ex.over = d.Rule(), d.Fault, d.Hang, d.Over
	if d.Delay > 0 {
		ex.delayed = true
		h.wait(ctx, d.Delay)
	}
	if d.EmulateFirst { // the call goes on to the emulator; breakAfter answers
		ex.emulateFirst, ex.replace = true, d.Err
		return nil, nil, false
	}
	switch d.Kind {
	case scenarios.OK:
		if len(ex.method.EncryptedResponse) == 0 {
			ex.valueJSON = d.JSON // the body as the rule wrote it, encoded once
			return d.Body, nil, true
		}
		body := d.Body
		if d.JSON != "" {
			body = soa.CopyParams(body) // the rule's own value, shared by every call: encrypted on a copy
		}
		if serr := h.encryptFields(ex, body); serr != nil {
			return nil, serr, true
		}
		return body, nil, true
	case scenarios.Fail:
		return nil, d.Err, true
	}
	// A fault that breaks an answer (bad-signature, slow-body, short-body)
	// without one of its own breaks the emulator's; the others carry none.
	return nil, nil, d.Fault != "" && !d.Fault.Answers()
}

// plainParams is a copy of the params with the encrypted fields decrypted
// where they can be, so that rules and templates see what the merchant
// meant (cardNo: {regex: "^6222"}). A field that does not decrypt stays as
// sent; the emulator's path reports it (20017) if no rule answers.
func (h *Handler) plainParams(ex *exchange) map[string]any {
	paths := ex.method.EncryptedRequestPaths()
	if len(paths) == 0 || h.Scenarios.Len() == 0 {
		return ex.env.Param // magic values read only ids, never encrypted
	}
	plain := soa.CopyParams(ex.env.Param)
	_ = soa.WalkEncrypted(plain, paths, func(_, hex string) (string, error) {
		text, err := keys.DecryptField(h.cfg.PlatformKey, hex)
		if err != nil {
			return hex, nil
		}
		return text, nil
	})
	return plain
}

// callContext is the context the emulator works under. After a delay, or
// for a rule that runs the call before breaking its answer, it outlives
// the client: the platform finishes a slow call even when the client has
// given up, so a retry sees its effect.
func callContext(ctx context.Context, ex *exchange) context.Context {
	if ex.delayed || ex.emulateFirst {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// breakAfter answers a call a rule ran through the emulator first (emulate
// with error or a fault): what the emulator (or the upstream) answered is
// kept for the journal, then the rule's error replaces it, or a fault that
// sends no answer leaves none; a fault that breaks an answer (slow-body,
// short-body, bad-signature) breaks the rule's error.
func (ex *exchange) breakAfter(l lang.Lang) {
	ex.emulated = &journal.Emulated{Outcome: journal.OutcomeOK}
	if ex.err != nil {
		ex.emulated.Outcome, ex.emulated.ErrorCode, ex.emulated.Message = journal.OutcomeError, ex.err.Code, ex.err.Message
	} else if ex.value != nil {
		ex.emulated.Answer = soa.CopyParams(ex.value) // the journal keeps it: not shared with the emulator
	}
	ex.value, ex.err, ex.passed = nil, nil, nil
	if ex.replace != nil {
		ex.err, ex.byRule = ex.replace.In(l), true
	}
}
