package mock

import (
	"fmt"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/tsymock/tsymock/internal/pages"
)

// maxEchoedPath bounds the path a 404 repeats: enough to recognise it,
// not a copy of whatever a client sent.
const maxEchoedPath = 200

// notFound answers a path tsymock does not serve with a 404 that says
// what the client probably meant: the "404 page not found" of net/http
// leaves a newcomer guessing whether the server, the path or the SDK's
// configuration is wrong. The body is plain text (nosniff), so the echoed
// path cannot become markup.
//
// The log gets a warning too, once a minute per path (unknownPaths): an
// SDK that turns every non-200 into "no data" (the official Java SDK) shows
// its user nothing, so the server's log is where a wrong server URL shows.
// The journal does not: it records calls and page requests per
// application, and a stray path names none.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if len(p) > maxEchoedPath {
		p = p[:maxEchoedPath] + "…"
	}
	hint := notFoundHint(r.URL.Path)
	ok, mute := s.unknownPaths.allow(r.Method + " " + p)
	switch {
	case ok:
		s.log.Warn("no such address: answered 404", "method", r.Method, "path", p, "remote", r.RemoteAddr, "hint", hint)
	case !mute.IsZero():
		s.log.Warn("no such address: answered 404; more unknown paths than the log takes a minute: the next are "+
			"answered 404 but not logged", "until", mute.Format(time.TimeOnly), "method", r.Method, "path", p, "hint", hint)
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	_, _ = fmt.Fprintf(w, "tsymock: no such address: %s %q\n%s\n", r.Method, p, hint)
}

// Bounds of the 404 warnings: a path is logged once a window, and at most
// maxLoggedPaths paths a window, so that a scanner's thousand paths cost
// neither a thousand lines nor memory.
const (
	unknownPathWindow = time.Minute
	maxLoggedPaths    = 64
)

// pathLimit decides which unknown paths are logged: each once a window,
// maxLoggedPaths of them a window at most. Its memory is that many keys.
type pathLimit struct {
	now   func() time.Time
	mu    sync.Mutex
	start time.Time           // the window's
	seen  map[string]struct{} // the keys logged in it
	muted bool                // the window's first key over the bound was answered its end
}

func newPathLimit(now func() time.Time) *pathLimit {
	return &pathLimit{now: now, seen: make(map[string]struct{})}
}

// allow reports whether key is to be logged now; when it is the window's
// first new key over the bound, mute is the window's end, so that the log
// says once that it stops, instead of falling silent when a scanner came
// first and a wrong SDK URL after it.
func (l *pathLimit) allow(key string) (ok bool, mute time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now := l.now(); now.Sub(l.start) >= unknownPathWindow || now.Before(l.start) {
		l.start, l.muted = now, false
		clear(l.seen)
	}
	if _, seen := l.seen[key]; seen {
		return false, time.Time{}
	}
	if len(l.seen) >= maxLoggedPaths {
		if l.muted {
			return false, time.Time{}
		}
		l.muted = true
		return false, l.start.Add(unknownPathWindow)
	}
	l.seen[key] = struct{}{}
	return true, time.Time{}
}

// notFoundHint is what a path that is not served most likely stands for:
// a page under an older environment's address, the open-platform gateway,
// or a misspelt SOA endpoint (docs/sdks.md).
func notFoundHint(p string) string {
	if page, ok := pageNamed(path.Base(p)); ok {
		return fmt.Sprintf("The page %s is served at %s (spec V2.1.5); %s is the address of an older "+
			"environment, found in older demos: point your page URL at tsymock's (docs/sdks.md, \"Browser pages\").",
			path.Base(p), page, p)
	}
	if strings.HasPrefix(p, "/op/") {
		return "The open-platform gateway (appId, bizContent, signType=SHA256WithRSA) is not emulated: " +
			"tsymock speaks the " + SOAPath + " protocol of spec V2.1.5 (docs/sdks.md, \"Other public clients\")."
	}
	return "The API is POST " + SOAPath + " (set your SDK's server URL to http://HOST:PORT" + SOAPath +
		", or to http://HOST:PORT when it appends the path itself); the browser pages are under /yungateway/; " +
		"the admin API under " + AdminPrefix + " (docs/sdks.md)."
}

// pageNamed is the path of the page whose file name is base
// ("setPayPwd.html", "frontTrans.do").
func pageNamed(base string) (string, bool) {
	for _, p := range pages.Paths() {
		if path.Base(p) == base {
			return p, true
		}
	}
	return "", false
}
