package rpc

import (
	"net/http"
	"net/url"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/soa"
)

// Page is a browser page's signed request once verified: the application
// and the call it stands for, its params validated and decrypted.
type Page struct {
	SysID, Service, Method string
	Param                  map[string]any
}

// VerifyPage verifies a page's signed parameters exactly as /service/soa
// verifies a call (sysid, version, timestamp window, the signature over
// the exact strings received), checks that req names the method the page
// at r's path serves, lets the scenario rules answer with an error (so
// magic values work on pages too), and validates and decrypts the params.
func (h *Handler) VerifyPage(r *http.Request, values url.Values) (Page, *soa.Error) {
	ex := &exchange{params: form.ParamsFrom(values), base: baseURL(r)}
	if serr := form.CheckSize(ex.params, h.cfg.MaxBody); serr != nil {
		return Page{}, serr
	}
	if serr := h.checkSigned(ex); serr != nil {
		return Page{}, serr
	}
	env, serr := soa.DecodeReq(ex.params.Req)
	if serr != nil {
		return Page{}, serr
	}
	ex.env = env
	if ex.method, serr = h.Catalogue.LookupPage(r.URL.Path, env.Service, env.Method); serr != nil {
		return Page{}, serr
	}
	if _, serr, answered := h.askScenarios(r.Context(), ex); answered && serr != nil {
		return Page{}, serr
	}
	if serr := h.validate(ex); serr != nil {
		return Page{}, serr
	}
	return Page{SysID: ex.app.SysID, Service: env.Service, Method: env.Method, Param: env.Param}, nil
}
