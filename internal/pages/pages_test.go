package pages

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
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

func TestFailReason(t *testing.T) {
	p := &pageSession{view: pageView{FailCode: "40006", FailMessage: "用户取消支付"}}
	for _, tt := range []struct {
		form          url.Values
		code, message string
	}{
		{url.Values{}, "40006", "用户取消支付"},
		{url.Values{"errorCode": {" 30001 "}, "message": {"余额不足"}}, "30001", "余额不足"},
		{url.Values{"errorCode": {"1234567"}}, "40006", "用户取消支付"}, // too long
		{url.Values{"errorCode": {"12a"}}, "40006", "用户取消支付"},     // not digits
		{url.Values{"message": {"   "}}, "40006", "用户取消支付"},
	} {
		code, message := failReason(p, tt.form)
		assert.Equal(t, tt.code, code, "%v", tt.form)
		assert.Equal(t, tt.message, message, "%v", tt.form)
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
