package rpc

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// decryptFields replaces every encrypted request field by its plaintext.
// Merchants encrypt them with the platform certificate, so the platform key
// opens them; one that does not open is 20017, naming the field.
func (h *Handler) decryptFields(ex *exchange) *soa.Error {
	err := soa.WalkEncrypted(ex.env.Param, ex.method.EncryptedRequestPaths(), func(path, hex string) (string, error) {
		plain, err := keys.DecryptField(h.cfg.PlatformKey, hex)
		if err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
		return plain, nil
	})
	if err != nil {
		return soa.Errorf("20017", "%v (encrypt it with the platform certificate, RSA PKCS#1 v1.5, upper-case hex)", err)
	}
	return nil
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
