package mock

import (
	"context"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/diagnose"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// exchange is one request on /service/soa as it goes through the server,
// kept for the response, the log line and (later) the journal.
type exchange struct {
	params form.Params
	app    apps.App
	env    *soa.Envelope
	// req is the copy of env the journal records once prepare hands the
	// params to decryption and the emulator, which change them; nil while
	// they are only read (the scenario rules copy what they take).
	req    *DecodedReq
	method *soa.Method
	value  map[string]any
	err    *soa.Error
	diag   *diagnose.Report
	base   string // scheme://host the client reached, for links in answers
	// rule is the scenario rule that answered (or delayed) the call,
	// "file:line name"; fault, hang and delayed are what it asked for.
	rule    string
	fault   scenarios.Fault
	hang    time.Duration
	delayed bool
	// verifiedText is Base64(MD5(sysid+req+timestamp)) once the signature
	// verified, "" until then; id is the journal's.
	verifiedText string
	id           uint64
}

// serveSOA answers the RPC endpoint. Every protocol outcome, errors
// included, is a signed JSON body with HTTP 200: the official Java SDK turns
// any other status into "no response data" and loses the error code.
func (s *Server) serveSOA(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "tsymock: /service/soa accepts GET and POST", http.StatusMethodNotAllowed)
		return
	}
	start := time.Now()
	s.limitBodyTime(w, r)
	ex := &exchange{}
	ex.value, ex.err = s.safely(func() (map[string]any, *soa.Error) { return s.process(w, r, ex) })
	s.notify.Wake() // before the answer: its notifications are listed when it arrives
	if s.writeFault(w, r, ex) {
		s.finish(r, ex, start, nil)
		return
	}
	body, err := s.encode(ex)
	if err != nil {
		s.log.Error("cannot sign the answer", "err", err)
		http.Error(w, "tsymock: cannot sign the answer", http.StatusInternalServerError)
		return
	}
	w.Header()["Content-Type"] = s.headers.json
	// A length, never chunked: some SDKs read the body with one fixed read.
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
	s.finish(r, ex, start, body)
}

// safely runs answer and turns a panic into a signed 9999 answer: the SDK
// gets an error code instead of a reset connection, the log has the stack,
// and the server keeps serving.
func (s *Server) safely(answer func() (map[string]any, *soa.Error)) (v map[string]any, serr *soa.Error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic while answering a call: a tsymock bug, please report it with this line",
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			v, serr = nil, soa.Errorf("9999", "tsymock failed while answering this call (a bug; its log has the details); it keeps serving")
		}
	}()
	return answer()
}

// process runs the checks in the platform's order, asks the scenario rules
// once the call is decoded, and hands a valid call to the emulator. The
// order is part of the contract: the same bad request always gets the same
// errorCode.
func (s *Server) process(w http.ResponseWriter, r *http.Request, ex *exchange) (map[string]any, *soa.Error) {
	values, serr := form.Read(w, r, s.cfg.MaxBody)
	if serr != nil {
		return nil, serr
	}
	ex.params = form.ParamsFrom(values)
	if serr := form.CheckSize(ex.params, s.cfg.MaxBody); serr != nil {
		return nil, serr
	}
	if serr := s.authenticate(ex); serr != nil {
		return nil, serr
	}
	if serr := s.decode(ex); serr != nil {
		return nil, serr
	}
	if value, serr, answered := s.askScenarios(r.Context(), ex); answered {
		return value, serr
	}
	ex.req = &DecodedReq{Service: ex.env.Service, Method: ex.env.Method, Param: soa.CopyParams(ex.env.Param)}
	if serr := s.prepare(ex); serr != nil {
		return nil, serr
	}
	ex.base = baseURL(r) // here: only the emulator's answers hold links
	return s.call(callContext(r.Context(), ex), ex)
}

// authenticate checks the envelope parameters and the signature.
func (s *Server) authenticate(ex *exchange) *soa.Error {
	p := ex.params
	if p.SysID == "" {
		return soa.Errorf("10001", "sysid")
	}
	app, ok := s.apps.Get(p.SysID)
	if !ok {
		app, ok = s.autoApp(p)
	}
	if !ok {
		return soa.Errorf("20000", "sysid %q is not registered with tsymock (known: %s); register it with --app SYSID=CERT or POST /__tsymock/apps, or start with --auto-apps", p.SysID, s.apps.Known())
	}
	ex.app = app
	if serr := checkVersion(p.V); serr != nil {
		return serr
	}
	if serr := soa.CheckTimestamp(p.Timestamp, s.cfg.Clock.Now(), s.cfg.Skew); serr != nil {
		return serr
	}
	if p.Req == "" {
		return soa.Errorf("10001", "req")
	}
	return s.verify(ex)
}

// checkVersion accepts the interface versions real SDKs send.
func checkVersion(v string) *soa.Error {
	switch v {
	case "2.0", "1.0":
		return nil
	case "":
		return soa.Errorf("10001", "v")
	default:
		return soa.Errorf("10000", "v must be \"2.0\" (or \"1.0\"), got %q", v)
	}
}

// verify checks the signature over the exact strings received and, when it
// fails, works out why.
func (s *Server) verify(ex *exchange) *soa.Error {
	p := ex.params
	text, err := s.verified.Verify(ex.app, p)
	if err == nil {
		ex.verifiedText = text
		return nil
	}
	rep := diagnose.Run(diagnose.Input{
		SysID: p.SysID, Req: p.Req, Timestamp: p.Timestamp, Sign: p.Sign,
		Key: ex.app.Key, Others: s.otherKeys(ex.app.SysID),
	})
	ex.diag = &rep
	serr := soa.NewError("20019")
	if s.cfg.SignHints {
		serr.Message += " (tsymock: " + rep.Cause + ")"
	}
	return serr
}

// decode parses req and finds its method in the catalogue.
func (s *Server) decode(ex *exchange) *soa.Error {
	env, serr := soa.DecodeReq(ex.params.Req)
	if serr != nil {
		return serr
	}
	ex.env = env
	m, serr := s.catalogue.Lookup(env.Service, env.Method)
	if serr != nil {
		return serr
	}
	ex.method = m
	if m.PageFlow {
		return soa.Errorf("10003", "%s.%s is a page flow: send the user's browser to its page with these signed parameters instead of calling /service/soa", env.Service, env.Method)
	}
	return nil
}

// prepare validates the params against the catalogue and decrypts the
// encrypted ones.
func (s *Server) prepare(ex *exchange) *soa.Error {
	if serr := ex.method.Validate(ex.env.Param); serr != nil {
		return serr
	}
	return s.decryptFields(ex)
}

// call hands the decoded call to the emulator and encrypts the sensitive
// fields of its answer for the merchant.
func (s *Server) call(ctx context.Context, ex *exchange) (map[string]any, *soa.Error) {
	value, serr := s.emu.Handle(ctx, emulator.Request{
		SysID: ex.app.SysID, Service: ex.env.Service, Method: ex.env.Method, Param: ex.env.Param,
	})
	if serr != nil {
		return nil, serr
	}
	if serr := s.encryptFields(ex, value); serr != nil {
		return nil, serr
	}
	absoluteLinks(value, ex.base)
	return value, nil
}
