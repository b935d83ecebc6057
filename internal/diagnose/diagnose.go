// Package diagnose explains why a request signature did not verify.
//
// keys.Diagnose recovers the digest inside the signature and recognises the
// scheme mistakes (another hash, a skipped MD5 or Base64 step, another key).
// This package adds what only the server knows: the request's parts (a
// re-serialised req, sysid or timestamp left out of the signed text) and
// every other key tsymock holds (the platform key, the demo key, other
// applications' keys), so the log line can name the exact mistake.
package diagnose

import (
	"crypto"
	"crypto/rsa"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/keys"
)

// NamedKey is a public key tsymock knows, with a name a user recognises, in
// the language of the diagnosis it goes into.
type NamedKey struct {
	Name string
	Key  *rsa.PublicKey
}

// Input is what the request carried and which key it was checked with.
type Input struct {
	SysID, Req, Timestamp, Sign string
	// Key is the merchant key registered for SysID.
	Key *rsa.PublicKey
	// Others are the other keys tsymock knows.
	Others []NamedKey
	// Lang is the language of the Report's Cause: English by default, as
	// the log and --sign-hints always had it.
	Lang lang.Lang
}

// Report is the outcome of a diagnosis. Every field is safe to log.
type Report struct {
	// MD5Base64 is the text the signature must cover:
	// Base64(MD5(sysid+req+timestamp)).
	MD5Base64 string
	// Fingerprint identifies the key the signature was checked with.
	Fingerprint string
	// Cause names the mistake in one sentence, with what to do instead, in
	// Input.Lang.
	Cause string
	// Reason names it in a word, for counting: ReasonMissing, or the
	// keys.Cause the signature itself showed ("other-key", "wrong-hash",
	// "source-differs", ...).
	Reason string
}

// ReasonMissing is the Reason of a request without a sign.
const ReasonMissing = "missing-sign"

// Run diagnoses a signature that did not verify.
func Run(in Input) Report {
	source := in.SysID + in.Req + in.Timestamp
	reason, text := cause(in, source)
	return Report{
		MD5Base64:   keys.MD5Base64(source),
		Fingerprint: keys.Fingerprint(in.Key),
		Cause:       text.In(in.Lang),
		Reason:      reason,
	}
}

// cause is the mistake's reason and sentence.
func cause(in Input, source string) (reason string, text lang.Message) {
	if in.Sign == "" {
		return ReasonMissing, msg(msgMissingSign)
	}
	d := keys.Diagnose(in.Key, source, in.Sign)
	switch d.Cause {
	case keys.CauseKeySize, keys.CauseOtherKey:
		return string(d.Cause), wrongKey(in, keysWords(in, d))
	case keys.CauseSourceDiffers:
		if c, ok := textMistake(in, d.Hash); ok {
			return string(d.Cause), c
		}
	}
	return string(d.Cause), keysWords(in, d)
}

// wrongKey names the key among those tsymock knows that made the signature.
func wrongKey(in Input, fallback lang.Message) lang.Message {
	for _, k := range in.Others {
		if _, _, err := keys.RecoverDigest(k.Key, in.Sign); err == nil {
			return msg(msgSignedWithKnown, k.Name, keys.Fingerprint(k.Key), in.SysID, keys.Fingerprint(in.Key))
		}
	}
	return msg(msgUnknownKey, fallback, in.SysID, keys.Fingerprint(in.Key))
}

// textMistake looks for the text the right key actually signed among those
// clients commonly sign by mistake.
func textMistake(in Input, hash crypto.Hash) (lang.Message, bool) {
	digest := func(text string) string {
		h := hash.New()
		h.Write([]byte(keys.MD5Base64(text)))
		return string(h.Sum(nil))
	}
	_, got, err := keys.RecoverDigest(in.Key, in.Sign)
	if err != nil || !hash.Available() {
		return lang.Message{}, false
	}
	for _, c := range candidates(in) {
		if digest(c.text) == string(got) {
			return c.cause, true
		}
	}
	return lang.Message{}, false
}

// candidate is a text a client may have signed instead of
// sysid+req+timestamp, and what to tell the user when it did.
type candidate struct {
	text  string
	cause lang.Message
}

// candidates lists the usual wrong texts, the most common mistakes first.
func candidates(in Input) []candidate {
	cs := []candidate{
		{in.Req + in.Timestamp, msg(msgNoSysID)},
		{in.SysID + in.Req, msg(msgNoTimestamp)},
		{in.Req, msg(msgNeither)},
		{in.Timestamp + in.Req + in.SysID, msg(msgWrongOrder)},
	}
	for _, f := range reserialisations(in.Req) {
		cs = append(cs, candidate{in.SysID + f.text + in.Timestamp, msg(msgReserialised, msg(f.name))})
	}
	return cs
}
