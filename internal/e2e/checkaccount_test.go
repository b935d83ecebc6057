package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestCheckAccountFile: getCheckAccountFile answers an absolute URL on the
// server, and the file lists the day's paid orders.
func TestCheckAccountFile(t *testing.T) {
	e := demoEnv(t)
	c := e.client(t)
	ctx := context.Background()
	call := func(service, method, param string) map[string]any {
		t.Helper()
		var p map[string]any
		require.NoError(t, json.Unmarshal([]byte(param), &p))
		raw, err := c.Call(ctx, service, method, p)
		require.NoError(t, err, "%s.%s", service, method)
		var v map[string]any
		require.NoError(t, json.Unmarshal(raw, &v))
		return v
	}
	for _, id := range []string{"ca-buyer", "ca-shop"} {
		call("MemberService", "createMember", `{"bizUserId":"`+id+`","memberType":3,"source":1}`)
	}
	call("OrderService", "applicationTransfer", `{"bizTransferNo":"ca-t1","sourceAccountSetNo":"100001","targetBizUserId":"ca-buyer","targetAccountSetNo":"200126","amount":500}`)
	call("OrderService", "consumeApply", `{"payerId":"ca-buyer","recieverId":"ca-shop","bizOrderNo":"ca-c1","amount":300,"fee":3,"backUrl":"http://127.0.0.1:1/n","payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":300}]},"industryCode":"1910","industryName":"其他","source":1}`)

	v := call("MerchantService", "getCheckAccountFile", `{"date":"20261128"}`)
	url, _ := v["url"].(string)
	require.True(t, strings.HasPrefix(url, e.URL+"/"), "absolute URL on this server: %q", url)

	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), "|ca-c1|consume|ca-buyer|300|3|2026-11-28 12:00:00|4\n")

	resp, err = http.Get(e.URL + "/__tsymock/files/checkaccount/999/20261128.txt")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "unknown sysid")
}

// TestCheckAccountFileDates: a date that is not yyyyMMdd is 40044 日期格式有误
// naming the param and the format (PROTOCOL.md §8); a missing one is 10001.
func TestCheckAccountFileDates(t *testing.T) {
	c := demoEnv(t).client(t)
	for _, tc := range []struct {
		name, date, code, message string
	}{
		{"dashes", "2026-11-28", "40044", `日期格式有误: date "2026-11-28" must be yyyyMMdd`},
		{"a day that does not exist", "20260230", "40044", `日期格式有误: date "20260230" must be yyyyMMdd`},
		{"seven digits", "2026112", "40044", `日期格式有误: date "2026112" must be yyyyMMdd`},
		{"empty", "", "10001", "参数不能为空: date"},
	} {
		_, err := c.GetCheckAccountFile(context.Background(), client.GetCheckAccountFileRequest{Date: tc.date})
		var apiErr *client.Error
		require.ErrorAs(t, err, &apiErr, tc.name)
		assert.Equal(t, []string{tc.code, tc.message}, []string{apiErr.Code, apiErr.Message}, tc.name)
	}
}
