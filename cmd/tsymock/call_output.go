package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys/demo"
)

// The exit codes of "tsymock call" (its --help and the README list them).
const (
	callOK        = 0 // an OK answer, its sign verified, printed on stdout
	callErrorCode = 1 // the server answered with an errorCode; stderr says what to check
	callUsage     = 2 // the command line, or a key file it names, is wrong
	callNoAnswer  = 3 // no answer to trust: nothing listens at --url, it is not tsymock, or the answer's sign is wrong
)

// printAnswer writes an OK answer as indented JSON, its encrypted fields
// decrypted with the merchant key where they can be; stderr names them, in
// l.
func printAnswer(stdout, stderr io.Writer, c *client.Client, service, method string, raw json.RawMessage, l lang.Lang) int {
	doc, notes := decryptAnswerIn(c, service, method, raw, l)
	var out bytes.Buffer
	if json.Indent(&out, doc, "", "  ") != nil {
		out.Reset()
		out.Write(doc)
	}
	fmt.Fprintln(stdout, out.String())
	for _, note := range notes {
		fmt.Fprintf(stderr, "tsymock call: %s\n", note)
	}
	return callOK
}

// decryptAnswer is decryptAnswerIn with its notes in English.
func decryptAnswer(c *client.Client, service, method string, raw json.RawMessage) (json.RawMessage, []string) {
	return decryptAnswerIn(c, service, method, raw, lang.English)
}

// decryptAnswerIn decrypts the fields the catalogue says the platform
// encrypts in this method's answer (identityNo, cardNo...). A field that
// does not decrypt with the key stays as it came, and a note in l says so.
func decryptAnswerIn(c *client.Client, service, method string, raw json.RawMessage, l lang.Lang) (json.RawMessage, []string) {
	m, serr := soa.DefaultCatalogue().Lookup(service, method)
	if serr != nil || len(m.EncryptedResponse) == 0 {
		return raw, nil
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&doc) != nil {
		return raw, nil
	}
	var plain, failed []string
	_ = soa.WalkEncrypted(doc, m.EncryptedResponse, func(path, hexText string) (string, error) {
		text, err := c.Decrypt(hexText)
		if err != nil {
			failed = append(failed, path)
			return hexText, nil
		}
		plain = append(plain, path)
		return text, nil
	})
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if len(plain) == 0 || enc.Encode(doc) != nil {
		return raw, decryptNotes(nil, failed, l)
	}
	return bytes.TrimSpace(out.Bytes()), decryptNotes(plain, failed, l)
}

// decryptNotes tell which fields were decrypted, and which could not be.
func decryptNotes(plain, failed []string, l lang.Lang) []string {
	var notes []string
	if len(plain) > 0 {
		notes = append(notes, say(l, msgDecrypted, strings.Join(plain, ", ")))
	}
	if len(failed) > 0 {
		notes = append(notes, say(l, msgNotDecrypted, strings.Join(failed, ", ")))
	}
	return notes
}

// explainCallError writes why the call got no OK answer and what to check,
// in f.people, and returns the exit code.
func explainCallError(w io.Writer, err error, f callFlags, name string, rule client.Rule) int {
	l := f.people
	var answer *client.Error
	if errors.As(err, &answer) {
		fmt.Fprintf(w, "tsymock call: %s\n", say(l, msgAnswered, name, answer.Code, answer.Message))
		// A rule's errorCode (a recording's too) only replaces a hint that
		// would blame a setting; other codes print as they always did.
		if hint := codeHint(answer.Code, answer.Message, f); hint != "" && rule.ID != "" {
			fmt.Fprint(w, say(l, msgCheck, say(l, msgRuleAnswered, rule.ID)))
		} else if hint != "" {
			fmt.Fprint(w, say(l, msgCheck, hint))
		}
		return callErrorCode
	}
	if errors.Is(err, client.ErrBadSignature) {
		// The server did the call: only its answer cannot be trusted, so a
		// retry may meet what the first call created (30000 for a member).
		fmt.Fprintf(w, "tsymock call: %s\n%s", say(l, msgBadSign, name, err), say(l, msgCheck, transportHint(err, f, rule)))
		return callNoAnswer
	}
	fmt.Fprintf(w, "tsymock call: %s\n%s", say(l, msgNoAnswer, name, err), say(l, msgCheck, transportHint(err, f, rule)))
	return callNoAnswer
}

// codeHint is what to check for the errorCodes a wrong setting causes.
func codeHint(code, message string, f callFlags) string {
	l := f.people
	switch {
	case code == "20019":
		return say(l, msgHint20019, keyName(f), f.sysid)
	case code == "10000" && strings.Contains(message, "timestamp"):
		return say(l, msgHintClock)
	case code == "20017" && f.noEncrypt:
		return say(l, msgHint20017NoEncrypt)
	case code == "20017":
		return say(l, msgHint20017, certName(f))
	case code == "20000":
		return say(l, msgHint20000, f.sysid, demo.SysID)
	case code == "30019":
		return say(l, msgHint30019)
	}
	return ""
}

// transportHint is what to check when no answer could be trusted. An
// answer a scenario rule broke names the rule, not a setting of the
// caller's: the fault was asked for.
func transportHint(err error, f callFlags, rule client.Rule) string {
	l := f.people
	var netErr net.Error
	switch {
	case rule.Fault != "":
		return say(l, msgHintFault, rule.ID, rule.Fault)
	case errors.Is(err, client.ErrBadSignature):
		return say(l, msgHintCert, certName(f))
	case errors.Is(err, syscall.ECONNREFUSED):
		return say(l, msgHintRefused, f.url)
	case errors.As(err, &netErr) && netErr.Timeout():
		return say(l, msgHintTimeout, f.url)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		return say(l, msgHintClosed, f.url)
	}
	return say(l, msgHintURL, f.url)
}

func keyName(f callFlags) string {
	if f.key == "" {
		return say(f.people, msgBundledKey)
	}
	return f.key
}

func certName(f callFlags) string {
	if f.cert == "" {
		return say(f.people, msgBundledCert, demo.PlatformCertFile)
	}
	return f.cert
}

// warnWouldFail writes, for a call tsymock answered that Allinpay's real
// test environment would refuse, each rule, the code it would answer and
// why, when the answer says (a server older than the reasons' header leaves
// them to its log); `serve --strict` refuses such calls.
func warnWouldFail(w io.Writer, l lang.Lang) func(service, method string, notes []client.WouldFail) {
	return func(service, method string, notes []client.WouldFail) {
		for _, n := range notes {
			why := say(l, msgLogSaysWhy)
			if n.Reason != "" {
				why = n.Reason
			}
			fmt.Fprintf(w, "tsymock call: %s\n", say(l, msgWouldFail, service, method, n.Code, n.Rule, why))
		}
	}
}
