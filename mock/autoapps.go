package mock

import (
	"crypto/rsa"
	"io/fs"
	"slices"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// autoKeys are the keys that register an unknown sysid on first use: the
// configured ones, or else the bundled demo merchant key, so that a CI job
// can pick any sysid and sign with the demo key without any setup.
func autoKeys(configured []*rsa.PublicKey) []*rsa.PublicKey {
	if len(configured) > 0 {
		return slices.Clone(configured)
	}
	b, err := fs.ReadFile(demo.Files(), demo.MerchantCertFile)
	if err != nil {
		return nil
	}
	cert, err := keys.ParseCertificate(b)
	if err != nil {
		return nil
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil
	}
	return []*rsa.PublicKey{pub}
}

// autoApp registers an unknown sysid whose request is signed with one of
// the auto keys (Config.AutoApps), and reports whether it did. Anything
// else stays unknown: 20000, as the platform answers.
func (s *Server) autoApp(p form.Params) (App, bool) {
	if len(s.ctl.autoKeys) == 0 || p.SysID == "" || p.Sign == "" {
		return App{}, false
	}
	for _, k := range s.ctl.autoKeys {
		if keys.Verify(k, p.SysID+p.Req+p.Timestamp, p.Sign) != nil {
			continue
		}
		a := App{SysID: p.SysID, Key: k}
		if err := s.registerApp(a, OriginAuto); err != nil {
			return App{}, false
		}
		if s.store != nil {
			if err := s.store.keepApp(a, OriginAuto); err != nil {
				s.log.Error("application registered on first use is not kept", "sysid", p.SysID, "err", err)
			}
		}
		s.log.Info("application registered on first use", "sysid", p.SysID, "key", keys.Fingerprint(k))
		return a, true
	}
	return App{}, false
}
