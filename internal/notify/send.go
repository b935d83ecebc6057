package notify

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// maxMerchantAnswer is how much of a merchant's answer is read (and
// discarded): only its status matters.
const maxMerchantAnswer = 64 << 10

// newNotifyClient is the HTTP client of the notifier. It does not follow
// redirects (the platform wants a 200 from backUrl itself) and keeps no
// idle connections, so that no connection outlives its attempt.
func newNotifyClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableKeepAlives = true
	tr.Proxy = nil // backUrls on loopback must not go through a proxy
	tr.DialContext = dialContext
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// attempt sends the notification once and reports how it went. It never
// holds the notifier's mutex.
func (n *Notifier) attempt(ctx context.Context, r *record, manual bool) Attempt {
	start := time.Now()
	a := Attempt{At: start, Manual: manual}
	body, err := n.body(r)
	if err != nil {
		a.Error = err.Error()
		return a
	}
	n.mu.Lock()
	r.n.Body = body
	n.mu.Unlock()
	var answer []byte
	a.Status, answer, err = n.post(ctx, r.ev.BackURL, body)
	a.Latency = time.Since(start)
	switch {
	case err != nil:
		a.Error, a.local = err.Error(), isLocalShortage(err)
	case a.Status != http.StatusOK:
		a.Error = fmt.Sprintf("HTTP %d (only 200 ends delivery)", a.Status)
	case r.ev.Kind == emulator.EventBackfill:
		a.Answer, err = n.answerBackfill(r, answer)
		if err != nil {
			a.Error = err.Error()
		}
	}
	n.logAttempt(r, a)
	return a
}

// form is the notification body of PROTOCOL.md §5, parameters in the
// platform's order: sysid, rps, timestamp, v, sign, with sign over
// sysid + rps + timestamp and the timestamp from the server's clock.
func (n *Notifier) form(sysid, rps string) (string, error) {
	return PlatformForm(n.key, sysid, rps, soa.FormatTime(n.clock.Now()))
}

// PlatformForm is sysid, rps, timestamp, v and sign, URL-encoded in that
// order; page redirects carry the same parameters.
func PlatformForm(key *rsa.PrivateKey, sysid, rps, ts string) (string, error) {
	sign, err := keys.Sign(key, sysid+rps+ts)
	if err != nil {
		return "", fmt.Errorf("notify: sign notification: %w", err)
	}
	parts := []string{"sysid=" + url.QueryEscape(sysid), "rps=" + url.QueryEscape(rps),
		"timestamp=" + url.QueryEscape(ts), "v=2.0", "sign=" + url.QueryEscape(sign)}
	return strings.Join(parts, "&"), nil
}

// post sends one form and returns the HTTP status and the merchant's
// answer (its first maxMerchantAnswer bytes: only a back-fill's is read).
func (n *Notifier) post(ctx context.Context, backURL, body string) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, n.cfg.Timeout)
	defer cancel()
	if u, err := url.Parse(backURL); err == nil && isLoopbackName(u.Hostname()) {
		ctx = context.WithValue(ctx, loopbackOnlyKey{}, true)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, backURL, strings.NewReader(body))
	if err != nil {
		return 0, nil, fmt.Errorf("notify: notification request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
	req.Header.Set("User-Agent", "tsymock-notifier")
	resp, err := n.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxMerchantAnswer))
	if err != nil {
		return resp.StatusCode, nil, fmt.Errorf("notify: read the merchant's answer: %w", err)
	}
	return resp.StatusCode, answer, nil
}

// isLocalShortage reports whether an attempt failed for want of a
// resource of this process or host (file descriptors, socket buffers,
// memory, local ports), not because of the receiver.
func isLocalShortage(err error) bool {
	for _, errno := range []syscall.Errno{syscall.EMFILE, syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM, syscall.EADDRNOTAVAIL} {
		if errors.Is(err, errno) {
			return true
		}
	}
	return false
}

// logAttempt writes one line per attempt.
func (n *Notifier) logAttempt(r *record, a Attempt) {
	attrs := append(r.logAttrs(), "status", a.Status, "latency", a.Latency)
	if a.Answer != "" {
		attrs = append(attrs, "answer", a.Answer)
	}
	if a.Error != "" {
		n.log.Warn("notification attempt failed", append(attrs, "err", a.Error)...)
		return
	}
	n.log.Info("notification delivered", attrs...)
}

// logAttrs name a notification in the log: its id, application, call and
// backUrl, the bizOrderNo of an order's, and the key a data dir knows it
// by, which names it across restarts (the id does not).
func (r *record) logAttrs() []any {
	attrs := []any{"id", r.n.ID, "sysid", r.ev.SysID, "call", r.ev.Service + "." + r.ev.Method, "backUrl", r.ev.BackURL}
	if no, ok := r.ev.ReturnValue["bizOrderNo"].(string); ok && r.ev.Order {
		attrs = append(attrs, "bizOrderNo", no)
	}
	if r.ev.Key != "" {
		attrs = append(attrs, "key", r.ev.Key)
	}
	return attrs
}
