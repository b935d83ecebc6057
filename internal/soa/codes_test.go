package soa

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCodesAreTheProtocolList(t *testing.T) {
	codes := Codes()
	assert.Len(t, codes, 152, "the specification's §7 lists 152 codes")
	assert.Equal(t, "9000", codes[0], "sorted numerically")
	assert.Equal(t, "50006", codes[len(codes)-1])
	seen := map[string]bool{}
	prev := 0
	for _, c := range codes {
		n, err := strconv.Atoi(c)
		require.NoError(t, err)
		assert.Greater(t, n, prev, "sorted and unique")
		prev = n
		assert.False(t, seen[c])
		seen[c] = true
		msg, ok := Message(c)
		assert.True(t, ok, c)
		assert.NotEmpty(t, msg, c)
	}
	assert.False(t, seen["40024"], "40024 and 40038 are not in the specification")
	assert.False(t, seen["40038"])
}

func TestMessageTexts(t *testing.T) {
	tests := map[string]string{
		"10000": "参数错误",
		"10001": "参数不能为空",
		"10002": "参数service错误",
		"10003": "参数method错误",
		"10004": "参数长度超长",
		"20000": "应用不存在",
		"20017": "解密失败",
		"20019": "签名验证失败",
		"30000": "所属应用下已经存在此用户",
		"30022": "会员已锁定", // spec §4.1.15's words; §7 says 用户不可用
		"30037": "会员安全等级低，不支持当前操作",
		"40014": "账户余额不足",
		"40039": "原订单不支持退款，请联系商户处理",
		"50001": "账户余额不足",
		"9000":  "其他错误",
		"9999":  "系统错误",
	}
	for code, want := range tests {
		t.Run(code, func(t *testing.T) {
			got, ok := Message(code)
			assert.True(t, ok)
			assert.Equal(t, want, got)
		})
	}
	_, ok := Message("12345")
	assert.False(t, ok)
}

func TestNewError(t *testing.T) {
	e := NewError("20019")
	assert.Equal(t, &Error{Code: "20019", Message: "签名验证失败"}, e)
	assert.Equal(t, "soa: 20019 签名验证失败", e.Error())
	assert.Equal(t, &Error{Code: "12345", Message: "未知错误"}, NewError("12345"))
}

func TestErrorf(t *testing.T) {
	e := Errorf("10001", "%s", "bizUserId")
	assert.Equal(t, "10001", e.Code)
	assert.Equal(t, "参数不能为空: bizUserId", e.Message)
	assert.Equal(t, "参数错误: bad \uFFFD", Errorf("10000", "bad %s", "\xff").Message)
}

// TestQuoted: the platform's words are the whole message, with no catalogue
// text before them (spec §4.2.25's words with 40015).
func TestQuoted(t *testing.T) {
	assert.Equal(t, &Error{Code: "40015", Message: "调用重发短信接口太频繁，请稍后再试！"}, Quoted("40015", "调用重发短信接口太频繁，请稍后再试！"))
	assert.ErrorIs(t, Quoted("40015", "调用重发短信接口太频繁，请稍后再试！"), NewError("40015"))
}

// TestRuntimeTexts: where the platform is known to answer other words than
// §7's, the catalogue answers them, in NewError and Errorf too: 30000 (a
// duplicate bizUserId) and 30022 (a locked member, spec §4.1.15), so that a
// faked error reads as the real one.
func TestRuntimeTexts(t *testing.T) {
	tests := []struct {
		code, spec, runtime string
	}{
		{CodeUserExists, "用户已经存在", "所属应用下已经存在此用户"},
		{CodeMemberLocked, "用户不可用", "会员已锁定"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			i := slices.IndexFunc(codeTable(), func(r codeText) bool { return r.code == tt.code })
			require.GreaterOrEqual(t, i, 0)
			assert.Equal(t, tt.spec, codeTable()[i].text, "the table stays §7's")
			got, ok := Message(tt.code)
			assert.True(t, ok)
			assert.Equal(t, tt.runtime, got)
			assert.Equal(t, tt.runtime, NewError(tt.code).Message)
			assert.Equal(t, tt.runtime+": x", Errorf(tt.code, "x").Message)
		})
	}
}

func TestErrorIs(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", Errorf("30000", "detail"))
	assert.ErrorIs(t, err, NewError("30000"))
	assert.NotErrorIs(t, err, NewError("30001"))
	var soaErr *Error
	require.True(t, errors.As(err, &soaErr))
	assert.Equal(t, "30000", soaErr.Code)
}
