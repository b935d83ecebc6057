package rpc

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// decryptFields replaces every encrypted request field by its plaintext.
// Merchants encrypt them with the platform certificate, so the platform key
// opens them; one that does not open is 20017, naming the field.
func (h *Handler) decryptFields(ex *exchange) *soa.Error {
	var closed *closedField
	err := soa.WalkEncrypted(ex.env.Param, ex.method.EncryptedRequestPaths(), func(path, hex string) (string, error) {
		plain, err := keys.DecryptField(h.cfg.PlatformKey, hex)
		if err != nil {
			closed = &closedField{path: path, err: err, size: len(hex)}
		}
		return plain, err
	})
	switch {
	case err == nil:
		return nil
	case closed == nil: // a field that holds no string
		return soa.Errorf("20017", "%v (encrypt it with the platform certificate, RSA PKCS#1 v1.5, upper-case hex)", err)
	}
	return detailed("20017", msgFieldClosed, closed.path, closed.err, clearHint(closed.size))
}

// closedField is an encrypted request field that the platform key did not
// open: its path, why, and its length.
type closedField struct {
	path string
	err  error
	size int
}

// clearHint says when a field that does not decrypt looks sent in clear:
// shorter than the 256 hex characters of the smallest key's block (a card
// or ID number is 15 to 19). It never repeats the value, which may be a
// whole card or ID number, only its length.
func clearHint(size int) lang.Message {
	if size >= 256 {
		return lang.Message{}
	}
	return lang.Msg(messages()[msgLooksClear], size)
}

// encryptFields encrypts the sensitive fields of an answer with the
// merchant's public key, as the platform does.
func (h *Handler) encryptFields(ex *exchange, value map[string]any) *soa.Error {
	err := soa.WalkEncrypted(value, ex.method.EncryptedResponse, func(_, plain string) (string, error) {
		return keys.EncryptField(ex.app.Key, plain)
	})
	if err != nil {
		return soa.Errorf("20016", "%v", err)
	}
	return nil
}

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

// absoluteLinks turns the emulator's paths into URLs on this server: a
// link field that is a path, and the page a JSON payInfo holds under
// emulator.PayURLKey (the WeChat and Alipay JS payments').
func absoluteLinks(value map[string]any, base string) {
	for _, k := range linkFields() {
		p, ok := value[k].(string)
		switch {
		case !ok:
		case strings.HasPrefix(p, "/"):
			value[k] = base + p
		case strings.HasPrefix(p, "{"):
			value[k] = absoluteJSONLink(p, base)
		}
	}
}

// absoluteJSONLink makes the path under emulator.PayURLKey of a JSON text
// a URL on this server, leaving the rest byte for byte as the emulator
// wrote it (its keys in the spec's order).
func absoluteJSONLink(text, base string) string {
	key := `"` + emulator.PayURLKey + `":"/`
	escaped, err := json.Marshal(base)
	if err != nil || !strings.Contains(text, key) {
		return text
	}
	inner := strings.Trim(string(escaped), `"`)
	return strings.Replace(text, key, `"`+emulator.PayURLKey+`":"`+inner+`/`, 1)
}
