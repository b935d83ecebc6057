package mock

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/soa"
)

// pageFlow is one browser page of PROTOCOL.md §6: open checks the state
// and fills the page's view; confirm and fail carry out its two buttons and
// return the rps that goes back to the merchant's jumpUrl/frontUrl (the
// notification to backUrl, if the flow has one, is queued by the emulator).
type pageFlow struct {
	open    func(s *Server, p *pageSession) *soa.Error
	confirm func(s *Server, p *pageSession, form url.Values) (string, *soa.Error)
	fail    func(s *Server, p *pageSession, code, message string) (string, *soa.Error)
}

// pageFlows are every page, by path.
func pageFlows() map[string]pageFlow {
	flows := memberPageFlows()
	for path, f := range orderPageFlows() {
		flows[path] = f
	}
	return flows
}

// routePages serves every page flow at its path.
func (s *Server) routePages(mux *http.ServeMux) {
	for path := range s.pages.flows {
		mux.HandleFunc(path, s.servePage)
	}
}

// servePage answers a page. GET (or a POST of the signed parameters, as an
// auto-submitting form sends them) opens it; a POST with a token is a
// button; a GET of frontTrans.do?orderNo=... is the payInfo link of a
// gateway, scan or H5 deposit.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "tsymock: pages accept GET and POST", http.StatusMethodNotAllowed)
		return
	}
	values, serr := form.Read(w, r, s.cfg.MaxBody)
	switch {
	case serr != nil:
		s.pageError(w, r, serr)
	case r.Method == http.MethodPost && values.Has("token"):
		s.pageAction(w, r, values)
	case values.Has("orderNo") && !values.Has(form.KeyReq):
		s.openOrderLink(w, r, values.Get("orderNo"))
	default:
		s.openPage(w, r, values)
	}
}

// openPage verifies the signed parameters and shows the page.
func (s *Server) openPage(w http.ResponseWriter, r *http.Request, values url.Values) {
	p, serr := s.newPageSession(r, values)
	if serr == nil {
		serr = s.pages.flows[r.URL.Path].open(s, p)
	}
	if serr != nil {
		s.pageError(w, r, serr)
		return
	}
	s.showPage(w, r, p)
}

// showPage keeps the page behind a new token and draws it.
func (s *Server) showPage(w http.ResponseWriter, r *http.Request, p *pageSession) {
	if err := s.pages.put(p); err != nil {
		s.pageError(w, r, soa.Errorf("9000", "%v", err))
		return
	}
	s.logPage(r, p.sysid, "open", nil)
	s.renderFlow(w, r, p, nil)
}

// pageAction carries out a button: confirm or fail.
func (s *Server) pageAction(w http.ResponseWriter, r *http.Request, form url.Values) {
	p, ok := s.pages.claim(form.Get("token"), r.URL.Path)
	if !ok {
		s.pageError(w, r, soa.Errorf("10000", "this page has expired or was already used (a page works once, for %s); "+
			"open it again with freshly signed parameters", pageSessionTTL))
		return
	}
	action := form.Get("action")
	rps, serr := s.runAction(p, action, form)
	s.notify.Wake()
	s.logPage(r, p.sysid, action, serr)
	switch {
	case serr != nil && retryable(serr):
		s.pages.restore(p)
		s.renderFlow(w, r, p, serr)
	case serr != nil:
		s.pageError(w, r, serr)
	default:
		s.returnToMerchant(w, r, p, rps)
	}
}

func (s *Server) runAction(p *pageSession, action string, form url.Values) (string, *soa.Error) {
	flow := s.pages.flows[p.path]
	switch action {
	case "confirm":
		return flow.confirm(s, p, form)
	case "fail":
		code, msg := failReason(p, form)
		return flow.fail(s, p, code, msg)
	}
	return "", soa.Errorf("10000", "action must be confirm or fail, not %q", action)
}

// retryable errors are the user's typing (a wrong code or password, a
// malformed field): the page is shown again with the error, and its token
// stays valid.
func retryable(serr *soa.Error) bool {
	switch serr.Code {
	case "10000", "20010", "20011":
		return true
	}
	return false
}

// failReason is the errorCode and message the fail button reports: the
// page's defaults, or what the tester typed in the fail form.
func failReason(p *pageSession, form url.Values) (string, string) {
	code, msg := p.view.FailCode, p.view.FailMessage
	if c := strings.TrimSpace(form.Get("errorCode")); c != "" && len(c) <= 6 && isDigits(c) {
		code = c
	}
	if m := strings.TrimSpace(form.Get("message")); m != "" {
		msg = m
	}
	return code, msg
}

func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// returnToMerchant sends the browser back to jumpUrl/frontUrl with the
// signed sysid, rps, timestamp, v and sign (sign over sysid + rps +
// timestamp, PROTOCOL.md §6), or shows the result when there is nowhere to
// go back to.
func (s *Server) returnToMerchant(w http.ResponseWriter, r *http.Request, p *pageSession, rps string) {
	if p.returnURL == "" {
		s.renderDone(w, p, rps)
		return
	}
	form, err := notify.PlatformForm(s.cfg.PlatformKey, p.sysid, rps, soa.FormatTime(s.cfg.Clock.Now()))
	if err != nil {
		s.pageError(w, r, soa.Errorf("20018", "%v", err))
		return
	}
	u, err := url.Parse(p.returnURL) // checked when the page opened
	if err != nil {
		s.pageError(w, r, soa.Errorf("40029", "%v", err))
		return
	}
	if u.RawQuery != "" {
		u.RawQuery += "&"
	}
	u.RawQuery += form
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

// logPage writes one line per page request.
func (s *Server) logPage(r *http.Request, sysid, action string, serr *soa.Error) {
	attrs := []slog.Attr{slog.String("path", r.URL.Path), slog.String("sysid", sysid),
		slog.String("action", action)}
	if serr != nil {
		attrs = append(attrs, slog.String("errorCode", serr.Code), slog.String("message", serr.Message))
		s.log.LogAttrs(r.Context(), slog.LevelWarn, "page error", attrs...)
		return
	}
	s.log.LogAttrs(r.Context(), slog.LevelInfo, "page "+action, attrs...)
}
