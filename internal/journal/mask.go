package journal

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
)

// IsSensitive reports whether a field of this name holds a card or
// identity number (or a credit card's validity or CVV2), which nothing
// tsymock writes may hold in full: the recorder of serve --record masks
// them as the journal does.
func IsSensitive(name string) bool { return isSensitive(name) }

// MaskSensitive masks, in place, every sensitive value that decoded JSON
// (params or an answer) holds in clear, as the journal masks its entries,
// and returns the values it masked, so that a text repeating them can be
// masked too.
func MaskSensitive(v any) []string { return maskValues(v, nil) }

// MaskNumbers masks what may be a card or identity number in a text whose
// fields cannot be told apart (an error message, a req that is not JSON).
func MaskNumbers(s string) string { return longNumber().ReplaceAllStringFunc(s, emulator.MaskNumber) }

// IsCiphertext reports whether s looks like an encrypted field (the hex of
// an RSA block), which the journal keeps as it is.
func IsCiphertext(s string) bool { return isCiphertext(s) }

// isSensitive reports whether a field holds a card or identity number (or
// a credit card's validity and CVV2). The protocol encrypts them (answers
// too: setSafeCard's cardNo, spec §4.1.12), so what the journal keeps is
// ciphertext; a value in clear, sent by mistake, is masked.
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
// the entry repeats it: the decoded req and answer (as text or as a JSON
// number), the raw req, the form parameters besides the protocol's, the
// response body, the message, the portability notes (whose own numbers the
// emulator masks already) and the upstream's message and differences.
func mask(e *Entry) {
	var secrets []string
	if e.Req != nil {
		secrets = maskValues(e.Req.Param, secrets)
		maskReqFreeText(e)
	} else if req, ok := e.Raw[form.KeyReq]; ok {
		e.Raw[form.KeyReq] = longNumber().ReplaceAllStringFunc(req, emulator.MaskNumber)
	}
	maskExtra(e.Raw)
	secrets = maskValues(e.Answer, secrets)
	secrets = maskUpstream(e.Upstream, secrets)
	for _, secret := range secrets {
		mask := emulator.MaskNumber(secret)
		if req, ok := e.Raw[form.KeyReq]; ok {
			e.Raw[form.KeyReq] = strings.ReplaceAll(req, secret, mask)
		}
		e.Response = strings.ReplaceAll(e.Response, secret, mask)
		e.Message = strings.ReplaceAll(e.Message, secret, mask)
		for i := range e.Portability {
			e.Portability[i].Message = strings.ReplaceAll(e.Portability[i].Message, secret, mask)
		}
		if e.Upstream != nil {
			e.Upstream.Message = strings.ReplaceAll(e.Upstream.Message, secret, mask)
		}
	}
}

// maskUpstream masks the values of compare mode's differences: a field
// sensitive by name, and anything sensitive inside an object or list.
func maskUpstream(u *Upstream, found []string) []string {
	if u == nil {
		return found
	}
	for i := range u.Differences {
		d := &u.Differences[i]
		name := d.Path[strings.LastIndexAny(d.Path, ".")+1:]
		d.Local, found = maskDiffValue(name, d.Local, found)
		d.Upstream, found = maskDiffValue(name, d.Upstream, found)
	}
	return found
}

// maskDiffValue masks one value of a difference.
func maskDiffValue(name string, v any, found []string) (any, []string) {
	if text, ok := v.(string); ok && isSensitive(name) && text != "" && !isCiphertext(text) {
		return emulator.MaskNumber(text), append(found, text)
	}
	return v, maskValues(v, found)
}

// maskExtra masks the form parameters that are not the protocol's (a
// client's own, such as "cardNo=..." sent beside req): a sensitive name's
// whole value, and what may be a card or identity number in any other.
func maskExtra(raw map[string]string) {
	for k, v := range raw {
		switch {
		case protocolKey(k):
		case isSensitive(k) && !isCiphertext(v):
			raw[k] = emulator.MaskNumber(v)
		default:
			raw[k] = longNumber().ReplaceAllStringFunc(v, emulator.MaskNumber)
		}
	}
}

