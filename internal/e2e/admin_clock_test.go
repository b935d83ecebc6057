package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// TestAdminClockBackToSystem: a server on the system clock moved with POST
// /__tsymock/clock refuses an SDK that signs with the real clock (spec §3.1
// timestamp, 10000), and says the clock was moved rather than blaming the
// client's time zone; {"set":"system"} puts it back, and the SDK's calls
// pass again.
func TestAdminClockBackToSystem(t *testing.T) {
	t.Parallel()
	e := demoEnv(t, func(c *mock.Config) { c.Clock = nil })
	a := admin{t: t, base: e.URL}
	sdk, err := client.New(e.URL, e.SysID, e.Merchant, e.Cert) // the real clock, as real SDKs sign
	require.NoError(t, err)
	type clockAnswer struct {
		China string `json:"china"`
		Moved string `json:"moved"`
	}
	for _, step := range []struct {
		name      string
		body      string // POSTed to /__tsymock/clock first, when set
		moved     string
		code      string // the SDK's call's errorCode, "" for OK
		message   []string
		noMessage []string
	}{
		{name: "the system clock", code: ""},
		{name: "moved a day and a half ahead", body: `{"advance":"36h"}`, moved: "36h0m0s", code: "10000",
			message: []string{"is 36h0m0s behind the server time", "the server clock was moved 36h0m0s ahead of the real clock " +
				"with POST /__tsymock/clock, and real SDKs sign with the real clock", `{"set":"system"} puts it back`},
			noMessage: []string{"time zone", "UTC"}},
		{name: "moved behind as well", body: `{"advance":"-72h"}`, moved: "-36h0m0s", code: "10000",
			message: []string{"36h0m0s behind the real clock"}},
		{name: "back on the system clock", body: `{"set":"system"}`, moved: "", code: ""},
	} {
		t.Run(step.name, func(t *testing.T) {
			if step.body != "" {
				var got clockAnswer
				a.json(http.MethodPost, "clock", step.body, http.StatusOK, &got)
				assert.Equal(t, step.moved, got.Moved)
			}
			err := createMember(t, sdk, "clock-"+step.name)
			if step.code == "" {
				require.NoError(t, err)
				return
			}
			require.Equal(t, step.code, errorCodeOf(t, err))
			for _, s := range step.message {
				assert.Contains(t, err.Error(), s)
			}
			for _, s := range step.noMessage {
				assert.NotContains(t, err.Error(), s)
			}
		})
	}
}

// TestAdminClockFixedHasNoSystem: a fixed clock (serve --clock) has no
// system clock to go back to: 409, and it stays where it is.
func TestAdminClockFixedHasNoSystem(t *testing.T) {
	t.Parallel()
	e := demoEnv(t)
	a := admin{t: t, base: e.URL}
	code, body := a.do(http.MethodPost, "clock", `{"set":"system"}`)
	assert.Equal(t, http.StatusConflict, code)
	assert.Contains(t, string(body), "no system clock to go back to")
	var got struct{ China, Moved string }
	a.get("clock", &got)
	assert.Equal(t, "2026-11-28 12:00:00", got.China)
	assert.Empty(t, got.Moved, "a fixed clock is not moved from a real one")
}
