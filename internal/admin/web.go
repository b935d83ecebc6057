package admin

import (
	"embed"
	"net/http"

	"github.com/gorilla/mux"
)

// webFiles is the admin web page: plain HTML, CSS and a little JS, embedded
// so that the binary needs no build step and no files around it.
//
//go:embed web
var webFiles embed.FS

// routeWeb serves the web page at /__tsymock/ and its files under
// /__tsymock/web/.
func (a *API) routeWeb(r *mux.Router) {
	files := http.StripPrefix(Prefix, http.FileServerFS(webFiles)) // web/app.js is web/app.js in webFiles
	r.PathPrefix("/web/").Methods(http.MethodGet, http.MethodHead).Handler(withPageHeaders(files))
	r.Path("/").Methods(http.MethodGet, http.MethodHead).Handler(withPageHeaders(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) { http.ServeFileFS(w, r, webFiles, "web/index.html") })))
}

// withPageHeaders forbids inline scripts and framing: the page writes
// every value as text, and the policy makes sure nothing else runs even if
// a value slipped through as markup.
func withPageHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "+
			"img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache")
		next.ServeHTTP(w, r)
	})
}
