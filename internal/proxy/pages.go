package proxy

import "net/http"

// Pages sends a browser that opens a page flow (PROTOCOL.md §6) to the
// same page on the upstream, with the same signed parameters (307 keeps a
// POST's method and form). Pages are not proxied: they are the platform's
// own browser flow on its own host, with its cookies, scripts and links,
// and they act on the upstream's state, which tsymock does not have. The
// page's return to the merchant and its notification come from the
// upstream, signed with the real platform key.
func (p *Proxy) Pages() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := p.pageBase + r.URL.Path
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		p.cfg.Log.Info("page flow sent to the upstream", "path", r.URL.Path, "upstream", p.pageBase)
		http.Redirect(w, r, target, http.StatusTemporaryRedirect)
	})
}
