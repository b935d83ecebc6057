package proxy

import (
	"net/http"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// resign signs the upstream's answer again with tsymock's platform key: an
// OK answer's signedValue text exactly as the upstream wrote it (its key
// order and numbers kept), an error's errorCode and message. Fields the
// upstream encrypted for the merchant stay as they are: they were
// encrypted with the merchant's certificate, which is the same whoever
// signs the envelope. An answer that is not an envelope, or whose sign
// does not verify with the upstream's key when it is known, is not
// re-signed: tsymock's signature would vouch for it.
func (p *Proxy) resign(x *exchange, info *journal.Upstream) Result {
	switch {
	case x.answer == nil:
		return Result{Err: soa.Errorf("9500", "the upstream answered HTTP %d (%s), not an envelope: %s", x.status, x.contentType, clip(string(x.body))), Info: info}
	case info.Signature == journal.SignatureInvalid:
		return Result{Err: soa.Errorf("9500", "the upstream's answer does not verify with --upstream-cert; tsymock does not sign it again"), Info: info}
	}
	body, err := p.resignBody(x.answer)
	if err != nil {
		return Result{Err: soa.Errorf("9500", "tsymock cannot sign the upstream's answer: %v", err), Info: info}
	}
	return Result{Body: body, Status: http.StatusOK, ContentType: soa.ContentType, Value: x.answer.Value, Err: x.answer.Err(), Info: info}
}

// resignBody is the answer's envelope signed with tsymock's key.
func (p *Proxy) resignBody(a *Answer) ([]byte, error) {
	if serr := a.Err(); serr != nil {
		sign, err := keys.Sign(p.cfg.PlatformKey, soa.ErrorSignedValue(serr))
		if err != nil {
			return nil, err
		}
		return soa.EncodeError(serr, sign), nil
	}
	sign, err := keys.Sign(p.cfg.PlatformKey, a.SignedValue)
	if err != nil {
		return nil, err
	}
	return soa.EncodeOK(a.SysID, a.SignedValue, sign), nil
}
