package e2e

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys"
)

// TestCreateMemberTwice is the foundation's proof of the whole loop: a
// signed call over real HTTP, a verified OK with a UUID, then the platform's
// duplicate answer, over both GET and POST.
func TestCreateMemberTwice(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []client.Option
	}{
		{"POST", nil},
		{"GET", []client.Option{client.WithGET()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := demoEnv(t)
			c := e.client(t, tc.opts...)
			req := client.CreateMemberRequest{BizUserID: "ceshitiyan", MemberType: client.MemberPersonal, Source: client.SourceMobile}

			got, err := c.CreateMember(context.Background(), req)
			require.NoError(t, err)
			assert.Equal(t, "ceshitiyan", got.BizUserID)
			_, err = uuid.Parse(got.UserID)
			assert.NoError(t, err, "userId %q is a UUID", got.UserID)

			_, err = c.CreateMember(context.Background(), req)
			var apiErr *client.Error
			require.True(t, errors.As(err, &apiErr), "want *client.Error, got %v", err)
			assert.Equal(t, "30000", apiErr.Code)
			assert.Equal(t, "所属应用下已经存在此用户", apiErr.Message)
		})
	}
}

// TestCreateMemberWire checks the envelope byte-level promises of §3.
func TestCreateMemberWire(t *testing.T) {
	e := demoEnv(t)
	req := `{"service":"MemberService","method":"createMember","param":{"bizUserId":"w1","memberType":2,"source":2}}`
	a := postForm(t, e, signed(t, e.Merchant, e.SysID, req, vectorTime))
	assert.Equal(t, 200, a.Status)
	assert.Equal(t, "application/json;charset=UTF-8", a.ContentType)
	a.verified(t, e)
	assert.Equal(t, "OK", a.str(t, "status"))
	assert.Equal(t, e.SysID, a.str(t, "sysid"))
	assert.JSONEq(t, `{"bizUserId":"w1","userId":"`+userID(t, a)+`"}`, a.str(t, "signedValue"))

	dup := postForm(t, e, signed(t, e.Merchant, e.SysID, req, vectorTime))
	assert.Equal(t, 200, dup.Status)
	assert.Equal(t, "30000", dup.errorCode(t, e))
	assert.Equal(t, "errorCode=30000&message=所属应用下已经存在此用户", dup.str(t, "signedValue"))
}

func userID(t *testing.T, a wireAnswer) string {
	t.Helper()
	var v struct{ UserID string }
	require.NoError(t, jsonUnmarshal(a.str(t, "signedValue"), &v))
	return v.UserID
}

// TestResponseSignatureFailureIsDistinct: a client that trusts another
// platform certificate refuses every answer with the sentinel error.
func TestResponseSignatureFailureIsDistinct(t *testing.T) {
	e := demoEnv(t)
	wrong, err := client.New(e.URL, e.SysID, e.Merchant, vectorCert(t), client.WithClock(e.Clock.Now))
	require.NoError(t, err)
	req := client.CreateMemberRequest{BizUserID: "x", MemberType: client.MemberPersonal, Source: client.SourcePC}

	_, err = wrong.CreateMember(context.Background(), req)
	assert.ErrorIs(t, err, client.ErrBadSignature, "an OK answer")
	_, err = wrong.CreateMember(context.Background(), req)
	assert.ErrorIs(t, err, client.ErrBadSignature, "an error answer (30000) is refused the same way")

	_, err = e.client(t).CreateMember(context.Background(), req)
	var apiErr *client.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "30000", apiErr.Code, "the server did create the member")
}

func vectorCert(t *testing.T) *x509.Certificate {
	t.Helper()
	cert, err := keys.LoadCertificateFile(vectorKey("platform-1024.cer"))
	require.NoError(t, err)
	return cert
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
