package e2e

import (
	"bytes"
	"crypto"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
)

// The notification readers of public Tongshangyun clients, re-stated in Go
// from reading them: how each takes sysid, rps, timestamp and sign off the
// request tsymock sent (a POST form to backUrl, or the browser's GET of
// jumpUrl/frontUrl), what text it verifies the sign over, how it decodes
// the sign, and what it then reads from the rps. Each step names the file
// it comes from; where a client leaves a step to the framework it runs in
// (Tomcat, PHP, koa, net/http), the framework's rule is used.

// inbound is one request as a merchant's server received it.
type inbound struct {
	Method      string
	Path        string
	RawQuery    string
	ContentType string
	Body        []byte
}

// isReturn reports whether the request is the browser's return to
// jumpUrl/frontUrl (a GET) rather than a backUrl notification (a POST).
func (in inbound) isReturn() bool { return in.Method == http.MethodGet }

// merchantConf is what a merchant configures in its client: its own sysid
// and the platform certificate it was handed (PEM, as TEST-ONLY-platform.cer).
type merchantConf struct {
	sysid   string
	certPEM []byte
}

// notifyClient is one public client's reading of an inbound request: the
// rps as the client decoded it, or why the client refuses the request.
type notifyClient struct {
	name string
	read func(conf merchantConf, in inbound) (map[string]any, error)
}

// notifyClients are the readers this project checks tsymock against.
func notifyClients() []notifyClient {
	return []notifyClient{
		{"Java: official SDK RSAUtil.verify in a servlet merchant", readJava},
		{"PHP: LazyBenches/allInPay callBackRequest", readLazyBench},
		{"Go: Rellopn/yunst2 VerifySign2", readYunst2},
		{"Node: coajs/coa-allin-pay getVerifyData", readCoa},
	}
}

// readJava is a Java merchant on the official SDK (com.allinpay.yunst.sdk):
// index file 9862067067 (a Spring controller's checkSign) reads the
// parameters with request.getParameter only when the Content-Type contains
// "application/x-www-form-urlencoded", verifies RSAUtil.verify(publicKey,
// sysid + rps + timestamp, sign) (spec §3.4's code: MD5, Base64, SHA1WithRSA
// over UTF-8), then new JSONObject(rps).getJSONObject("returnValue") and,
// for verifyResult, (Integer) map.get("result"); index file 29167696594
// (a wallet's NotifyService, the same RSAUtil.verify over a Spring
// parameter map) records a signContract only when its YunstNotify's
// contractNo is not blank. The JSP demo of index file 33953230988 reads the
// browser's return the same way, without the Content-Type test.
func readJava(conf merchantConf, in inbound) (map[string]any, error) {
	if !in.isReturn() && !strings.Contains(in.ContentType, "application/x-www-form-urlencoded") {
		return nil, fmt.Errorf("java: Content-Type %q is not read as a form", in.ContentType)
	}
	p, err := tomcatParams(in)
	if err != nil {
		return nil, err
	}
	pub, err := platformKey(conf.certPEM)
	if err != nil {
		return nil, err
	}
	// java.util.Base64.getDecoder() is the strictest decoder a merchant may use.
	sig, err := base64.StdEncoding.DecodeString(javaString(p, "sign"))
	if err != nil {
		return nil, fmt.Errorf("java: Base64.decode(sign): %w", err)
	}
	if err := specVerify(pub, javaString(p, "sysid")+javaString(p, "rps")+javaString(p, "timestamp"), sig); err != nil {
		return nil, fmt.Errorf("java: RSAUtil.verify: %w", err)
	}
	doc, err := decodeObject(javaString(p, "rps"))
	if err != nil {
		return nil, fmt.Errorf("java: new JSONObject(rps): %w", err)
	}
	return doc, javaReads(doc, in)
}

// javaReads are the reads of index files 9862067067 and 29167696594 after
// the sign: returnValue an object, verifyResult's result an Integer, and a
// signContract notification's contractNo not blank.
func javaReads(doc map[string]any, in inbound) error {
	rv, ok := doc["returnValue"].(map[string]any)
	if !ok {
		return fmt.Errorf("java: getJSONObject(\"returnValue\") of %T", doc["returnValue"])
	}
	if doc["method"] == "verifyResult" {
		n, ok := rv["result"].(json.Number)
		if v, err := n.Int64(); !ok || err != nil || v > math.MaxInt32 || v < math.MinInt32 {
			return fmt.Errorf("java: (Integer) map.get(\"result\") of %#v", rv["result"])
		}
	}
	if !in.isReturn() && doc["method"] == "signContract" && doc["status"] == "OK" {
		if s, _ := doc["contractNo"].(string); strings.TrimSpace(s) == "" {
			return errors.New("java: YunstNotify.getContractNo() is blank: the contract is not recorded")
		}
	}
	return nil
}

// javaString is Java's String concatenation of a parameter: "null" when
// getParameter returns null.
func javaString(p map[string]string, key string) string {
	if v, ok := p[key]; ok {
		return v
	}
	return "null"
}

