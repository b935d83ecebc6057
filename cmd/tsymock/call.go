package main

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

type callFlags struct {
	url      string
	sysid    string
	key      string
	password string
	cert     string
	get      bool
	encrypt  []string
}

func runCall(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f callFlags
	fs := pflag.NewFlagSet("call", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.url, "url", "http://127.0.0.1:6900", "server base URL")
	fs.StringVar(&f.sysid, "sysid", demo.SysID, "application to call as")
	fs.StringVar(&f.key, "key", "", "merchant private key (.pfx or PEM); default the bundled demo key")
	fs.StringVar(&f.password, "password", demo.PFXPassword, "password of a .pfx --key")
	fs.StringVar(&f.cert, "cert", "", "platform certificate (.cer); default the bundled TEST ONLY one")
	fs.BoolVar(&f.get, "get", false, "send a GET instead of a POST form")
	fs.StringSliceVar(&f.encrypt, "encrypt", nil, "top-level param fields to encrypt with the platform certificate before sending (e.g. identityNo,cardNo)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tsymock call SERVICE METHOD 'PARAM-JSON' [flags]\n\nSend one signed call and print the verified signedValue, its encrypted fields\ndecrypted with the merchant key; a call that passed here but that Allinpay's\ntest environment would refuse is warned about on stderr. Example:\n  tsymock call MemberService createMember '{\"bizUserId\":\"u1\",\"memberType\":3,\"source\":1}'\n\nExit codes: 0 an OK answer (on stdout); 1 an errorCode (on stderr, with what to\ncheck); 2 a wrong command line or key file; 3 no answer to trust (nothing at\n--url, not tsymock, or a sign that does not verify with --cert).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 3 {
		fs.Usage()
		return callUsage
	}
	return call(ctx, f, fs.Args(), stdout, stderr)
}

// call sends SERVICE METHOD PARAM-JSON and prints the answer, or what went
// wrong and what to check; it returns the exit code.
func call(ctx context.Context, f callFlags, args []string, stdout, stderr io.Writer) int {
	c, err := callClient(f, stderr)
	var param map[string]any
	if err == nil {
		param, err = callParam(c, args[2], f.encrypt)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tsymock call: %v\n", err)
		return callUsage
	}
	raw, err := c.Call(ctx, args[0], args[1], param)
	if err != nil {
		return explainCallError(stderr, err, f, args[0]+"."+args[1])
	}
	return printAnswer(stdout, stderr, c, args[0], args[1], raw)
}

// callParam reads PARAM-JSON, numbers kept as written, and encrypts the
// --encrypt fields with the platform certificate.
func callParam(c *client.Client, text string, encrypt []string) (map[string]any, error) {
	param := map[string]any{}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(&param); err != nil {
		return nil, fmt.Errorf("PARAM-JSON is not a JSON object: %w", err)
	}
	for _, name := range encrypt {
		if s, ok := param[name].(string); ok {
			enc, err := c.Encrypt(s)
			if err != nil {
				return nil, err
			}
			param[name] = enc
		}
	}
	return param, nil
}

// callClient builds the client from flags, the demo material filling in
// what they leave out; what tsymock says the real test environment would
// refuse goes to stderr (see warnWouldFail).
func callClient(f callFlags, stderr io.Writer) (*client.Client, error) {
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
	opts := []client.Option{client.WithWouldFail(warnWouldFail(stderr))}
	if f.get {
		opts = append(opts, client.WithGET())
	}
	return client.New(f.url, f.sysid, key, cert, opts...)
}
