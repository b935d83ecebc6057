package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// withScenario loads a scenario written in the test as "test.yaml".
func withScenario(t testing.TB, src string) func(*mock.Config) {
	t.Helper()
	f, err := scenarios.Parse("test.yaml", []byte(src))
	require.NoError(t, err)
	return func(c *mock.Config) { c.Scenarios = append(c.Scenarios, f) }
}

// withBuiltin loads an embedded example scenario.
func withBuiltin(t testing.TB, name string) func(*mock.Config) {
	t.Helper()
	f, err := scenarios.Builtin(name)
	require.NoError(t, err)
	return func(c *mock.Config) { c.Scenarios = append(c.Scenarios, f) }
}

// callJSON sends a call with a JSON param text and decodes the verified
// answer, numbers as json.Number so that tests can tell 100 from "100".
func callJSON(t testing.TB, c *client.Client, call, param string) (map[string]any, error) {
	t.Helper()
	service, method, _ := strings.Cut(call, ".")
	raw, err := c.Call(context.Background(), service, method, json.RawMessage(param))
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var v map[string]any
	require.NoError(t, dec.Decode(&v), "%s", raw)
	return v, nil
}

// apiError asserts a verified error answer and returns it.
func apiError(t testing.TB, err error) *client.Error {
	t.Helper()
	var apiErr *client.Error
	require.True(t, errors.As(err, &apiErr), "want *client.Error, got %v", err)
	return apiErr
}

// waitForLog waits (briefly) until the server has logged text.
func waitForLog(t testing.TB, e *env, text string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(e.Log.String(), text) {
		if time.Now().After(deadline) {
			t.Fatalf("the log never said %q:\n%s", text, e.Log.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// postOrderDetail sends getOrderDetail of bizOrderNo order as a plain HTTP
// client would, and returns the answer as it came: a fault's too.
func postOrderDetail(t testing.TB, e *env, order string) (*http.Response, []byte) {
	t.Helper()
	req := `{"service":"OrderService","method":"getOrderDetail","param":{"bizOrderNo":"` + order + `"}}`
	resp, err := http.PostForm(e.URL+"/service/soa", signed(t, e.Merchant, e.SysID, req, vectorTime))
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

// journalOf returns the journal entry of the only call whose query is q
// (e.g. "param.bizOrderNo=gateway-1"), once it is recorded.
func journalOf(t testing.TB, e *env, q string) journal.Entry {
	t.Helper()
	var page struct{ Entries []journal.Entry }
	require.Eventually(t, func() bool {
		admin{t: t, base: e.URL}.get("journal?"+q, &page)
		return len(page.Entries) > 0
	}, 5*time.Second, 10*time.Millisecond, "journal?%s", q)
	require.Len(t, page.Entries, 1, "journal?%s", q)
	return page.Entries[0]
}
