package soa

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tsymock/tsymock/internal/lang"
)

// TestPlatformMessage: Platform leaves out what tsymock explains after the
// platform's words, in either language and after a suffix, and keeps a
// message that is the platform's already (a catalogue text, the spec's
// words, a scenario rule's).
func TestPlatformMessage(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  *Error
		want string
	}{
		{"Errorf", Errorf("10001", "%s", "bizUserId"), "参数不能为空"},
		{"Detailed (any detail)", detailed(CodeUnknownApp, msgTimestampMissing, "x", "y"), "应用不存在"},
		{"Detailed in Chinese", detailed(CodeUnknownApp, msgTimestampMissing, "x", "y").In(lang.Chinese), "应用不存在"},
		{"Explained", Explained("30022", "会员已锁定", "order o-1 pays u-2, which is locked"), "会员已锁定"},
		{"a suffix after a detail", Errorf("10000", "bad").WithSuffix(" (in the request body)"), "参数错误"},
		{"a suffix after the catalogue text", NewError("20019").WithSuffix("【tsymock: …】"), "签名验证失败"},
		{"the catalogue text", NewError("20019"), "签名验证失败"},
		{"the spec's words", Quoted("40015", "调用重发短信接口太频繁，请稍后再试！"), "调用重发短信接口太频繁，请稍后再试！"},
		{"a rule's words", &Error{Code: "9400", Message: "请求超时: the rule's own"}, "请求超时: the rule's own"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.err.Platform()
			assert.Equal(t, tc.err.Code, got.Code)
			assert.Equal(t, tc.want, got.Message)
		})
	}
	assert.Nil(t, (*Error)(nil).Platform())
}
