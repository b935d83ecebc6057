package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

func TestPhoneBindAndUnbind(t *testing.T) {
	_, c := members(t)
	c.person("p")
	sent, err := c.SendVerificationCode(c.ctx, client.SendVerificationCodeRequest{BizUserID: "p", Phone: phoneA,
		VerificationCodeType: client.VerificationCodeBind})
	require.NoError(t, err)
	assert.Equal(t, client.PhoneResponse{BizUserID: "p", Phone: phoneA}, *sent)
	bound, err := c.BindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: "p", Phone: phoneA, VerificationCode: smsCode})
	require.NoError(t, err)
	assert.Equal(t, client.PhoneResponse{BizUserID: "p", Phone: phoneA}, *bound)
	info, err := c.GetMemberInfo(c.ctx, "p")
	require.NoError(t, err)
	assert.Equal(t, phoneA, info.MemberInfo.Phone)
	assert.True(t, info.MemberInfo.IsPhoneChecked)

	_, err = c.SendVerificationCode(c.ctx, client.SendVerificationCodeRequest{BizUserID: "p", Phone: phoneA,
		VerificationCodeType: client.VerificationCodeUnbind})
	require.NoError(t, err)
	unbound, err := c.UnbindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: "p", Phone: phoneA, VerificationCode: smsCode})
	require.NoError(t, err)
	assert.Equal(t, client.UnbindPhoneResponse{BizUserID: "p", Phone: phoneA, Result: "OK"}, *unbound)
	info, err = c.GetMemberInfo(c.ctx, "p")
	require.NoError(t, err)
	assert.Empty(t, info.MemberInfo.Phone)
	assert.False(t, info.MemberInfo.IsPhoneChecked)
	c.withPhone("p", phoneB) // a member may bind another phone after unbinding
}

// TestPhoneErrors: each case starts from a fresh member "p" with phoneA
// bound when bound is set.
func TestPhoneErrors(t *testing.T) {
	send := func(phone string, kind int) func(c *memberClient) error {
		return func(c *memberClient) error {
			_, err := c.SendVerificationCode(c.ctx, client.SendVerificationCodeRequest{BizUserID: "p", Phone: phone, VerificationCodeType: kind})
			return err
		}
	}
	bind := func(phone, code string) func(c *memberClient) error {
		return func(c *memberClient) error {
			_, err := c.BindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: "p", Phone: phone, VerificationCode: code})
			return err
		}
	}
	unbind := func(phone, code string) func(c *memberClient) error {
		return func(c *memberClient) error {
			_, err := c.UnbindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: "p", Phone: phone, VerificationCode: code})
			return err
		}
	}
	for _, tc := range []struct {
		name  string
		bound bool
		steps []func(c *memberClient) error // all but the last must succeed
		want  string
	}{
		{"bind without a code sent", false, steps(bind(phoneA, smsCode)), "20011"},
		{"bind with a wrong code", false, steps(send(phoneA, 9), bind(phoneA, "222222")), "20011"},
		{"bind another phone than the code's", false, steps(send(phoneA, 9), bind(phoneB, smsCode)), "20011"},
		{"bind with an unbind code", true, steps(send(phoneA, 6), unbind(phoneA, smsCode), bind(phoneA, smsCode)), "20011"},
		{"a code is used once", false, steps(send(phoneA, 9), bind(phoneA, smsCode), unbind(phoneA, smsCode)), "20011"},
		{"bind when bound", true, steps(bind(phoneB, smsCode)), "30024"},
		{"send a bind code when bound", true, steps(send(phoneB, 9)), "30024"},
		{"unbind when none is bound", false, steps(unbind(phoneA, smsCode)), "30021"},
		{"unbind another phone", true, steps(unbind(phoneB, smsCode)), "30021"},
		{"send an unbind code for another phone", true, steps(send(phoneB, 6)), "30021"},
		{"unbind without a code sent", true, steps(unbind(phoneA, smsCode)), "20011"},
		{"unbind with a wrong code", true, steps(send(phoneA, 6), unbind(phoneA, "000000")), "20011"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := members(t)
			c.person("p")
			if tc.bound {
				c.withPhone("p", phoneA)
			}
			last := len(tc.steps) - 1
			for _, step := range tc.steps[:last] {
				require.NoError(t, step(c))
			}
			assert.Equal(t, tc.want, apiCode(t, tc.steps[last](c)))
		})
	}
}

// TestWrongCodeCanBeRetyped: a wrong code leaves the sent one usable.
func TestWrongCodeCanBeRetyped(t *testing.T) {
	_, c := members(t)
	c.person("p")
	_, err := c.SendVerificationCode(c.ctx, client.SendVerificationCodeRequest{BizUserID: "p", Phone: phoneA, VerificationCodeType: 9})
	require.NoError(t, err)
	_, err = c.BindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: "p", Phone: phoneA, VerificationCode: "123456"})
	assert.Equal(t, "20011", apiCode(t, err))
	_, err = c.BindPhone(c.ctx, client.PhoneCodeRequest{BizUserID: "p", Phone: phoneA, VerificationCode: smsCode})
	assert.NoError(t, err)
}

func steps(s ...func(c *memberClient) error) []func(c *memberClient) error { return s }
