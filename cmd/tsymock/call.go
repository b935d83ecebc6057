package main

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

type callFlags struct {
	url       string
	sysid     string
	key       string
	password  string
	cert      string
	get       bool
	encrypt   []string
	noEncrypt bool
	// lang is --lang; people is it resolved (auto: the locale's language),
	// the language of call's own lines and hints.
	lang   string
	people lang.Lang
}

func runCall(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f callFlags
	fs := pflag.NewFlagSet("call", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.url, "url", defaultURL(), "server base URL; the default follows $"+addrEnv)
	fs.StringVar(&f.sysid, "sysid", demo.SysID, "application to call as")
	fs.StringVar(&f.key, "key", "", "merchant private key (.pfx or PEM); default the bundled demo key")
	fs.StringVar(&f.password, "password", demo.PFXPassword, "password of a .pfx --key")
	fs.StringVar(&f.cert, "cert", "", "platform certificate (.cer); default the bundled TEST ONLY one")
	fs.BoolVar(&f.get, "get", false, "send a GET instead of a POST form")
	fs.StringSliceVar(&f.encrypt, "encrypt", nil, "more param fields to encrypt with the platform certificate, as dotted paths (e.g. companyBasicInfo.legalIds); "+
		"the fields the catalogue encrypts need not be named")
	fs.BoolVar(&f.noEncrypt, "no-encrypt", false, "send PARAM-JSON as given: do not encrypt the fields the catalogue encrypts (only --encrypt ones)")
	fs.StringVar(&f.lang, "lang", defaultLang(), "language of call's own lines and hints: auto (the locale's: LC_ALL, LC_MESSAGES, LANG; Chinese for a UTF-8 zh locale), "+
		"en or zh (中文; also written as a locale: zh_CN.UTF-8, zh-CN, ZH); "+
		"the default follows $"+langEnv+"; the server's answer is in the server's --lang")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tsymock call SERVICE METHOD 'PARAM-JSON' [flags]\n\nSend one signed call and print the verified signedValue, its encrypted fields\ndecrypted with the merchant key; a call that passed here but that Allinpay's\ntest environment would refuse is warned about on stderr. The request's fields\nthat the platform takes encrypted (identityNo, payMethod.*.bankCardNo,\ncompanyBasicInfo.legalIds...) are encrypted with --cert before sending, unless\n--no-encrypt or the value is already upper-case hex ciphertext. Example:\n  tsymock call MemberService createMember '{\"bizUserId\":\"u1\",\"memberType\":3,\"source\":1}'\n\nExit codes: 0 an OK answer (on stdout); 1 an errorCode (on stderr, with what to\ncheck); 2 a wrong command line or key file; 3 no answer to trust (nothing at\n--url, not tsymock, or a sign that does not verify with --cert: the call may have taken effect).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 3 {
		fs.Usage()
		return callUsage
	}
	people, err := peopleLang(f.lang, fs.Changed("lang"))
	if err != nil {
		fmt.Fprintf(stderr, "tsymock call: %v\n", err)
		return callUsage
	}
	f.people = people
	return call(ctx, f, fs.Args(), stdout, stderr)
}

