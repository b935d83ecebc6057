package main

import (
	"bufio"
	"bytes"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/tsymock/tsymock/keys"
)

// cannedAnswer is the canned server's answer to the canned call, as the
// bare handler and WireMock repeat it: the body byte for byte and the
// headers tsymock sets itself (net/http's Date and Content-Length, and
// WireMock's own, are the servers' business).
type cannedAnswer struct {
	Header map[string]string `json:"header"`
	Body   []byte            `json:"body"`
}

// fetchAnswer sends one prepared request (raw HTTP/1.1 bytes, as the load
// generator sends it) to addr and returns the answer, which must be an OK
// envelope with status 200.
func fetchAnswer(addr string, raw []byte) (cannedAnswer, error) {
	req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return cannedAnswer{}, fmt.Errorf("bench: fetch: %w", err)
	}
	req.RequestURI, req.URL.Scheme, req.URL.Host = "", "http", addr
	t := &http.Transport{DisableKeepAlives: true}
	defer t.CloseIdleConnections()
	resp, err := (&http.Client{Transport: t, Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		return cannedAnswer{}, fmt.Errorf("bench: fetch: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return cannedAnswer{}, fmt.Errorf("bench: fetch: %w", err)
	}
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(`"status":"OK"`)) {
		return cannedAnswer{}, fmt.Errorf("bench: %s answered %s, not OK: %.300s", addr, resp.Status, body)
	}
	a := cannedAnswer{Header: map[string]string{}, Body: body}
	for _, name := range []string{"Content-Type", "X-Tsymock-Version"} {
		if v := resp.Header.Get(name); v != "" {
			a.Header[name] = v
		}
	}
	return a, nil
}

// readAnswer reads a cannedAnswer written as JSON (the bare server's
// --answer file).
func readAnswer(path string) (cannedAnswer, error) {
	var a cannedAnswer
	data, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(data, &a)
	}
	if err != nil {
		return a, fmt.Errorf("bench: canned answer: %w", err)
	}
	return a, nil
}

// bareHandler reads the request and writes the canned answer: the most a
// Go HTTP server does on this machine, against which tsymock's own
// overhead is measured.
func bareHandler(a cannedAnswer) http.Handler {
	length := strconv.Itoa(len(a.Body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		hdr := w.Header()
		for name, v := range a.Header {
			hdr[name] = []string{v}
		}
		hdr["Content-Length"] = []string{length}
		_, _ = w.Write(a.Body)
	})
}

// cryptoAnswer is the envelope the crypto handler writes, in the field
// order of the platform's answers.
type cryptoAnswer struct {
	SysID       string `json:"sysid"`
	Sign        string `json:"sign"`
	SignedValue string `json:"signedValue"`
	Status      string `json:"status"`
}

// cryptoHandler does the unavoidable work of a signed call and what any Go
// server does around it, nothing else: it reads the form with net/url,
// verifies the request's sign with the merchant key, signs a fresh answer
// (the req and timestamp: a different text every call) with the platform
// key and encodes it with encoding/json. Its throughput is the crypto
// floor as a Go HTTP server reaches it on this machine.
func cryptoHandler(merchant *rsa.PublicKey, platform *rsa.PrivateKey) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		sysid, req, ts := form.Get("sysid"), form.Get("req"), form.Get("timestamp")
		if err := keys.Verify(merchant, sysid+req+ts, form.Get("sign")); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		value := `{"req":` + strconv.Quote(req) + `,"timestamp":"` + ts + `"}`
		sign, err := keys.Sign(platform, value)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header()["Content-Type"] = []string{"application/json;charset=UTF-8"}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(cryptoAnswer{SysID: sysid, Sign: sign, SignedValue: value, Status: "OK"})
	})
}

// bareServer is a bare net/http server on loopback.
type bareServer struct {
	srv *http.Server
	ln  net.Listener
}

// startBare serves h on addr ("127.0.0.1:0" picks a free port).
func startBare(addr string, h http.Handler) (*bareServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("bench: bare server: %w", err)
	}
	b := &bareServer{srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}, ln: ln}
	go func() {
		if err := b.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = ln.Close()
		}
	}()
	return b, nil
}

// Addr is the bare server's host:port.
func (b *bareServer) Addr() string { return b.ln.Addr().String() }

// Close stops the bare server.
func (b *bareServer) Close() error { return b.srv.Close() }
