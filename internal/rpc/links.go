package rpc

import (
	"net/http"
	"strings"
)

// linkFields are answer fields the emulator fills with a path on this
// server (a reconciliation file, a payment page); merchants open them as
// they are, so they must be absolute URLs.
func linkFields() []string { return []string{"url", "payInfo"} }

// baseURL is the scheme and host the client used to reach this server, so
// that links work from wherever the merchant's code runs (a container, a
// port-forward) without configuration.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// absoluteLinks turns the emulator's paths into URLs on this server.
func absoluteLinks(value map[string]any, base string) {
	for _, k := range linkFields() {
		if p, ok := value[k].(string); ok && strings.HasPrefix(p, "/") {
			value[k] = base + p
		}
	}
}