// call sends SERVICE METHOD PARAM-JSON and prints the answer, or what went
// wrong and what to check; it returns the exit code.
func call(ctx context.Context, f callFlags, args []string, stdout, stderr io.Writer) int {
	var rule client.Rule // the scenario rule behind the answer, if one made or broke it
	c, err := callClient(f, stderr, &rule)
	var param map[string]any
	var sealed []string
	if err == nil {
		param, sealed, err = callParam(c, args[0], args[1], args[2], f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tsymock call: %v\n", err)
		return callUsage
	}
	if len(sealed) > 0 {
		fmt.Fprintf(stderr, "tsymock call: %s\n", say(f.people, msgSealed, strings.Join(sealed, ", ")))
	}
	raw, err := c.Call(ctx, args[0], args[1], param)
	if err != nil {
		return explainCallError(stderr, err, f, args[0]+"."+args[1], rule)
	}
	return printAnswer(stdout, stderr, c, args[0], args[1], raw, f.people)
}

// callParam reads PARAM-JSON, numbers kept as written, and encrypts with
// the platform certificate the fields the catalogue says the platform takes
// encrypted (unless --no-encrypt) and the --encrypt ones. It returns the
// concrete paths it encrypted. A value that is already ciphertext is left
// alone, so that a PARAM-JSON encrypted by hand still works.
func callParam(c *client.Client, service, method, text string, f callFlags) (map[string]any, []string, error) {
	param := map[string]any{}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(&param); err != nil {
		return nil, nil, fmt.Errorf("PARAM-JSON is not a JSON object: %w", err)
	}
	var catalogue []string
	if m, serr := soa.DefaultCatalogue().Lookup(service, method); serr == nil {
		catalogue = m.EncryptedRequestPaths()
	}
	var sealed []string
	seal := func(path, value string) (string, error) {
		if slices.Contains(sealed, path) || looksEncrypted(value) {
			return value, nil
		}
		enc, err := c.Encrypt(value)
		if err != nil {
			return "", fmt.Errorf("encrypt %s: %w", path, err)
		}
		sealed = append(sealed, path)
		return enc, nil
	}
	if !f.noEncrypt {
		if err := soa.WalkEncrypted(param, catalogue, seal); err != nil {
			return nil, nil, fmt.Errorf("%w (--no-encrypt sends PARAM-JSON as given)", err)
		}
	}
	for _, name := range f.encrypt {
		paths := encryptPaths(name, catalogue)
		found := false
		err := soa.WalkEncrypted(param, paths, func(path, value string) (string, error) {
			found = true
			return seal(path, value)
		})
		if err != nil {
			return nil, nil, err
		}
		if !found {
			return nil, nil, fmt.Errorf("--encrypt %s: PARAM-JSON has no value at %s%s", name, strings.Join(paths, " or "), catalogueNote(service, method, catalogue))
		}
	}
	return param, sealed, nil
}

// encryptPaths are the paths an --encrypt NAME stands for: the catalogue's
// encrypted paths that end with it (legalIds is companyBasicInfo.legalIds),
// else NAME itself as a dotted path.
func encryptPaths(name string, catalogue []string) []string {
	var paths []string
	for _, p := range catalogue {
		if p == name || strings.HasSuffix(p, "."+name) {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		paths = []string{name}
	}
	return paths
}

// catalogueNote names the fields the catalogue encrypts for a method, for
// an --encrypt name that matched nothing.
func catalogueNote(service, method string, catalogue []string) string {
	if len(catalogue) == 0 {
		return fmt.Sprintf(" (the catalogue encrypts no field of %s.%s)", service, method)
	}
	return fmt.Sprintf(" (the catalogue encrypts these fields of %s.%s, without --encrypt: %s)", service, method, strings.Join(catalogue, ", "))
}

// minCipherHex is the shortest value taken for ciphertext already: a
// 1024-bit key's block as hex. No plain field the platform encrypts (an
// identity or card number) is that long.
const minCipherHex = 256

// looksEncrypted reports whether a value is already what Encrypt makes:
// long upper-case hex, whole bytes.
func looksEncrypted(value string) bool {
	if len(value) < minCipherHex || len(value)%2 != 0 {
		return false
	}
	return strings.Trim(value, "0123456789ABCDEF") == ""
}

// withScheme is a --url given as HOST:PORT (as --addr and $TSYMOCK_ADDR
// are) made an http URL; a URL stays as it is.
func withScheme(raw string) string {
	if strings.Contains(raw, "://") {
		return raw
	}
	return "http://" + raw
}

// callClient builds the client from flags, the demo material filling in
// what they leave out; what tsymock says the real test environment would
// refuse goes to stderr (see warnWouldFail), and the scenario rule that
// made or broke an answer into rule.
func callClient(f callFlags, stderr io.Writer, rule *client.Rule) (*client.Client, error) {
	material, err := demo.Load()
	if err != nil {
		return nil, err
	}
	var key *rsa.PrivateKey = material.MerchantKey
	var cert *x509.Certificate = material.PlatformCert
	if f.key != "" {
		if key, err = keys.LoadPrivateKeyFile(f.key, f.password); err != nil {
			return nil, err
		}
	}
	if f.cert != "" {
		if cert, err = keys.LoadCertificateFile(f.cert); err != nil {
			return nil, err
		}
	}
	opts := []client.Option{client.WithWouldFail(warnWouldFail(stderr, f.people)),
		client.WithRule(func(_, _ string, r client.Rule) { *rule = r })}
	if f.get {
		opts = append(opts, client.WithGET())
	}
	return client.New(withScheme(f.url), f.sysid, key, cert, opts...)
}
