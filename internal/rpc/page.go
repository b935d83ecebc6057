package rpc

import (
	"net/http"
	"net/url"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// Page is a browser page's signed request once verified: the application
// and the call it stands for, its params validated and decrypted.
type Page struct {
	SysID, Service, Method string
	Param                  map[string]any
	// Req is req decoded as received (encrypted fields still ciphertext)
	// and Signature the verdict on the signature, for the journal. They
	// are set, as far as verification got, when it fails too; SysID is
	// then the sysid sent.
	Req       *journal.DecodedReq
	Signature journal.SignatureCheck
	// Rule is the scenario rule(s) that answered the page with an error
	// or delayed it, "" for none: for the journal and soa.HeaderRule.
	Rule string
}

// VerifyPage verifies a page's signed parameters exactly as /service/soa
// verifies a call (sysid, version, timestamp window, the signature over
// the exact strings received), checks that req names the method the page
// at r's path serves, lets the scenario rules answer with an error (so
// magic values work on pages too), and validates and decrypts the params.
func (h *Handler) VerifyPage(r *http.Request, values url.Values) (Page, *soa.Error) {
	ex := &exchange{params: form.ParamsFrom(values), base: baseURL(r)}
	serr := h.verifyPage(r, ex).In(h.cfg.Lang)
	p := Page{SysID: ex.params.SysID, Req: journalReq(ex), Signature: h.signatureCheck(ex), Rule: ex.rule}
	if serr != nil {
		return p, serr
	}
	p.SysID, p.Service, p.Method, p.Param = ex.app.SysID, ex.env.Service, ex.env.Method, ex.env.Param
	return p, nil
}

// verifyPage takes a page's request through VerifyPage's steps, keeping a
// copy of the params as received before they are decrypted.
func (h *Handler) verifyPage(r *http.Request, ex *exchange) *soa.Error {
	if serr := form.CheckSize(ex.params, h.cfg.MaxBody); serr != nil {
		return serr
	}
	if serr := h.checkSigned(ex); serr != nil {
		return serr
	}
	env, serr := soa.DecodeReq(ex.params.Req)
	if serr != nil {
		return serr
	}
	ex.env = env
	ex.req = &journal.DecodedReq{Service: env.Service, Method: env.Method, Param: soa.CopyParams(env.Param)}
	if ex.method, serr = h.Catalogue.LookupPage(r.URL.Path, env.Service, env.Method); serr != nil {
		return serr
	}
	if _, serr, answered := h.askScenarios(r.Context(), ex, true); answered && serr != nil {
		return serr
	}
	return h.validate(ex)
}
