package proxy

import (
	"crypto/rsa"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// decoded is a forwarded call as far as tsymock can read it.
type decoded struct {
	// env is req decoded, nil when it is not a req tsymock reads; method is
	// its catalogue entry, nil unless it is a /service/soa method of the
	// catalogue (only those can be recorded).
	env    *soa.Envelope
	method *soa.Method
	// opened are the encrypted request fields tsymock's platform key opens
	// (the client encrypted them with tsymock's certificate), by concrete
	// path ("cardNo", "payMethod.QUICKPAY_VSP.bankCardNo"); sealed are the
	// ones it cannot open (encrypted for the real platform).
	opened map[string]string
	sealed map[string]bool
}

// decode reads the call's req and tries tsymock's key on its encrypted
// fields. It never fails: what it cannot read stays nil.
func (p *Proxy) decode(c Call) *decoded {
	d := &decoded{}
	env, serr := soa.DecodeReq(c.Req)
	if serr != nil {
		return d
	}
	d.env = env
	m, serr := p.cfg.Catalogue.Lookup(env.Service, env.Method)
	if serr != nil || m.PageFlow {
		return d
	}
	d.method = m
	d.opened, d.sealed = openFields(p.cfg.PlatformKey, m, env.Param)
	return d
}

// openFields tries key on the encrypted fields of param: those it opens,
// and the ciphertexts it cannot (a value sent in clear by mistake is
// neither: it is matched, masked, as it is).
func openFields(key *rsa.PrivateKey, m *soa.Method, param map[string]any) (opened map[string]string, sealed map[string]bool) {
	opened, sealed = map[string]string{}, map[string]bool{}
	_ = soa.WalkEncrypted(soa.CopyParams(param), m.EncryptedRequestPaths(), func(path, hex string) (string, error) {
		if plain, ok := open(key, hex); ok {
			opened[path] = plain
		} else if journal.IsCiphertext(hex) {
			sealed[path] = true
		}
		return hex, nil
	})
	return opened, sealed
}

// open decrypts a field with tsymock's platform key. A block that happens
// to unpad under the wrong key is vanishingly rare; the text must also be
// printable UTF-8, as every encrypted field (numbers, dates) is.
func open(key *rsa.PrivateKey, hex string) (string, bool) {
	plain, err := keys.DecryptField(key, hex)
	if err != nil || !utf8.ValidString(plain) {
		return "", false
	}
	if strings.ContainsFunc(plain, func(r rune) bool { return r < ' ' }) {
		return "", false
	}
	return plain, true
}

// refuseUnreadable answers a call whose encrypted fields the client
// encrypted with tsymock's certificate: the upstream cannot open them, and
// tsymock cannot encrypt them again for the upstream without breaking the
// merchant's signature over req. Such a call is not forwarded (nor
// recorded); the error says what to do instead.
func (p *Proxy) refuseUnreadable(d *decoded) *soa.Error {
	if len(d.opened) == 0 || p.sameKey() {
		return nil
	}
	paths := make([]string, 0, len(d.opened))
	for path := range d.opened {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	return soa.Errorf(soa.CodeDecryptFailed, "tsymock: %s was encrypted with tsymock's platform certificate, which the upstream cannot decrypt, "+
		"and re-encrypting it would break the merchant's signature; so the call was not forwarded. "+
		"Encrypt it with the real platform's certificate (pass-through mode, docs/record.md)", strings.Join(paths, ", "))
}

// sameKey reports whether the upstream's certificate is tsymock's own (one
// tsymock in front of another with the same platform key): then the
// upstream opens what tsymock opens.
func (p *Proxy) sameKey() bool {
	return p.cfg.UpstreamKey != nil && p.cfg.UpstreamKey.Equal(&p.cfg.PlatformKey.PublicKey)
}
