package journal

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/soa"
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
func MaskNumbers(s string) string { return maskAllNumbers(s) }

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

// mask masks every sensitive value sent or answered in clear, wherever
// the entry repeats it: the decoded req and answer (as text or as a JSON
// number), the raw req, the form parameters besides the protocol's, the
// response body, the message, the portability notes (whose own numbers the
// emulator masks already) and the upstream's message and differences.
func mask(e *Entry) {
	var secrets []string
	if e.Req != nil {
		// Masked on a copy, and only walked again when there is something
		// to mask (most calls have nothing): the decoded-req cache shares it.
		if clear, long := holdsClear(e.Req.Param, false), holdsLongRun(e.Req.Param); clear || long {
			e.Req.Param = soa.CopyParams(e.Req.Param)
			secrets = maskValues(e.Req.Param, secrets)
			maskReqFreeText(e)
		}
		maskStrayNumbers(e)
	} else if req, ok := e.Raw[form.KeyReq]; ok {
		e.Raw[form.KeyReq] = maskAllNumbers(req)
	}
	maskExtra(e.Raw)
	if holdsClear(e.Answer, false) { // likewise: decoded JSON the journal was handed is never changed
		e.Answer = soa.CopyParams(e.Answer)
		secrets = maskValues(e.Answer, secrets)
	}
	if e.Emulated != nil && holdsClear(e.Emulated.Answer, false) {
		e.Emulated.Answer = soa.CopyParams(e.Emulated.Answer)
		secrets = maskValues(e.Emulated.Answer, secrets)
	}
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
		if e.Emulated != nil {
			e.Emulated.Message = strings.ReplaceAll(e.Emulated.Message, secret, mask)
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
	return v, maskValuesUnder(v, isSensitive(name), found)
}

// maskExtra masks the form parameters that are not the protocol's (a
// client's own, such as "cardNo=..." sent beside req, or a page link's
// query): a sensitive name's whole value, and what may be a card or
// identity number in any other but a page link's orderNo, the platform's
// own 19-digit number, which stays whole as in answers. Other names ending
// in no or id stay masked here: they are the client's own (idCardNo,
// bankcardno), not the catalogue's.
func maskExtra(raw map[string]string) {
	for k, v := range raw {
		switch {
		case form.IsProtocolKey(k):
		case isSensitive(k) && !isCiphertext(v):
			raw[k] = emulator.MaskNumber(v)
		case k == "orderNo":
		default:
			raw[k] = maskAllNumbers(v)
		}
	}
}

// maskValues masks, in place, the sensitive values of decoded JSON that are
// not ciphertext, text or a JSON number (in a list a sensitive name holds
// too), and returns them added to found.
func maskValues(v any, found []string) []string { return maskValuesUnder(v, false, found) }

// maskValuesUnder is maskValues of v, which a sensitive name holds or not.
func maskValuesUnder(v any, sensitive bool, found []string) []string {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			if masked, secret, ok := maskClear(item, isSensitive(k)); ok {
				x[k], found = masked, append(found, secret)
				continue
			}
			found = maskValuesUnder(item, isSensitive(k), found)
		}
	case []any:
		for i, item := range x {
			if masked, secret, ok := maskClear(item, sensitive); ok {
				x[i], found = masked, append(found, secret)
				continue
			}
			found = maskValuesUnder(item, sensitive, found)
		}
	}
	return found
}

// holdsClear reports whether maskValuesUnder would change v: the journal
// masks decoded JSON on a copy of its own, and only when there is
// something to mask (most calls have nothing).
func holdsClear(v any, sensitive bool) bool {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			if clearIn(item, isSensitive(k)) {
				return true
			}
		}
	case []any:
		return slices.ContainsFunc(x, func(item any) bool { return clearIn(item, sensitive) })
	}
	return false
}

// clearIn reports whether v, which a sensitive name holds or not, is or
// holds a value maskClear masks.
func clearIn(v any, sensitive bool) bool {
	_, _, masked := maskClear(v, sensitive)
	return masked || holdsClear(v, sensitive)
}

