package notify

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// refusal says why a backUrl is not contacted, or "" when it may be: it
// must be an absolute http(s) URL, on loopback or an allowed host, and
// never a link-local or cloud metadata address, whatever is allowed (a
// notification must not read a cloud instance's credentials).
func (n *Notifier) refusal(backURL string) string {
	if backURL == "" {
		return "the call gave no backUrl"
	}
	u, err := url.Parse(backURL)
	if err != nil {
		return fmt.Sprintf("backUrl is not a URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Sprintf("backUrl %q is not an absolute http(s) URL", backURL)
	}
	if reason := forbiddenHost(u.Hostname()); reason != "" {
		return reason
	}
	if !isLoopbackName(u.Hostname()) && !allowedHost(u, n.cfg.AllowHosts) {
		allowed := strings.Join(n.cfg.AllowHosts, ",")
		if allowed == "" {
			allowed = "none"
		}
		return fmt.Sprintf("host %q is not loopback and not in --notify-allow-hosts (%s)", u.Host, allowed)
	}
	return ""
}

// metadataNames are the names cloud instances reach their metadata
// service by.
var metadataNames = []string{"metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"}

// forbiddenHost says why a host is never notified, or "".
func forbiddenHost(host string) string {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	for _, m := range metadataNames {
		if h == m {
			return fmt.Sprintf("host %q is a cloud metadata service, never notified", host)
		}
	}
	if ip, err := netip.ParseAddr(h); err == nil && forbiddenAddr(ip) {
		return fmt.Sprintf("host %q is a link-local or metadata address, never notified", host)
	}
	return ""
}

// forbiddenAddr: link-local addresses (169.254.0.0/16, where clouds serve
// instance metadata, and fe80::/10) and the metadata services' own
// (fd00:ec2::254).
func forbiddenAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip == netip.MustParseAddr("fd00:ec2::254")
}

// isLoopbackName: localhost, a name under .localhost, or a loopback IP.
func isLoopbackName(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(h)
	return err == nil && ip.Unmap().IsLoopback()
}

// allowedHost: a host named in allow, by name or by host:port.
func allowedHost(u *url.URL, allow []string) bool {
	host := strings.ToLower(u.Hostname())
	for _, h := range allow {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == host || h == strings.ToLower(u.Host) {
			return true
		}
	}
	return false
}

// loopbackOnlyKey marks, in an attempt's context, a backUrl allowed only
// because its host is a loopback name: it must then connect to loopback.
type loopbackOnlyKey struct{}

// dialContext connects an attempt, checking the address each name
// resolved to, not only the URL's text: a name allowed (or localhost)
// that resolves to a link-local address, or localhost that resolves off
// loopback, is refused before any byte is sent.
func dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	loopbackOnly, _ := ctx.Value(loopbackOnlyKey{}).(bool)
	d := net.Dialer{Timeout: 5 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		return checkDialed(address, loopbackOnly)
	}}
	return d.DialContext(ctx, network, addr)
}

// checkDialed refuses an address resolved for a notification.
func checkDialed(address string, loopbackOnly bool) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("notify: cannot read the address dialled, %q: %w", address, err)
	}
	ip := ap.Addr().Unmap()
	switch {
	case forbiddenAddr(ip):
		return fmt.Errorf("notify: %s is a link-local or metadata address, never notified", ip)
	case loopbackOnly && !ip.IsLoopback():
		return fmt.Errorf("notify: the backUrl's loopback name resolved to %s, which is not loopback", ip)
	}
	return nil
}
