package pages

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
)

// pageTemplates are the page flows' HTML, drawn with html/template so that
// everything echoed from a request is escaped.
//
//go:embed templates/*.html
var pageTemplates embed.FS

// parsePageTemplates parses the templates, their sentences in English.
func parsePageTemplates() (*template.Template, error) {
	t, err := template.New("pages").Funcs(sayFunc(lang.English)).ParseFS(pageTemplates, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("pages: templates: %w", err)
	}
	return t, nil
}

// templatesIn parses the templates with their sentences in l: a function
// of a template set not yet drawn may be replaced.
func templatesIn(l lang.Lang) func() (*template.Template, error) {
	return func() (*template.Template, error) {
		t, err := parsePageTemplates()
		if err != nil || l == lang.English {
			return t, err
		}
		return t.Funcs(sayFunc(l)), nil
	}
}

// pageView is what a page shows. The flows fill it when the page opens.
type pageView struct {
	Title string // e.g. 设置支付密码
	Lead  string // what the user agrees to
	Rows  []pageRow
	// Inputs are the fields of the confirm form (SMS code, passwords).
	Inputs  []pageInput
	Hint    string // tsymock's note for the tester, e.g. the SMS code
	Confirm string // the confirm button's text
	Fail    string // the fail button's text
	// FailCode and FailMessage are what the fail button reports by
	// default; CodeChoice lets the tester type another errorCode.
	FailCode, FailMessage string
	CodeChoice            bool
}

// pageRow is one line of what the page shows.
type pageRow struct{ Label, Value string }

// pageInput is one field of the confirm form.
type pageInput struct {
	Name, Label, Type string
	MaxLength         int // its digits: a code, a password, a phone (inputmode numeric on phones)
}

// flowData is the flow template's data.
type flowData struct {
	pageView
	Action, Token string
	Error         *soa.Error // the last try's error, shown above the form
}

// renderFlow draws a page with its buttons; after a wrong code or password
// the error is shown above the form (HTTP 200, X-Tsymock-Error-Code set).
func (h *Handler) renderFlow(w http.ResponseWriter, r *http.Request, p *pageSession, serr *soa.Error) {
	serr = serr.In(h.cfg.Lang)
	if serr != nil {
		visitOf(w).serr = serr
		w.Header().Set("X-Tsymock-Error-Code", serr.Code)
	}
	h.renderPage(w, http.StatusOK, "flow", flowData{pageView: p.view, Action: r.URL.Path, Token: p.token, Error: serr})
}

// renderDone shows the result of a page opened without jumpUrl/frontUrl.
func (h *Handler) renderDone(w http.ResponseWriter, p *pageSession, rps string) {
	h.renderPage(w, http.StatusOK, "done", map[string]string{"Title": p.view.Title, "RPS": rps})
}

// pageError shows an error as a page, never JSON: the user's browser is
// on it. The status is 400 so that scripted flows notice, and
// X-Tsymock-Error-Code carries the errorCode for them.
func (h *Handler) pageError(w http.ResponseWriter, r *http.Request, serr *soa.Error) {
	serr = serr.In(h.cfg.Lang)
	visitOf(w).serr = serr
	w.Header().Set("X-Tsymock-Error-Code", serr.Code)
	h.renderPage(w, http.StatusBadRequest, "error", map[string]string{"Code": serr.Code, "Message": serr.Message})
}

func (h *Handler) renderPage(w http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	tmpl, err := h.tmpl()
	if err == nil {
		err = tmpl.ExecuteTemplate(&b, name, data)
	}
	if err != nil {
		h.log.Error("cannot draw a page", "page", name, "err", err)
		http.Error(w, "tsymock: cannot draw the page", http.StatusInternalServerError)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html;charset=UTF-8")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}
