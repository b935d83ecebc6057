package mock

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/diagnose"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// encode writes the signed envelope: signedValue is the answer's JSON text
// (or errorCode=..&message=.. for an error) and sign covers exactly it.
// Errors are signed too, even those found before the sysid was known: the
// Java and PHP SDKs verify the sign before they look at status.
func (s *Server) encode(ex *exchange) ([]byte, error) {
	if ex.err != nil {
		sv := soa.ErrorSignedValue(ex.err)
		sign, err := s.sign(ex, sv)
		if err != nil {
			return nil, fmt.Errorf("mock: sign error answer: %w", err)
		}
		return soa.EncodeError(ex.err, sign), nil
	}
	sv, err := soa.MarshalValue(ex.value)
	if err != nil {
		return nil, fmt.Errorf("mock: encode answer: %w", err)
	}
	sign, err := s.sign(ex, sv)
	if err != nil {
		return nil, fmt.Errorf("mock: sign answer: %w", err)
	}
	return soa.EncodeOK(ex.params.SysID, sv, sign), nil
}

// sign signs an answer's signedValue with the platform key, or, for a
// scenario's bad-signature fault, signs another text so that the sign looks
// right and does not verify.
func (s *Server) sign(ex *exchange, signedValue string) (string, error) {
	if ex.fault == scenarios.BadSignature {
		signedValue += badSignatureSalt
	}
	return s.signs.Sign(signedValue)
}

// otherKeys are the keys other than sysid's own that may have made a wrong
// signature: the platform key first (the most common mix-up), then the
// configured known keys, then other applications' keys.
func (s *Server) otherKeys(sysid string) []diagnose.NamedKey {
	out := []diagnose.NamedKey{{Name: "platform private key", Key: &s.cfg.PlatformKey.PublicKey}}
	out = append(out, s.cfg.KnownKeys...)
	for _, a := range s.apps.All() {
		if a.SysID != sysid {
			out = append(out, diagnose.NamedKey{Name: "merchant key of sysid " + a.SysID, Key: a.Key})
		}
	}
	return out
}
