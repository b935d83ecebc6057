package load

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// cannedValue is the answer builtin:balances gives for CannedBizUserID,
// as the mock encodes it.
const cannedValue = `{"allAmount":100000000,"freezenAmount":0}`

// CannedBody is the body the mock writes for the canned call, signed with
// the platform key: byte for byte what a server started with --scenarios
// builtin:balances answers.
func CannedBody(platform *rsa.PrivateKey, sysid string) ([]byte, error) {
	sign, err := keys.Sign(platform, cannedValue)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	return soa.EncodeOK(sysid, cannedValue, sign), nil
}

// BareHandler reads the request and writes fixed bytes with the mock's
// headers: the most a Go HTTP server can do on this machine, against which
// the mock's own overhead is measured.
func BareHandler(body []byte) http.Handler {
	length := strconv.Itoa(len(body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		writeBody(w, length, body)
	})
}

func writeBody(w http.ResponseWriter, length string, body []byte) {
	hdr := w.Header()
	hdr["Content-Type"] = []string{soa.ContentType}
	hdr["Content-Length"] = []string{length}
	hdr["X-Tsymock-Version"] = []string{"bare"}
	_, _ = w.Write(body)
}

// CryptoHandler does the unavoidable work of a signed call and nothing
// else: it verifies the request's sign with the merchant key and signs a
// fresh answer (the req and timestamp: a different text every call) with
// the platform key. Its throughput is the crypto floor as a Go HTTP
// server reaches it on this machine, next to this load generator.
func CryptoHandler(merchant *rsa.PublicKey, platform *rsa.PrivateKey) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		values, err := form.Parse(string(body))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		p := form.ParamsFrom(values)
		if err := keys.Verify(merchant, p.SysID+p.Req+p.Timestamp, p.Sign); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		value := `{"req":` + strconv.Quote(p.Req) + `,"timestamp":"` + p.Timestamp + `"}`
		sign, err := keys.Sign(platform, value)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		answer := soa.EncodeOK(p.SysID, value, sign)
		writeBody(w, strconv.Itoa(len(answer)), answer)
	})
}

// BareServer is a bare net/http server on loopback.
type BareServer struct {
	srv *http.Server
	ln  net.Listener
}

// StartBare serves h on addr ("127.0.0.1:0" picks a free port).
func StartBare(addr string, h http.Handler) (*BareServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("load: bare server: %w", err)
	}
	b := &BareServer{srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}, ln: ln}
	go func() {
		if err := b.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = ln.Close()
		}
	}()
	return b, nil
}

// Addr is the bare server's host:port.
func (b *BareServer) Addr() string { return b.ln.Addr().String() }

// Close stops the bare server.
func (b *BareServer) Close() error { return b.srv.Close() }
