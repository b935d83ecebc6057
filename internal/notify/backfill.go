package notify

import (
	"bytes"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// KindBackfill is the Notification.Kind of an order back-fill (spec
// §4.1.22): a flat signed form, not an rps, whose answer the merchant
// gives in the body of its HTTP 200.
const KindBackfill = emulator.EventBackfill

// BackfillAnswerer applies a merchant's answer to a back-fill: the
// emulator (Emulator.AnswerBackfill). It returns the order booked, "" when
// the merchant declined it.
type BackfillAnswerer interface {
	AnswerBackfill(sysid, trxid, merchantRet, bizOrderNo, extendInfo string) (string, *soa.Error)
}

// BackfillAnswer is what a merchant answers a back-fill (spec §4.1.22):
// merchantRet "0000" takes it as the order bizOrderNo, "9999" declines it.
type BackfillAnswer struct {
	BizOrderNo  string `json:"bizOrderNo"`
	MerchantRet string `json:"merchantRet"`
	ExtendInfo  string `json:"extendInfo"`
}

// BackfillForm is the body of a back-fill: the event's fields and sign,
// URL-encoded, sorted by name, sign last. The sign covers the text of
// Event.BackfillSignText and is made as a notification's (spec §4.1.22).
func BackfillForm(key *rsa.PrivateKey, ev emulator.Event) (string, error) {
	sign, err := keys.Sign(key, ev.BackfillSignText())
	if err != nil {
		return "", fmt.Errorf("notify: sign back-fill: %w", err)
	}
	parts := make([]string, 0, len(ev.Form)+1)
	for _, k := range slices.Sorted(maps.Keys(ev.Form)) {
		parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(ev.Form[k]))
	}
	return strings.Join(append(parts, "sign="+url.QueryEscape(sign)), "&"), nil
}

// body is what an attempt of r posts: the notification form, or the
// back-fill's.
func (n *Notifier) body(r *record) (string, error) {
	if r.ev.Kind == emulator.EventBackfill {
		return BackfillForm(n.key, r.ev)
	}
	return n.form(r.ev.SysID, r.n.RPS)
}

// readBackfillAnswer reads the merchant's answer: JSON, or a form for the
// merchants whose frameworks answer one.
func readBackfillAnswer(body []byte) (BackfillAnswer, error) {
	var a BackfillAnswer
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '{' {
		if err := json.Unmarshal(body, &a); err != nil {
			return a, fmt.Errorf("not JSON: %w", err)
		}
	} else {
		v, err := url.ParseQuery(string(body))
		if err != nil {
			return a, fmt.Errorf("neither JSON nor a form: %w", err)
		}
		a = BackfillAnswer{BizOrderNo: v.Get("bizOrderNo"), MerchantRet: v.Get("merchantRet"), ExtendInfo: v.Get("extendInfo")}
	}
	if a.MerchantRet == "" {
		return a, fmt.Errorf(`no merchantRet: answer {"bizOrderNo": ..., "merchantRet": "0000" or "9999", "extendInfo": ...}`)
	}
	return a, nil
}

// answerBackfill hands the merchant's answer of an attempt that got HTTP
// 200 to the emulator, and returns what came of it, or why the attempt
// failed: an answer that cannot be read, or one the platform refuses (a
// bizOrderNo used before, 40017), after which the back-fill still waits
// and can be redelivered.
func (n *Notifier) answerBackfill(r *record, body []byte) (outcome string, err error) {
	ans, err := readBackfillAnswer(body)
	if err != nil {
		return "", fmt.Errorf("the merchant's answer %q: %w", truncate(body, 200), err)
	}
	if n.answers == nil {
		return "", fmt.Errorf("notify: nothing takes back-fill answers")
	}
	orderNo, serr := n.answers.AnswerBackfill(r.ev.SysID, r.ev.Form["trxid"], ans.MerchantRet, ans.BizOrderNo, ans.ExtendInfo)
	if serr != nil {
		return "", fmt.Errorf("the platform refused the merchant's answer: %s %s", serr.Code, serr.Message)
	}
	n.Wake() // the order's notification, which the answer queued
	if orderNo == "" {
		return fmt.Sprintf("merchantRet %s: the merchant declined the payment; nothing was booked", ans.MerchantRet), nil
	}
	return fmt.Sprintf("merchantRet %s: booked as bizOrderNo %s, orderNo %s", ans.MerchantRet, ans.BizOrderNo, orderNo), nil
}

// truncate is b as text, at most n bytes.
func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
