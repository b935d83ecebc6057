package emulator

import (
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
)

// msgID names a detail of the emulator's errors that a newcomer meets
// first; its texts are in messages (see soa.Detailed). The code an op
// answers is what its log keeps, never the message, and the state keeps
// the English (Message): the Chinese is written only when the answer goes
// out (soa.Error.In, after the op), so a text here changes no generation
// of the rules.
type msgID int

// The ids of messages.
const (
	msgUnknownSet msgID = iota
	msgReservedBizUserID
	msgDateFormat
	msgDatesFormat
	msgDateOrder
	msgCodeNotSent
	msgBindPhone
	msgUnbindPhone
	msgWrongPhoneCode
	msgWrongOrderCode
	msgWrongTranceCode
	msgConfiguredCode
	msgCardCheckCode
	msgRealNamePayCodes
	msgPayPwdDigits
	msgCount // the number of ids, not one
)

// messages is the emulator's table of details in both languages, by id.
func messages() [msgCount]lang.Text {
	return [msgCount]lang.Text{
		msgUnknownSet: {En: "accountSetNo %q; this application has %v (tsymock serve --account-sets or " +
			"--app-account-sets %s=... give it others)",
			Zh: "accountSetNo %q；该应用的账户集为 %v（tsymock serve --account-sets 或 " +
				"--app-account-sets %s=... 可为它配置其他账户集）"},
		msgReservedBizUserID: {En: "bizUserId %s is the platform's own, reserved: spec §4.1.1 keeps it from members",
			Zh: "%s 是平台自己的保留会员标识，不能用作会员的 bizUserId（规范 §4.1.1）"},
		msgDateFormat:  {En: "%s %q must be yyyy-MM-dd", Zh: "%s %q 应为 yyyy-MM-dd 格式"},
		msgDatesFormat: {En: "dateStart %q and dateEnd %q must be yyyy-MM-dd", Zh: "dateStart %q 和 dateEnd %q 应为 yyyy-MM-dd 格式"},
		msgDateOrder:   {En: "dateEnd %s is before dateStart %s", Zh: "dateEnd %s 早于 dateStart %s"},
		msgCodeNotSent: {En: "no code was sent to %s for this; call sendVerificationCode (verificationCodeType %s) first",
			Zh: "还没有向 %s 发送这一用途的验证码；请先调用 sendVerificationCode（verificationCodeType %s）"},
		// The verificationCodeType in words (spec §6.6) where a Chinese
		// sentence names it; English writes the number alone.
		msgBindPhone:       {En: "%d", Zh: "%d，绑定手机"},
		msgUnbindPhone:     {En: "%d", Zh: "%d，解绑手机"},
		msgWrongPhoneCode:  {En: "wrong code for %s (%s)", Zh: "手机号 %s 的验证码不对（%s）"},
		msgWrongOrderCode:  {En: "wrong code for order %s (%s)", Zh: "订单 %s 的验证码不对（%s）"},
		msgWrongTranceCode: {En: "wrong code for tranceNum %q (%s)", Zh: "tranceNum %q 的验证码不对（%s）"},
		msgConfiguredCode: {En: "tsymock's codes are the one set with --verification-code, default %s",
			Zh: "tsymock 的短信验证码都是 --verification-code 设的值，默认 %s"},
		msgCardCheckCode: {En: "cardCheck %d's code is %s in the test environment (spec §6.18)",
			Zh: "测试环境中 cardCheck %d 的验证码是 %s（规范 §6.18）"},
		msgRealNamePayCodes: {En: "cardCheck 3's code is 11111 in the test environment (spec §6.18) or 111111 (§5.2 实名付 note 5: " +
			"开通实名付; the spec gives both, tsymock takes both)",
			Zh: "测试环境中 cardCheck 3 的验证码是 11111（规范 §6.18）或 111111（§5.2 实名付注 5：开通实名付；规范给了两个，tsymock 都接受）"},
		msgPayPwdDigits: {En: "the payment password is six digits", Zh: "支付密码为 6 位数字"},
	}
}

// msg is the message id with args.
func msg(id msgID, args ...any) lang.Message { return lang.Msg(messages()[id], args...) }

// detailed is the error for code whose detail is the message id with args.
func detailed(code string, id msgID, args ...any) *soa.Error {
	return soa.Detailed(code, msg(id, args...))
}
