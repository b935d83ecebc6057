package admin

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strings"
)

// access lets loopback clients use the admin API, and other clients
// only with the admin token: the API resets state and registers keys, so a
// server listening on a shared network must not hand that to everyone.
// The web page's static files carry no data and are served to anyone, so
// that a refused browser sees the page explain what to do.
func (a *API) access(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isStatic(r) || isLoopback(r.RemoteAddr) {
			next.ServeHTTP(w, r)
			return
		}
		token := a.cfg.Token
		if token == "" {
			writeError(w, http.StatusForbidden, "the admin API answers only loopback clients, and %s is not one; "+
				"to allow other clients, start tsymock with --admin-token TOKEN (mock.Config.AdminToken) and send "+
				"\"Authorization: Bearer TOKEN\" or \"X-Tsymock-Token: TOKEN\"", clientHost(r.RemoteAddr))
			return
		}
		if !tokenMatches(requestToken(r), token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tsymock admin"`)
			writeError(w, http.StatusUnauthorized, "the admin API needs the admin token from clients other than "+
				"loopback: send \"Authorization: Bearer TOKEN\" or \"X-Tsymock-Token: TOKEN\" with the --admin-token value")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// isStatic reports whether r asks for the web page or its files.
func isStatic(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	return r.URL.Path == Prefix || strings.HasPrefix(r.URL.Path, Prefix+"web/")
}

// isLoopback reports whether a RemoteAddr is a loopback address. Forwarding
// headers are not trusted: anyone can send them.
func isLoopback(remote string) bool {
	ip := net.ParseIP(clientHost(remote))
	return ip != nil && ip.IsLoopback()
}

func clientHost(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return remote
	}
	return host
}

// requestToken is the token a request carries, from either header.
func requestToken(r *http.Request) string {
	if auth := r.Header.Get("Authorization"); auth != "" {
		if t, ok := strings.CutPrefix(auth, "Bearer "); ok {
			return strings.TrimSpace(t)
		}
	}
	return r.Header.Get("X-Tsymock-Token")
}

// tokenMatches compares in constant time, so that the token cannot be
// guessed byte by byte from response times.
func tokenMatches(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
