package apps

import (
	"crypto/rsa"
	"slices"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// AutoKeys are the keys that register an unknown sysid on its first
// request (mock.Config.AutoApps): a request signed with one of them makes
// its sysid an application with that key.
type AutoKeys []*rsa.PublicKey

// NewAutoKeys returns the configured keys, or else the bundled demo
// merchant key, so that a CI job can pick any sysid and sign with the demo
// key without any setup.
func NewAutoKeys(configured []*rsa.PublicKey) AutoKeys {
	if len(configured) > 0 {
		return slices.Clone(configured)
	}
	pub, err := demo.MerchantPublicKey()
	if err != nil {
		return nil
	}
	return AutoKeys{pub}
}

// Match returns the key that signed p, if one of k did. Anything else
// stays unknown: 20000, as the platform answers.
func (k AutoKeys) Match(p form.Params) (*rsa.PublicKey, bool) {
	if p.SysID == "" || p.Sign == "" {
		return nil, false
	}
	for _, key := range k {
		if keys.Verify(key, p.SysID+p.Req+p.Timestamp, p.Sign) == nil {
			return key, true
		}
	}
	return nil, false
}
