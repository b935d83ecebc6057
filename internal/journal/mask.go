package journal

import (
	"regexp"
	"strings"
	"sync"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
)

// isSensitive reports whether a field holds a card or identity number (or
// a credit card's validity and CVV2). The protocol encrypts them, so what
// the journal keeps is ciphertext; a value in clear, sent by mistake or
// echoed by an answer (setSafeCard's cardNo), is masked.
func isSensitive(name string) bool {
	switch name {
	case "cardNo", "bankCardNo", "identityNo", "identityCardNo", "legalIds", "accountNo", "validate", "cvv2":
		return true
	}
	return false
}

// longNumber finds what may be a card or identity number in a req that is
// not JSON (so its fields cannot be told apart). It is compiled when first
// used, not at every start of a server.
var longNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\d{12,18}[\dXx]`) })

// mask masks every sensitive value sent or answered in clear, wherever
// the entry repeats it: the decoded req and answer, the raw req, the
// response body and the message.
func mask(e *Entry) {
	var secrets []string
	if e.Req != nil {
		secrets = maskValues(e.Req.Param, secrets)
	} else if req, ok := e.Raw[form.KeyReq]; ok {
		e.Raw[form.KeyReq] = longNumber().ReplaceAllStringFunc(req, emulator.MaskNumber)
	}
	secrets = maskValues(e.Answer, secrets)
	for _, secret := range secrets {
		mask := emulator.MaskNumber(secret)
		if req, ok := e.Raw[form.KeyReq]; ok {
			e.Raw[form.KeyReq] = strings.ReplaceAll(req, secret, mask)
		}
		e.Response = strings.ReplaceAll(e.Response, secret, mask)
		e.Message = strings.ReplaceAll(e.Message, secret, mask)
	}
}

// maskValues masks, in place, the sensitive values of decoded JSON that are
// not ciphertext, and returns them added to found.
func maskValues(v any, found []string) []string {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			if text, ok := item.(string); ok && isSensitive(k) && text != "" && !isCiphertext(text) {
				found = append(found, text)
				x[k] = emulator.MaskNumber(text)
				continue
			}
			found = maskValues(item, found)
		}
	case []any:
		for _, item := range x {
			found = maskValues(item, found)
		}
	}
	return found
}

// isCiphertext reports whether s looks like an encrypted field: the hex of
// an RSA block, far longer than any card or identity number.
func isCiphertext(s string) bool {
	if len(s) < 64 || len(s)%2 != 0 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
