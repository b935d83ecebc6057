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
// decrypted with the merchant key where they can be; stderr names them.
func printAnswer(stdout, stderr io.Writer, c *client.Client, service, method string, raw json.RawMessage) int {
	doc, notes := decryptAnswer(c, service, method, raw)
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

// decryptAnswer decrypts the fields the catalogue says the platform
// encrypts in this method's answer (identityNo, cardNo...). A field that
// does not decrypt with the key stays as it came, and a note says so.
func decryptAnswer(c *client.Client, service, method string, raw json.RawMessage) (json.RawMessage, []string) {
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
		return raw, decryptNotes(nil, failed)
	}
	return bytes.TrimSpace(out.Bytes()), decryptNotes(plain, failed)
}

// decryptNotes tell which fields were decrypted, and which could not be.
func decryptNotes(plain, failed []string) []string {
	var notes []string
	if len(plain) > 0 {
		notes = append(notes, "decrypted with the merchant key (--key): "+strings.Join(plain, ", "))
	}
	if len(failed) > 0 {
		notes = append(notes, "not decrypted, it is not encrypted for --key: "+strings.Join(failed, ", "))
	}
	return notes
}

// explainCallError writes why the call got no OK answer and what to check,
// and returns the exit code.
func explainCallError(w io.Writer, err error, f callFlags, name string, rule client.Rule) int {
	var answer *client.Error
	if errors.As(err, &answer) {
		fmt.Fprintf(w, "tsymock call: %s answered errorCode %s %s\n", name, answer.Code, answer.Message)
		// A rule's errorCode (a recording's too) only replaces a hint that
		// would blame a setting; other codes print as they always did.
		if hint := codeHint(answer.Code, answer.Message, f); hint != "" && rule.ID != "" {
			fmt.Fprintf(w, "  check: nothing: a scenario rule answered this errorCode on purpose (rule %s)\n", rule.ID)
		} else if hint != "" {
			fmt.Fprintf(w, "  check: %s\n", hint)
		}
		return callErrorCode
	}
	if errors.Is(err, client.ErrBadSignature) {
		// The server did the call: only its answer cannot be trusted, so a
		// retry may meet what the first call created (30000 for a member).
		fmt.Fprintf(w, "tsymock call: an answer to %s came but its sign does not verify with --cert; the call may have taken effect: %v\n  check: %s\n",
			name, err, transportHint(err, f, rule))
		return callNoAnswer
	}
	fmt.Fprintf(w, "tsymock call: no answer to %s: %v\n  check: %s\n", name, err, transportHint(err, f, rule))
	return callNoAnswer
}

// codeHint is what to check for the errorCodes a wrong setting causes.
func codeHint(code, message string, f callFlags) string {
	switch {
	case code == "20019":
		return fmt.Sprintf("the key: --key (%s) must be the private key of the certificate the server has for sysid %s; "+
			"the server's log line for this call names the key it verified with and the likely mistake", keyName(f), f.sysid)
	case code == "10000" && strings.Contains(message, "timestamp"):
		return "the clock: requests carry this machine's time in China time (Asia/Shanghai); it must be within the server's " +
			"--skew of the server's clock (a server started with --clock stays at that time; one moved with POST /__tsymock/clock " +
			"runs on from where it was moved until {\"set\":\"system\"})"
	case code == "20017" && f.noEncrypt:
		return "the encrypted fields: this field is sent encrypted with the platform certificate; without --no-encrypt " +
			"tsymock call encrypts every field the catalogue encrypts (or name it with --encrypt PATH)"
	case code == "20017":
		return fmt.Sprintf("the encrypted fields: this field is sent encrypted with the platform certificate; tsymock call "+
			"encrypted the fields the catalogue encrypts and the --encrypt ones with --cert (%s), which must be the certificate "+
			"of the server's --platform-key; a field it left as given needs --encrypt PATH", certName(f))
	case code == "20000":
		return fmt.Sprintf("the sysid: the server has no application %s. The demo app is %s (unless the server runs with --no-demo-app); "+
			"register others with its --app SYSID=CERT or POST /__tsymock/apps, or start it with --auto-apps", f.sysid, demo.SysID)
	case code == "30019":
		return "the account set: use one that the message lists for this application; GET /__tsymock/apps shows every application's"
	}
	return ""
}

// transportHint is what to check when no answer could be trusted. An
// answer a scenario rule broke names the rule, not a setting of the
// caller's: the fault was asked for.
func transportHint(err error, f callFlags, rule client.Rule) string {
	var netErr net.Error
	switch {
	case rule.Fault != "":
		return fmt.Sprintf("nothing: a scenario rule forged this answer on purpose (rule %s, fault %s)", rule.ID, rule.Fault)
	case errors.Is(err, client.ErrBadSignature):
		return "the platform certificate: --cert (" + certName(f) + ") must be the certificate of the key the server signs with (its --platform-key)"
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("is tsymock serve running at %s? Its JSON ready line says where it listens (addr); --url sets the address", f.url)
	case errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("the server at %s did not answer in time: is it stopped (SIGSTOP) or a scenario delaying the call?", f.url)
	}
	return fmt.Sprintf("is %s a tsymock server's base URL (e.g. http://127.0.0.1:6900)?", f.url)
}

func keyName(f callFlags) string {
	if f.key == "" {
		return "the bundled demo merchant key"
	}
	return f.key
}

func certName(f callFlags) string {
	if f.cert == "" {
		return "the bundled " + demo.PlatformCertFile
	}
	return f.cert
}

// warnWouldFail writes, for a call tsymock answered that Allinpay's real
// test environment would refuse, each rule, the code it would answer and
// why, when the answer says (a server older than the reasons' header leaves
// them to its log); `serve --strict` refuses such calls.
func warnWouldFail(w io.Writer) func(service, method string, notes []client.WouldFail) {
	return func(service, method string, notes []client.WouldFail) {
		for _, n := range notes {
			why := "the server's log says why"
			if n.Reason != "" {
				why = n.Reason
			}
			fmt.Fprintf(w, "tsymock call: warning: %s.%s passed here, but Allinpay's test environment would answer %s "+
				"(rule %s: %s; serve --strict refuses it)\n", service, method, n.Code, n.Rule, why)
		}
	}
}
