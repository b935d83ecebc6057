package mock

import (
	"context"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/scenarios"
)

// DefaultMaxDelay caps scenario delays and hangs. It stays below the
// server's write timeout, so a capped answer is still delivered.
const DefaultMaxDelay = 30 * time.Second

// newScenarioSet builds the rules in force at start, reading the server's
// clock and ids so that templates agree with the emulator.
func newScenarioSet(cfg Config) *scenarios.Set {
	set := scenarios.NewSet(scenarios.Options{Now: cfg.Clock.Now, IDs: cfg.IDs, NoMagic: cfg.NoMagic})
	set.SetFiles(cfg.Scenarios)
	return set
}

// Scenarios returns the rules in force. Change them at run time with its
// SetFiles, Add, Arm and Remove; a scenarios.Watcher keeps them in step with
// files on disk.
func (s *Server) Scenarios() *scenarios.Set { return s.scen }

// askScenarios lets the rules in force answer a decoded call, before its
// params are validated (so that a magic value answers even an incomplete
// request). It waits out any delay, then reports whether a rule answered,
// with that answer; a fault is left in ex for serveSOA to carry out.
func (s *Server) askScenarios(ctx context.Context, ex *exchange) (map[string]any, *soa.Error, bool) {
	d := s.scen.Decide(scenarios.Request{SysID: ex.app.SysID, Service: ex.env.Service,
		Method: ex.env.Method, Param: s.plainParams(ex)})
	ex.rule, ex.fault, ex.hang = d.Rule(), d.Fault, d.Hang
	if d.Delay > 0 {
		ex.delayed = true
		s.wait(ctx, d.Delay)
	}
	switch d.Kind {
	case scenarios.OK:
		if serr := s.encryptFields(ex, d.Body); serr != nil {
			return nil, serr, true
		}
		return d.Body, nil, true
	case scenarios.Fail:
		return nil, d.Err, true
	}
	// A fault other than bad-signature carries no answer; bad-signature
	// without one signs the emulator's answer wrongly.
	return nil, nil, d.Fault != "" && d.Fault != scenarios.BadSignature
}

// plainParams is a copy of the params with the encrypted fields decrypted
// where they can be, so that rules and templates see what the merchant
// meant (cardNo: {regex: "^6222"}). A field that does not decrypt stays as
// sent; the emulator's path reports it (20017) if no rule answers.
func (s *Server) plainParams(ex *exchange) map[string]any {
	paths := ex.method.EncryptedRequestPaths()
	if len(paths) == 0 || s.scen.Len() == 0 {
		return ex.env.Param // magic values read only ids, never encrypted
	}
	plain := soa.CopyParams(ex.env.Param)
	_ = soa.WalkEncrypted(plain, paths, func(_, hex string) (string, error) {
		text, err := keys.DecryptField(s.cfg.PlatformKey, hex)
		if err != nil {
			return hex, nil
		}
		return text, nil
	})
	return plain
}

// wait sleeps for d, at most MaxDelay, until the client gives up or the
// server shuts down (which would otherwise wait for every hang).
func (s *Server) wait(ctx context.Context, d time.Duration) {
	t := time.NewTimer(min(d, s.cfg.MaxDelay))
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	case <-s.quit:
	}
}

// stopWaiting ends every scenario delay and hang, at Shutdown.
func (s *Server) stopWaiting() { s.quitOnce.Do(func() { close(s.quit) }) }

// callContext is the context the emulator works under. After a delay it
// outlives the client: the platform finishes a slow call even when the
// client has given up, so a retry sees its effect.
func callContext(ctx context.Context, ex *exchange) context.Context {
	if ex.delayed {
		return context.WithoutCancel(ctx)
	}
	return ctx
}
