package rpc

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// encode writes the signed envelope: signedValue is the answer's JSON text
// (or errorCode=..&message=.. for an error) and sign covers exactly it.
// Errors are signed too, even those found before the sysid was known: the
// Java and PHP SDKs verify the sign before they look at status. An answer
// given before (the same signedValue, and sysid or errorCode) comes with
// its sign and body from the signature cache: the bytes are a function of
// those alone.
func (h *Handler) encode(ex *exchange) (string, error) {
	if ex.err != nil {
		e := ex.err
		if h.cfg.PlatformMessages {
			e = e.Platform() // the journal and the log keep the explanation
		}
		sv := soa.ErrorSignedValue(e)
		body, err := h.body(ex, sv, e.Code, func(sign string) []byte { return soa.EncodeError(e, sign) })
		if err != nil {
			return "", fmt.Errorf("rpc: sign error answer: %w", err)
		}
		return body, nil
	}
	sv := ex.valueJSON
	if sv == "" {
		var err error
		if sv, err = soa.MarshalValue(ex.value); err != nil {
			return "", fmt.Errorf("rpc: encode answer: %w", err)
		}
	}
	sysid := ex.params.SysID
	body, err := h.body(ex, sv, sysid, func(sign string) []byte { return soa.EncodeOK(sysid, sv, sign) })
	if err != nil {
		return "", fmt.Errorf("rpc: sign answer: %w", err)
	}
	return body, nil
}

// body signs signedValue with the platform key and encodes the answer
// with its sign. A scenario's bad-signature fault signs another text, so
// that the sign looks right and does not verify; that answer is never
// kept.
func (h *Handler) body(ex *exchange, signedValue, variant string, encode func(sign string) []byte) (string, error) {
	if ex.fault == scenarios.BadSignature {
		sign, err := h.signs.Sign(signedValue + badSignatureSalt)
		if err != nil {
			return "", err
		}
		return string(encode(sign)), nil
	}
	return h.signs.Body(signedValue, variant, func(sign string) string { return string(encode(sign)) })
}
