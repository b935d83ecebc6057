package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReservedBizUserID: no member takes the platform's own bizUserId
// (spec §4.1.1), and the platform's statement is queried with it
// (spec §4.2.20).
func TestReservedBizUserID(t *testing.T) {
	e := newTest()
	_, serr := do(t, e, "createMember", `{"bizUserId":"#yunBizUserId_B2C#","memberType":3,"source":1}`)
	require.NotNil(t, serr)
	assert.Equal(t, "10000", serr.Code)
	assert.Contains(t, serr.Message, "spec §4.1.1")
	assert.Empty(t, e.Members("app"))

	funded(t, e, 500, "m") // a transfer from the platform's 100001
	v := ok(t, e, "queryInExpDetail", `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100001","dateStart":"2026-11-28",`+
		`"dateEnd":"2026-11-28","startPosition":1,"queryNum":10}`)
	assert.Equal(t, OwnerPlatform, v["bizUserId"])
	lines := asList(v["inExpDetail"])
	require.Len(t, lines, 2, "the starting funds and the transfer")
	assert.Equal(t, int64(-500), asInt(lines[0]["chgAmount"]), "newest first")
}
