package pages

import (
	"fmt"
	"html/template"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
)

// The ids of the pages' own sentences for the tester, which the templates
// name too ({{say "failHelp"}}); the platform's Chinese (titles, buttons)
// is the same in every language.
const (
	msgTestOnly      = "testOnly"
	msgFailHelp      = "failHelp"
	msgDoneLead      = "doneLead"
	msgErrorHint     = "errorHint"
	msgSMSAny        = "smsAny"
	msgSMSTo         = "smsTo"
	msgSMSChecked    = "smsChecked"
	msgNoSMS         = "noSMS"
	msgNoPhone       = "noPhone"
	msgPwdsDiffer    = "pwdsDiffer"
	msgPwdMalformed  = "pwdMalformed"
	msgExpired       = "expired"
	msgGatewayReturn = "gatewayReturn"
)

// messages is the pages' table of sentences in both languages, by id (see
// lang.Text; the Chinese cites the spec as 规范 §4.1.23 注 5, as
// README.zh-CN does), and of the details of the errors a page shows the person
// typing (see soa.Detailed).
func messages() map[string]lang.Text {
	return map[string]lang.Text{
		msgTestOnly: {En: "tsymock 模拟页面 · TEST ONLY · no real money moves", Zh: "tsymock 模拟页面 · 仅供测试 · 不涉及真实资金"},
		msgFailHelp: {En: "tsymock: how the fail button fails", Zh: "tsymock：失败按钮返回什么"},
		msgDoneLead: {En: "操作完成。The page was opened without jumpUrl/frontUrl, so the browser stays here; this is the rps it would have carried back:",
			Zh: "操作完成。页面打开时没有 jumpUrl/frontUrl，所以浏览器停在这里；以下是它本应带回的 rps："},
		msgErrorHint: {En: "tsymock checks a page's signed parameters (sysid, sign, timestamp, v, req) as /service/soa checks a call, " +
			"then the state the page needs. The server log says more; a signature problem is explained there.",
			Zh: "tsymock 像 /service/soa 检查调用一样检查页面的签名参数（sysid、sign、timestamp、v、req），再检查页面所需的状态。" +
				"服务器日志里有更多信息，签名问题在那里有解释。"},
		msgSMSAny: {En: "tsymock: every emulated SMS code is %s (--verification-code).",
			Zh: "tsymock：模拟的短信验证码都是 %s（--verification-code）。"},
		msgSMSTo: {En: "tsymock: the SMS code sent to %s is %s (--verification-code).",
			Zh: "tsymock：发送到 %s 的短信验证码是 %s（--verification-code）。"},
		msgSMSChecked: {En: "tsymock: the SMS code sent in verificationCode was checked (spec §4.2.9).",
			Zh: "tsymock：verificationCode 中发送的短信验证码已校验（规范 §4.2.9）。"},
		msgNoSMS: {En: "tsymock: no SMS code for this payment (spec §4.2.9, §5.2: 非组合支付，不发送短信验证码).",
			Zh: "tsymock：这笔支付没有短信验证码（规范 §4.2.9、§5.2：非组合支付，不发送短信验证码）。"},
		msgNoPhone: {En: "tsymock: bizUserId %s has no bound phone (the page was opened with %s, spec §4.1.23 note 5); " +
			"tsymock asks for the emulated SMS code all the same, %s (--verification-code).",
			Zh: "tsymock：bizUserId %s 的会员没有绑定手机（页面以 %s 打开，规范 §4.1.23 注 5）；" +
				"tsymock 仍然要求输入模拟的短信验证码 %s（--verification-code）。"},
		msgPwdsDiffer: {En: "the two new passwords differ", Zh: "两次输入的新支付密码不一致"},
		msgPwdMalformed: {En: "%s: the payment password is six digits (0-9); a malformed one costs no wrong try",
			Zh: "%s：支付密码为 6 位数字（0-9）；格式不对的不计入输错次数"},
		msgGatewayReturn: {En: "tsymock: this order pays by %s, with a gateway: the browser returns to the order's frontUrl, " +
			"signed as the order result notification, and the jumpUrl sent is not used (spec §4.2.10: 如果支付方式中有网关支付，" +
			"无需上传此字段; §5.2).",
			Zh: "tsymock：这笔订单以 %s 支付，含网关支付：浏览器回到订单的 frontUrl，签名同订单结果通知，不使用上送的 jumpUrl" +
				"（规范 §4.2.10：如果支付方式中有网关支付，无需上传此字段；§5.2）。"},
		msgExpired: {En: "this page has expired or was already used (a page works once, for %s); open it again with freshly signed parameters",
			Zh: "页面已过期或已使用过（每个页面只能用一次，有效期 %s）；请用重新签名的参数再次打开"},
	}
}

// detailed is the error for code whose detail is the sentence id with args.
func detailed(code, id string, args ...any) *soa.Error {
	return soa.Detailed(code, lang.Msg(messages()[id], args...))
}

// say is the sentence id with args in the pages' language.
func (h *Handler) say(id string, args ...any) string {
	return messages()[id].Format(h.cfg.Lang, args...)
}

// sayFunc is the templates' say in l: an id the table lacks fails the
// page, and the tests that draw every page. The sentence is written as
// the template's own text was (template.HTML): it is a constant of the
// table, with no argument and no markup, and escaping it would change an
// English page's bytes (a page's → a page&#39;s; TestEnglishPagesAsBefore).
func sayFunc(l lang.Lang) template.FuncMap {
	return template.FuncMap{"say": func(id string) (template.HTML, error) {
		t, ok := messages()[id]
		if !ok {
			return "", fmt.Errorf("pages: no sentence %q", id)
		}
		return template.HTML(t.Format(l)), nil
	}}
}
