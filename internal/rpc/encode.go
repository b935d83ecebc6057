package rpc

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// encode writes the signed envelope: signedValue is the answer's JSON text
// (or errorCode=..&message=.. for an error) and sign covers exactly it.
// Errors are signed too, even those found before the sysid was known: the
// Java and PHP SDKs verify the sign before they look at status.
func (h *Handler) encode(ex *exchange) ([]byte, error) {
	if ex.err != nil {
		sv := soa.ErrorSignedValue(ex.err)
		sign, err := h.sign(ex, sv)
		if err != nil {
			return nil, fmt.Errorf("rpc: sign error answer: %w", err)
		}
		return soa.EncodeError(ex.err, sign), nil
	}
	sv, err := soa.MarshalValue(ex.value)
	if err != nil {
		return nil, fmt.Errorf("rpc: encode answer: %w", err)
	}
	sign, err := h.sign(ex, sv)
	if err != nil {
		return nil, fmt.Errorf("rpc: sign answer: %w", err)
	}
	return soa.EncodeOK(ex.params.SysID, sv, sign), nil
}

// sign signs an answer's signedValue with the platform key, or, for a
// scenario's bad-signature fault, signs another text so that the sign looks
// right and does not verify.
func (h *Handler) sign(ex *exchange, signedValue string) (string, error) {
	if ex.fault == scenarios.BadSignature {
		signedValue += badSignatureSalt
	}
	return h.signs.Sign(signedValue)
}
