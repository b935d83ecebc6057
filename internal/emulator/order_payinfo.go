package emulator

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// PayURLKey is tsymock's own key in a JSON payInfo: the link of tsymock's
// payment page for the order (PayPagePath), where a test completes or
// fails it as the payer's wallet would. The real platform sends no such
// key; merchant code that hands the JSON to WeixinJSBridge,
// wx.requestPayment or AlipayJSBridge passes it along unread.
const PayURLKey = "tsymockPayUrl"

// payInfo is the payInfo of a pending order paid on a page or outside:
// tsymock's page for it, or for the WeChat JS and mini-program methods and
// Alipay's 生活号 the JSON text the spec says they return, holding that
// page under PayURLKey.
func payInfo(o *order, ch *payPart, now time.Time) string {
	page := PayPagePath + o.orderNo
	switch ch.Key {
	case "WECHAT_PUBLIC", "WECHAT_PUBLIC_ORG", "WECHATPAY_PUBLIC_OPEN":
		return weChatJSPayInfo(o, ch, now, page)
	case "WECHATPAY_MINIPROGRAM", "WECHATPAY_MINIPROGRAM_ORG", "WECHATPAY_MINIPROGRAM_OPEN":
		return weChatMiniPayInfo(o, ch, now, page)
	case "ALIPAY_SERVICE", "ALIPAY_SERVICE_ORG":
		return alipayJSPayInfo(o, now, page)
	}
	return page
}

// weChatJSPayInfo is the JSON a WeChat JS (公众号) payment returns, the
// parameters of getBrandWCPayRequest:
// spec §4.2.2, §4.2.4, §4.2.5 payInfo (微信公众号 JS 支付：返回 json 字符串;
// 收银宝微信小程序支付参数/微信原生小程序支付参数必传) in the keys and order of §5.2's
// example ({"appId":…,"timeStamp":"1477356696","signType":"MD5",
// "package":"prepay_id=…","nonceStr":…,"paySign":…}). The values are made
// up but well-formed: appId is the method's wxAppId or subAppid when sent,
// timeStamp the apply's time in Unix seconds, paySign 32 hex digits.
func weChatJSPayInfo(o *order, ch *payPart, now time.Time, page string) string {
	appID := weChatAppID(ch)
	digest := hexMD5(o.orderNo)
	ts := strconv.FormatInt(now.Unix(), 10)
	pkg := "prepay_id=wx" + now.In(soa.Shanghai()).Format("20060102150405") + digest[:20]
	nonce := digest[20:]
	sign := strings.ToUpper(hexMD5("appId=" + appID + "&nonceStr=" + nonce + "&package=" + pkg + "&signType=MD5&timeStamp=" + ts))
	return jsonText(struct {
		AppID     string `json:"appId"`
		TimeStamp string `json:"timeStamp"`
		SignType  string `json:"signType"`
		Package   string `json:"package"`
		NonceStr  string `json:"nonceStr"`
		PaySign   string `json:"paySign"`
		PayURL    string `json:"tsymockPayUrl"` // PayURLKey
	}{appID, ts, "MD5", pkg, nonce, sign, page})
}

// weChatAppID is the app id a WeChat payment names (wxAppId, subAppid), or
// a made-up one.
func weChatAppID(ch *payPart) string {
	for _, k := range []string{"wxAppId", "subAppid"} {
		if v := asStr(ch.body[k]); v != "" {
			return v
		}
	}
	return "wxTSYMOCK"
}

// weChatMiniPayInfo is the JSON a mini-program payment returns, the
// parameters of wx.requestPayment, as the real test environment answered a
// 收银宝 mini-program collection in 2020 (quoted in public merchant code):
// WeChat's own key order (appId, timeStamp, nonceStr, package, signType,
// paySign), signType RSA, a 32-hex nonceStr and a paySign of 344 base64
// characters, an RSA-2048 signature's length. The values are made up but
// well-formed, from the order number.
func weChatMiniPayInfo(o *order, ch *payPart, now time.Time, page string) string {
	digest := hexMD5(o.orderNo)
	var sig []byte
	for i := 0; len(sig) < 256; i++ {
		sum := sha256.Sum256([]byte(o.orderNo + "#" + strconv.Itoa(i)))
		sig = append(sig, sum[:]...)
	}
	return jsonText(struct {
		AppID     string `json:"appId"`
		TimeStamp string `json:"timeStamp"`
		NonceStr  string `json:"nonceStr"`
		Package   string `json:"package"`
		SignType  string `json:"signType"`
		PaySign   string `json:"paySign"`
		PayURL    string `json:"tsymockPayUrl"` // PayURLKey
	}{weChatAppID(ch), strconv.FormatInt(now.Unix(), 10), digest,
		"prepay_id=wx" + now.In(soa.Shanghai()).Format("02150405") + hexMD5(o.orderNo + "prepay")[:26], "RSA",
		base64.StdEncoding.EncodeToString(sig[:256]), page})
}

// alipayJSPayInfo is the JSON an Alipay JS (生活号) payment returns: spec
// §4.2.2, §4.2.4, §4.2.5 payInfo (支付宝 JS 支付：返回 json 字符串。支付宝服务窗返
// 回 JSAPI 支付：接口参数 tradeNO), the tradeNO AlipayJSBridge's tradePay takes,
// shaped as §5.2's example's (28 digits: the China date and 20 more).
// §5.2's example shows the bare number; the JSON of the payInfo row is
// tsymock's choice, which also carries the page.
func alipayJSPayInfo(o *order, now time.Time, page string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, o.orderNo)
	digits = strings.Repeat("0", 13) + digits
	tradeNo := now.In(soa.Shanghai()).Format("20060102") + "2100100" + digits[len(digits)-13:]
	return jsonText(struct {
		TradeNO string `json:"tradeNO"`
		PayURL  string `json:"tsymockPayUrl"` // PayURLKey
	}{tradeNo, page})
}

// jsonText is v as JSON text, its keys in the struct's order (§5.2's
// examples'). v holds strings only, which always marshal.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// hexMD5 is the MD5 of s in lower-case hex: made-up values that look like
// the real ones, not security.
func hexMD5(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
