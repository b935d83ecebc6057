package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestReturnKeepsTheJumpURLBytes: the Location a page sends the browser to
// has the jumpUrl's query as the merchant sent it, its own escapes
// (lower-case too) untouched and its non-ASCII bytes escaped in upper-case
// hex, as Java's URLEncoder writes them and as the path is (probe-Y 8: the
// query came back as %e5%90%8d, the path as %E8%BF%94); the merchant reads
// the same values and verifies the return.
func TestReturnKeepsTheJumpURLBytes(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	page := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", client.ContractPageParams{
		BizUserID: "sia", JumpURL: rcv.URL + "/返回?名=值&b=%e4%b8%ad&c=a+b", BackURL: rcv.URL + "/notify", Source: client.SourcePC})
	back := press(t, page, "confirm", nil)
	require.Equal(t, http.StatusSeeOther, back.Status, "%s", back.Body)
	want := rcv.URL + "/%E8%BF%94%E5%9B%9E?%E5%90%8D=%E5%80%BC&b=%e4%b8%ad&c=a+b&sysid="
	assert.True(t, strings.HasPrefix(back.Location, want), "Location %s", back.Location)

	u, err := url.Parse(back.Location)
	require.NoError(t, err)
	q := u.Query()
	assert.Equal(t, []string{"值", "中", "a b"}, []string{q.Get("名"), q.Get("b"), q.Get("c")})
	_, err = c.VerifyNotificationValues(q)
	require.NoError(t, err)
}