// readLazyBench is LazyBenches/allInPay: src/Pay.php callBackRequest($rps,
// $timestamp, $sign) refuses an empty rps and one json_decode($rps, true)
// makes nothing of, and verifies with src/Util/AllInPayUtil.php validSign:
// the sysid it is configured with (not the one received) . rps . timestamp,
// base64_encode(md5 raw), and phpseclib's Crypt_RSA PKCS#1 verify (SHA-1,
// its default hash) of base64_decode(trim($sign)). tests/response.php
// passes $_GET, as the browser's return comes; a backUrl handler passes
// $_POST.
func readLazyBench(conf merchantConf, in inbound) (map[string]any, error) {
	get, post := phpGlobals(in)
	src := post
	if in.isReturn() {
		src = get
	}
	rps := src["rps"]
	if rps == "" {
		return nil, errors.New("php: rps 不能为空")
	}
	doc, err := decodeObject(rps)
	if err != nil || len(doc) == 0 {
		return nil, fmt.Errorf("php: json_decode(rps) is falsy: %v", err)
	}
	pub, err := platformKey(conf.certPEM)
	if err != nil {
		return nil, err
	}
	sig, err := lenientBase64(strings.TrimSpace(src["sign"]), false)
	if err != nil {
		return nil, fmt.Errorf("php: base64_decode(sign): %w", err)
	}
	if err := specVerify(pub, conf.sysid+rps+src["timestamp"], sig); err != nil {
		return nil, fmt.Errorf("php: 验签失败: %w", err)
	}
	return doc, nil
}

// readYunst2 is Rellopn/yunst2's VerifySign2 (yunClient.go) over the
// map[string]string a net/http handler makes of r.Form: sysid, rps and
// timestamp must not be empty; util.go VerifySign takes MD5, Base64
// (StdEncoding), SHA-1 and rsa.VerifyPKCS1v15 with the key of the PEM
// certificate, the sign through base64.StdEncoding.DecodeString (strict).
// The merchant then unmarshals rps.
func readYunst2(conf merchantConf, in inbound) (map[string]any, error) {
	r := httptest.NewRequest(in.Method, in.Path+"?"+in.RawQuery, bytes.NewReader(in.Body))
	if in.ContentType != "" {
		r.Header.Set("Content-Type", in.ContentType)
	}
	if err := r.ParseForm(); err != nil {
		return nil, fmt.Errorf("go: ParseForm: %w", err)
	}
	res := map[string]string{}
	for k := range r.Form {
		res[k] = r.Form.Get(k)
	}
	for _, k := range []string{"sysid", "rps", "timestamp"} {
		if res[k] == "" {
			return nil, fmt.Errorf("go: %s is null", k)
		}
	}
	sig, err := base64.StdEncoding.DecodeString(res["sign"])
	if err != nil {
		return nil, fmt.Errorf("go: sign: %w", err)
	}
	pub, err := platformKey(conf.certPEM)
	if err != nil {
		return nil, err
	}
	if err := specVerify(pub, res["sysid"]+res["rps"]+res["timestamp"], sig); err != nil {
		return nil, fmt.Errorf("go: VerifySign: %w", err)
	}
	return decodeObject(res["rps"])
}

// readCoa is coajs/coa-allin-pay's getVerifyData(result)
// (src/libs/AllinPayBin.ts) over what koa hands the merchant: the form body
// (koa-bodyparser: co-body and qs, when the media type is
// application/x-www-form-urlencoded) or ctx.query for the browser's return
// (querystring). It hashes `${sysid}${rps}${timestamp}` (an absent one is
// "undefined") with createHash('md5') as UTF-8, Base64, verifies
// createVerify('rsa-sha1') against the certificate PEM with the sign read
// as 'base64' (lenient), then JSON.parse(rps).
func readCoa(conf merchantConf, in inbound) (map[string]any, error) {
	raw := in.RawQuery
	if !in.isReturn() {
		media, _, err := mime.ParseMediaType(in.ContentType)
		if err != nil || !strings.EqualFold(media, "application/x-www-form-urlencoded") {
			return nil, fmt.Errorf("node: koa-bodyparser does not read %q", in.ContentType)
		}
		raw = string(in.Body)
	}
	p := map[string]string{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		p[jsDecode(k)] = jsDecode(v)
	}
	js := func(k string) string {
		if v, ok := p[k]; ok {
			return v
		}
		return "undefined"
	}
	pub, err := platformKey(conf.certPEM)
	if err != nil {
		return nil, err
	}
	sig, err := lenientBase64(p["sign"], true)
	if err != nil {
		return nil, fmt.Errorf("node: sign: %w", err)
	}
	if err := specVerify(pub, js("sysid")+js("rps")+js("timestamp"), sig); err != nil {
		return nil, fmt.Errorf("node: 支付系统:返回结果校验失败: %w", err)
	}
	return decodeObject(js("rps"))
}

// specVerify is spec §3.4's 验签: MD5 of the UTF-8 text, its Base64, and
// the SHA1WithRSA (PKCS#1 v1.5) signature over that Base64 text.
func specVerify(pub *rsa.PublicKey, text string, sig []byte) error {
	digest := md5.Sum([]byte(text))
	h := sha1.Sum([]byte(base64.StdEncoding.EncodeToString(digest[:])))
	return rsa.VerifyPKCS1v15(pub, crypto.SHA1, h[:], sig)
}

// platformKey is the key of the platform certificate as the clients load
// it: PEM, one X.509 certificate.
func platformKey(certPEM []byte) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(certPEM)
	if block == nil {
		return nil, errors.New("the platform certificate is not PEM")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("the platform certificate: %w", err)
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("the platform certificate holds a %T", cert.PublicKey)
	}
	return pub, nil
}

// decodeObject parses rps as a JSON object, numbers kept as json.Number.
func decodeObject(s string) (map[string]any, error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var doc map[string]any
	if err := d.Decode(&doc); err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, errors.New("rps is null")
	}
	return doc, nil
}