// maskValues masks, in place, the sensitive values of decoded JSON that are
// not ciphertext, text or a JSON number, and returns them added to found.
func maskValues(v any, found []string) []string {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			if text, ok := clearText(item); ok && isSensitive(k) && text != "" && !isCiphertext(text) {
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

// isIdentifier reports whether a field names something by a number the
// merchant or the platform chose (bizUserId, bizOrderNo, tranceNum,
// vspMerchantid, acctNo: the platform's own sub-account number...), which
// the journal keeps whole however long it is: filters and the web page find
// calls by it. Every other text field (summary, extendInfo, a remark) is
// free text.
func isIdentifier(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, "id") || strings.HasSuffix(lower, "no") || strings.HasSuffix(lower, "num")
}

// maskReqFreeText masks what may be a card or identity number typed into a
// free-text field of the req the merchant sent (a card number in a
// summary, say), there and in the raw req. Only the req: the answers are
// tsymock's, whose long numbers (a 19-digit orderNo inside payInfo) are
// not secrets. A number that is also an identifier's whole value in the
// req (a bizOrderNo repeated in extendInfo) is kept, as the identifier is.
func maskReqFreeText(e *Entry) {
	if !hasLongRun(e.Req.Param) {
		return // most reqs: no map is made on the call's path
	}
	keep := map[string]bool{}
	identifierValues(e.Req.Param, keep)
	masked := map[string]bool{}
	maskFreeTexts(e.Req.Param, keep, masked)
	if req, ok := e.Raw[form.KeyReq]; ok && len(masked) > 0 {
		e.Raw[form.KeyReq] = replaceLongRuns(req, func(run string) bool { return masked[run] })
	}
}

// hasLongRun reports whether a text of v holds 13 digits in a row.
func hasLongRun(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for _, item := range x {
			if hasLongRun(item) {
				return true
			}
		}
	case []any:
		for _, item := range x {
			if hasLongRun(item) {
				return true
			}
		}
	case string:
		run := 0
		for i := 0; i < len(x); i++ {
			run++
			if !isDigit(x[i]) {
				run = 0
			}
			if run >= 13 {
				return true
			}
		}
	}
	return false
}

// identifierValues adds the text of every identifier field of v to keep.
func identifierValues(v any, keep map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			if text, ok := clearText(item); ok && isIdentifier(k) {
				keep[text] = true
				continue
			}
			identifierValues(item, keep)
		}
	case []any:
		for _, item := range x {
			identifierValues(item, keep)
		}
	}
}

// maskFreeTexts masks, in place, the long numbers of v's free-text fields
// that keep does not hold, and adds them to masked.
func maskFreeTexts(v any, keep, masked map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			text, ok := item.(string)
			switch {
			case !ok:
				maskFreeTexts(item, keep, masked)
			case !isIdentifier(k) && !isSensitive(k):
				x[k] = replaceLongRuns(text, func(run string) bool {
					if keep[run] {
						return false
					}
					masked[run] = true
					return true
				})
			}
		}
	case []any:
		for _, item := range x {
			maskFreeTexts(item, keep, masked)
		}
	}
}

// replaceLongRuns masks each whole run of 13 to 19 digits in text (the
// last may be an X, as an identity number's check digit) for which mask
// says so. Whole runs only: part of a longer number is no card.
func replaceLongRuns(text string, mask func(run string) bool) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j < len(text) && (text[j] == 'X' || text[j] == 'x') && (j+1 == len(text) || !isWordByte(text[j+1])) {
			j++
		}
		run := text[i:j]
		if len(run) >= 13 && len(run) <= 19 && mask(run) {
			b.WriteString(text[last:i])
			b.WriteString(emulator.MaskNumber(run))
			last = j
		}
		i = j
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordByte is a letter or digit of ASCII: a run next to one is part of a
// longer word, not a number on its own.
func isWordByte(c byte) bool {
	return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// clearText is a decoded JSON value as the text a number would be
// written in: a string, or a number (a card number sent unquoted).
func clearText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return string(x), true
	case int64, int:
		return fmt.Sprint(x), true
	}
	return "", false
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
