package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tsymock/tsymock/internal/journal"
)

// TestJournalRecordsFaultBodies: the journal's response of a fault is the
// body the client got, byte for byte, with its HTTP status (probe-Z §15: it
// was "" for http-500 and malformed-json, although admin.md promises "the
// body as written").
func TestJournalRecordsFaultBodies(t *testing.T) {
	e := demoEnv(t, withBuiltin(t, "flaky-network"))
	for _, order := range []string{"empty-1", "garbled-1", "gateway-1", "forged-1"} {
		t.Run(order, func(t *testing.T) {
			resp, body := postOrderDetail(t, e, order)
			got := journalOf(t, e, "param.bizOrderNo="+order)
			assert.Equal(t, journal.OutcomeFault, got.Outcome)
			assert.Equal(t, string(body), got.Response)
			assert.Equal(t, resp.StatusCode, got.HTTPStatus)
		})
	}
	assert.Equal(t, http.StatusInternalServerError, journalOf(t, e, "param.bizOrderNo=gateway-1").HTTPStatus)
	assert.Contains(t, journalOf(t, e, "param.bizOrderNo=gateway-1").Response, "500 Internal Server Error")
}
