package admin

import (
	"crypto/subtle"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// access guards the admin API, which resets state, registers keys, arms
// errors and moves the clock:
//
//   - clients other than loopback need the admin token;
//   - a request without the token must name this server in its Host: an IP
//     address, a loopback name, or a name given with --admin-host. A page
//     on another site that makes its own name resolve to 127.0.0.1 (DNS
//     rebinding) is a loopback client, but sends its own name;
//   - a request that changes something must not come from a page of
//     another origin (Origin, when a browser sends one, must be this
//     server's), and without the token must have a Content-Type a browser
//     cannot send across sites without asking first (application/json,
//     application/yaml...; not a form or text/plain).
//
// The web page's static files carry no data and are served to anyone, so
// that a refused browser sees the page explain what to do; health is not
// under this check at all.
func (a *API) access(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isStatic(r) {
			next.ServeHTTP(w, r)
			return
		}
		token := a.tokenVerdict(w, r)
		if token == tokenRefused {
			return
		}
		// Without the right token the checks of a request without one
		// apply; a refusal then says first that the token was wrong, the
		// reason the client most likely needs.
		note := ""
		if token == tokenWrong {
			note = "the admin token this request sent does not match the server's (--admin-token, $TSYMOCK_ADMIN_TOKEN), " +
				"and from loopback a wrong token counts as none; so: "
		}
		untrusted := token != tokenValid
		if untrusted && !a.checkHost(w, r, note) || !checkOrigin(w, r, note) || untrusted && !checkContentType(w, r, note) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Verdicts on a request's token.
const (
	tokenNone    = iota // none sent (a loopback client needs none)
	tokenWrong          // a wrong one sent by a loopback client: as none
	tokenValid          // the configured token
	tokenRefused        // answered already: refused
)

// tokenVerdict checks the token; a client other than loopback must send
// the right one. A wrong token is logged, never the token itself.
func (a *API) tokenVerdict(w http.ResponseWriter, r *http.Request) int {
	got, want := requestToken(r), a.cfg.Token
	if want != "" && tokenMatches(got, want) {
		return tokenValid
	}
	if got != "" && want != "" {
		a.logf("admin request with a wrong token", r)
	}
	if isLoopback(r.RemoteAddr) {
		if got != "" && want != "" {
			return tokenWrong // loopback needs none: a wrong one is as none (a page's stale one, say)
		}
		return tokenNone
	}
	if want == "" {
		writeError(w, http.StatusForbidden, "the admin API answers only loopback clients, and %s is not one; "+
			"to allow other clients, start tsymock with --admin-token TOKEN (better: the TSYMOCK_ADMIN_TOKEN "+
			"environment variable, which other users cannot read in /proc) and send "+
			"\"Authorization: Bearer TOKEN\" or \"X-Tsymock-Token: TOKEN\"", clientHost(r.RemoteAddr))
		return tokenRefused
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="tsymock admin"`)
	writeError(w, http.StatusUnauthorized, "the admin API needs the admin token from clients other than "+
		"loopback: send \"Authorization: Bearer TOKEN\" or \"X-Tsymock-Token: TOKEN\" with the --admin-token value")
	return tokenRefused
}

// logf logs a refused request: who sent it, to where.
func (a *API) logf(msg string, r *http.Request) {
	if a.Log != nil {
		a.Log.Warn(msg, "remote", r.RemoteAddr, "method", r.Method, "path", r.URL.Path, "host", r.Host)
	}
}

// checkHost refuses a Host that is not this server's; note starts the
// refusal's message.
func (a *API) checkHost(w http.ResponseWriter, r *http.Request, note string) bool {
	host := hostOnly(r.Host)
	if isServerName(host, a.cfg.Hosts) {
		return true
	}
	a.logf("admin request for another host refused", r)
	writeError(w, http.StatusForbidden, "%sthe admin API does not answer for the host name %q: it answers for IP "+
		"addresses, localhost and the names given with --admin-host, so that a page on another site whose name "+
		"resolves to this machine (DNS rebinding) cannot use it; start tsymock with --admin-host %s to use this "+
		"name, or send the admin token", note, host, host)
	return false
}

// isServerName: an IP address, localhost or a name under .localhost, or
// one of names.
func isServerName(host string, names []string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if net.ParseIP(h) != nil || h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	for _, n := range names {
		if strings.EqualFold(strings.TrimSuffix(n, "."), h) {
			return true
		}
	}
	return false
}

// hostOnly is a Host header without its port (and IPv6 brackets).
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
}

// changes reports whether a request may change something.
func changes(r *http.Request) bool {
	return r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions
}

// checkOrigin refuses a change sent by a page of another origin. A
// browser sends Origin with every such request; other clients send none.
func checkOrigin(w http.ResponseWriter, r *http.Request, note string) bool {
	origin := r.Header.Get("Origin")
	if !changes(r) || origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err == nil && (u.Scheme == "http" || u.Scheme == "https") && strings.EqualFold(u.Host, r.Host) {
		return true
	}
	writeError(w, http.StatusForbidden, "%sthe admin API takes no changes from a page of another origin (Origin %q, "+
		"this server is %q)", note, origin, r.Host)
	return false
}

// checkContentType refuses a change whose Content-Type a page of any site
// may send without asking the server first (none, a form, text/plain):
// a cross-site form or fetch could otherwise reset the state. note starts
// the refusal's message.
func checkContentType(w http.ResponseWriter, r *http.Request, note string) bool {
	if !changes(r) {
		return true
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain":
	default:
		return true
	}
	what := "no Content-Type"
	if ct != "" {
		what = "Content-Type " + ct
	}
	writeError(w, http.StatusUnsupportedMediaType, "%sa change to the admin API needs Content-Type: application/json "+
		"(application/yaml for a scenario file, application/x-pem-file for a certificate), or the admin token; "+
		"this request has %s, which a page of any site could send", note, what)
	return false
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

// requestToken is the token a request carries, from either header; the
// scheme name "Bearer" is case-insensitive (RFC 9110 §11.1).
func requestToken(r *http.Request) string {
	if auth := r.Header.Get("Authorization"); auth != "" {
		scheme, t, ok := strings.Cut(strings.TrimSpace(auth), " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
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
