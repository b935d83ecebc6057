package pages

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPaths(t *testing.T) {
	paths := Paths()
	for _, want := range []string{"/yungateway/member/signContract.html", "/yungateway/member/signContractQuery.html",
		"/yungateway/pwd/setPayPwd.html", "/yungateway/pwd/updatePayPwd.html", "/yungateway/pwd/resetPayPwd.html",
		"/yungateway/pwd/updatePhoneByPayPwd.html", "/yungateway/pwd/payOrder.html", "/yungateway/frontTrans.do"} {
		assert.Contains(t, paths, want)
	}
	assert.IsIncreasing(t, paths, "sorted, so that FuzzPage's corpus names the same page every run")
}

// TestFailReason: a member page's fail form takes a code of spec §7 only
// (10000 naming the field otherwise), with the catalogue's text when no
// message is typed and the page's own message for the page's own code; a
// payment page ignores the code (its order fails with 40006).
func TestFailReason(t *testing.T) {
	member := &pageSession{view: pageView{FailCode: "9000", FailMessage: "用户取消操作", CodeChoice: true}}
	payment := &pageSession{view: pageView{FailCode: "40006", FailMessage: "用户取消支付"}}
	tests := []struct {
		name          string
		p             *pageSession
		form          url.Values
		code, message string
		err           string // the errorCode of a refusal, "" when none
	}{
		{"member: defaults", member, url.Values{}, "9000", "用户取消操作", ""},
		{"member: the page's code keeps its message", member, url.Values{"errorCode": {"9000"}}, "9000", "用户取消操作", ""},
		{"member: a code and a message", member, url.Values{"errorCode": {" 30001 "}, "message": {"余额不足"}}, "30001", "余额不足", ""},
		{"member: a code takes §7's text", member, url.Values{"errorCode": {"30033"}}, "30033", "支付密码错误超限制", ""},
		{"member: a blank message takes §7's text", member, url.Values{"errorCode": {"30043"}, "message": {"  "}}, "30043", "会员已签订电子协议", ""},
		{"member: a message alone", member, url.Values{"message": {"不同意"}}, "9000", "不同意", ""},
		{"member: a code not in §7", member, url.Values{"errorCode": {"12345"}}, "", "", "10000"},
		{"member: too long", member, url.Values{"errorCode": {"1234567"}}, "", "", "10000"},
		{"member: not digits", member, url.Values{"errorCode": {"12a"}}, "", "", "10000"},
		{"payment: defaults", payment, url.Values{}, "40006", "用户取消支付", ""},
		{"payment: a code is ignored", payment, url.Values{"errorCode": {"12345"}}, "40006", "用户取消支付", ""},
		{"payment: a message", payment, url.Values{"message": {"卡被拒"}}, "40006", "卡被拒", ""},
		{"payment: a blank message", payment, url.Values{"message": {"   "}}, "40006", "用户取消支付", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, message, serr := failReason(tt.p, tt.form)
			if tt.err != "" {
				require.NotNil(t, serr)
				assert.Equal(t, tt.err, serr.Code)
				assert.Contains(t, serr.Message, "errorCode")
				assert.Contains(t, serr.Message, tt.form.Get("errorCode"))
				return
			}
			require.Nil(t, serr)
			assert.Equal(t, []string{tt.code, tt.message}, []string{code, message})
		})
	}
}

func TestShownValues(t *testing.T) {
	assert.Equal(t, "138****0001", maskPhone("13800000001"))
	assert.Equal(t, "12345", maskPhone("12345"), "not a mobile number: as it is")
	for fen, want := range map[int64]string{0: "¥0.00", 5: "¥0.05", 1234: "¥12.34", -250: "-¥2.50"} {
		assert.Equal(t, want, yuan(fen))
	}
}

// TestPwdPageSections: every payment-password page has the spec section
// its identity-type note cites (§4.1.17-§4.1.20: 目前只支持身份证).
func TestPwdPageSections(t *testing.T) {
	sections := pwdPageSections()
	for _, pp := range pwdPages() {
		assert.Regexp(t, `^§4\.1\.(1[7-9]|20)$`, sections[pp.method], pp.method)
	}
	assert.Len(t, sections, len(pwdPages()))
}

// TestPaysByGateway: an order pays by a gateway when its payMethod has
// spec §5.2's GATEWAY_VSP or GATEWAY_VSP_ORG, alone or combined; the
// other front-page methods (wallet H5, instalments) do not.
func TestPaysByGateway(t *testing.T) {
	for payMethod, want := range map[string]bool{
		"GATEWAY_VSP": true, "GATEWAY_VSP_ORG": true, "BALANCE+GATEWAY_VSP": true, "COUPON+BALANCE+GATEWAY_VSP_ORG": true,
		"BALANCE": false, "ALLINPAY_WALLET_H5": false, "BALANCE+ALLINPAY_WALLET_H5": false, "InstallmentPayment_H5": false,
		"GATEWAY_VSP_X": false, "": false,
	} {
		assert.Equal(t, want, paysByGateway(payMethod), payMethod)
	}
}
