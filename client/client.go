// Package client is a Go SDK for Tongshangyun API v2.0: it signs requests,
// sends them to /service/soa (POST by default, GET on request), verifies the
// signature of every answer (errors included), and encrypts and decrypts the
// sensitive fields.
//
// It works against tsymock and, with the real keys and URL, against the
// platform. It deliberately shares no code with the mock server, only the
// signature scheme (package keys) and the envelope (internal/soa), which are
// guarded by known-answer vectors made with openssl.
package client

import (
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// ErrBadSignature is returned (wrapped) when an answer's sign does not verify
// with the platform certificate. The answer must not be trusted.
var ErrBadSignature = errors.New("client: response signature does not verify")

// Error is an error answer of the platform: status "error" with its code.
type Error struct {
	Code    string
	Message string
}

// Error formats the code and message.
func (e *Error) Error() string { return "client: " + e.Code + " " + e.Message }

// Client calls one application (sysid). It is safe for concurrent use.
type Client struct {
	endpoint string
	sysid    string
	key      *rsa.PrivateKey
	platform *rsa.PublicKey
	http     *http.Client
	now      func() time.Time
	get      bool
	// wouldFail hears of the calls tsymock let pass that the real test
	// environment refuses (WithWouldFail).
	wouldFail func(service, method string, notes []WouldFail)
	// rule hears of the scenario rules that answered a call (WithRule).
	rule func(service, method string, rule Rule)
	// methods tells the typed calls which fields to encrypt and decrypt.
	methods *soa.Catalogue
}

// Option changes how a Client works.
type Option func(*Client)

// WithHTTPClient sends requests with h instead of a client with a 30 s
// timeout.
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithClock takes request timestamps from now instead of the system clock.
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithGET sends requests as GET with the parameters in the query string;
// the default is a POST form, as the official Java SDK sends.
func WithGET() Option { return func(c *Client) { c.get = true } }

// New returns a client for baseURL (e.g. "http://127.0.0.1:6900"; a URL that
// already ends in /service/soa is used as it is), calling as sysid, signing
// with the merchant's private key and verifying answers with the platform's
// certificate.
func New(baseURL, sysid string, key *rsa.PrivateKey, platformCert *x509.Certificate, opts ...Option) (*Client, error) {
	if key == nil || platformCert == nil {
		return nil, errors.New("client: a merchant private key and the platform certificate are required")
	}
	pub, ok := platformCert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, errors.New("client: the platform certificate does not hold an RSA key")
	}
	if sysid == "" || baseURL == "" {
		return nil, errors.New("client: baseURL and sysid are required")
	}
	c := &Client{
		endpoint: endpoint(baseURL),
		sysid:    sysid,
		key:      key,
		platform: pub,
		http:     &http.Client{Timeout: 30 * time.Second},
		now:      time.Now,
		methods:  soa.DefaultCatalogue(),
	}
	for _, o := range opts {
		o(c)
	}
	return c, nil
}

// NewFromFiles is New with the key material read from files: the merchant
// key as a .pfx/.p12 (with password) or a PEM private key, and the platform
// certificate as a .cer (PEM or DER).
func NewFromFiles(baseURL, sysid, keyPath, password, certPath string, opts ...Option) (*Client, error) {
	key, err := keys.LoadPrivateKeyFile(keyPath, password)
	if err != nil {
		return nil, fmt.Errorf("client: %w", err)
	}
	cert, err := keys.LoadCertificateFile(certPath)
	if err != nil {
		return nil, fmt.Errorf("client: %w", err)
	}
	return New(baseURL, sysid, key, cert, opts...)
}

func endpoint(base string) string {
	base = strings.TrimRight(base, "/")
	if strings.HasSuffix(base, "/service/soa") {
		return base
	}
	return base + "/service/soa"
}

// SysID returns the application the client calls as.
func (c *Client) SysID() string { return c.sysid }

// Encrypt encrypts a sensitive request field (identityNo, cardNo, ...) with
// the platform certificate, as upper-case hex.
func (c *Client) Encrypt(plain string) (string, error) {
	return keys.EncryptField(c.platform, plain)
}

// Decrypt opens a sensitive field of an answer with the merchant key.
func (c *Client) Decrypt(hexText string) (string, error) {
	return keys.DecryptField(c.key, hexText)
}
