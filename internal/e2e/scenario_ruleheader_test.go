package e2e

import (
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestScenarioRuleHeader: an answer a scenario rule made or broke names the
// rule (percent-encoded, a Chinese name too) and the fault in its headers,
// which the client reads back; an answer the emulator made, delayed or not,
// names none (probe-R finding 9: a forged sign read as a wrong --cert).
func TestScenarioRuleHeader(t *testing.T) {
	e := demoEnv(t, withScenario(t, `rules:
  - name: 响应被篡改
    when: {method: getOrderDetail, param: {bizOrderNo: D-1}}
    respond: {fault: bad-signature}
  - name: gateway down
    when: {method: getOrderDetail, param: {bizOrderNo: D-2}}
    respond: {fault: http-500}
  - name: broke
    when: {method: queryBalance, param: {bizUserId: broke}}
    respond: {error: {code: "40014"}}
  - name: slow
    when: {method: queryBalance, param: {bizUserId: slow}}
    respond: {delay: 1ms}
`))
	for _, tc := range []struct {
		name, req, rule, header, fault string
	}{
		{"a forged sign", `{"service":"OrderService","method":"getOrderDetail","param":{"bizOrderNo":"D-1"}}`,
			"test.yaml:2 响应被篡改", "test.yaml:2 %E5%93%8D%E5%BA%94%E8%A2%AB%E7%AF%A1%E6%94%B9", "bad-signature"},
		{"an HTTP 500", `{"service":"OrderService","method":"getOrderDetail","param":{"bizOrderNo":"D-2"}}`,
			"test.yaml:5 gateway down", "test.yaml:5 gateway down", "http-500"},
		{"an errorCode a rule answered", `{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"broke","accountSetNo":"200126"}}`,
			"test.yaml:8 broke", "test.yaml:8 broke", ""},
		{"only delayed: the emulator answered", `{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"slow","accountSetNo":"200126"}}`,
			"", "", ""},
		{"no rule", `{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"nobody","accountSetNo":"200126"}}`,
			"", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.PostForm(e.URL+"/service/soa", signed(t, e.Merchant, e.SysID, tc.req, vectorTime))
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, resp.Body)
			require.NoError(t, resp.Body.Close())
			assert.Equal(t, tc.header, resp.Header.Get(soa.HeaderRule))
			assert.Equal(t, tc.fault, resp.Header.Get(soa.HeaderFault))

			var got []client.Rule
			c := e.client(t, client.WithRule(func(service, method string, r client.Rule) { got = append(got, r) }))
			var param map[string]any
			require.NoError(t, jsonUnmarshal(tc.req, &param))
			_, _ = c.Call(t.Context(), param["service"].(string), param["method"].(string), param["param"])
			if tc.rule == "" {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, []client.Rule{{ID: tc.rule, Fault: tc.fault}}, got)
		})
	}
}