// maskClear masks v when a sensitive name holds it and it is a number in
// clear (text or a JSON number, not ciphertext), returning the masked
// value and the secret.
func maskClear(v any, sensitive bool) (masked any, secret string, ok bool) {
	text, isText := clearText(v)
	if !sensitive || !isText || text == "" || isCiphertext(text) {
		return nil, "", false
	}
	return emulator.MaskNumber(text), text, true
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
	masked := MaskFreeTexts(e.Req.Param)
	if req, ok := e.Raw[form.KeyReq]; ok && len(masked) > 0 {
		e.Raw[form.KeyReq] = replaceLongRuns(req, func(run string) bool { return masked[run] })
	}
}

// maskStrayNumbers masks each number of 13 to 19 digits in the raw req that
// the decoded params do not hold, masked or kept: one the decoder never
// showed, as a JSON object's duplicate key is overridden
// ("extendInfo":"card 6222…","extendInfo":"x"), and the masking of the
// decoded params never saw. An identifier's number and a ciphertext's
// digits are in the decoded params as they are in the raw req, and stay.
func maskStrayNumbers(e *Entry) {
	req, ok := e.Raw[form.KeyReq]
	if !ok || !hasLongRun(req) {
		return
	}
	held := map[string]bool{}
	numbersIn(e.Req.Param, held)
	e.Raw[form.KeyReq] = replaceLongRuns(req, func(run string) bool { return !held[run] })
}

// numbersIn adds the whole numbers of decoded JSON's texts and numbers to
// held.
func numbersIn(v any, held map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for _, item := range x {
			numbersIn(item, held)
		}
	case []any:
		for _, item := range x {
			numbersIn(item, held)
		}
	default:
		if text, ok := clearText(x); ok {
			forEachNumber(text, func(start, end int) { held[text[start:end]] = true })
		}
	}
}

// MaskFreeTexts masks, in place, what may be a card or identity number
// typed into a free-text field of param, as the journal masks a req's, and
// returns the numbers it masked. A number that is also an identifier's
// whole value in param is kept, as the identifier is.
func MaskFreeTexts(param map[string]any) map[string]bool {
	if !holdsLongRun(param) {
		return nil // most reqs: no map is made on the call's path
	}
	keep := map[string]bool{}
	identifierValues(param, false, keep)
	masked := map[string]bool{}
	maskFreeTexts(param, false, keep, masked)
	return masked
}

// IsIdentifier reports whether a field names something by a number
// (isIdentifier), which is kept whole.
func IsIdentifier(name string) bool { return isIdentifier(name) }

// holdsLongRun reports whether a text of v may hold a card or identity
// number (hasLongRun).
func holdsLongRun(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for _, item := range x {
			if holdsLongRun(item) {
				return true
			}
		}
	case []any:
		for _, item := range x {
			if holdsLongRun(item) {
				return true
			}
		}
	case string:
		return hasLongRun(x)
	}
	return false
}

// identifierValues adds the text of every identifier field of v to keep,
// and the texts of a list an identifier names (a list of bizOrderNo).
func identifierValues(v any, named bool, keep map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			identifierValues(item, isIdentifier(k), keep)
		}
	case []any:
		for _, item := range x {
			identifierValues(item, named, keep)
		}
	default:
		if text, ok := clearText(x); ok && named {
			keep[text] = true
		}
	}
}

// maskFreeTexts masks the long numbers of v's free texts that keep does
// not hold, in place in objects and lists, adds them to masked, and
// returns v (a text, masked). A text is free unless an identifier names it
// (its own key, or the key of the list it is in); a sensitive field is
// masked whole already (maskValues).
func maskFreeTexts(v any, named bool, keep, masked map[string]bool) any {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			if !isSensitive(k) {
				x[k] = maskFreeTexts(item, isIdentifier(k), keep, masked)
			}
		}
	case []any:
		for i, item := range x {
			x[i] = maskFreeTexts(item, named, keep, masked)
		}
	case string:
		if !named {
			return replaceLongRuns(x, func(run string) bool {
				if keep[run] {
					return false
				}
				masked[run] = true
				return true
			})
		}
	}
	return v
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
