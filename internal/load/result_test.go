package load

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTallyClassifiesAnswers(t *testing.T) {
	tl := newTally()
	tl.count(answer{status: 200, body: []byte(`{"sysid":"1","sign":"s","signedValue":"{\"status\":\"OK\"}","status":"OK"}`)}, time.Millisecond)
	tl.count(answer{status: 200, body: []byte(`{"sign":"s","errorCode":"30000","message":"所属应用下已经存在此用户","signedValue":"x","status":"error"}`)}, time.Millisecond)
	tl.count(answer{status: 200, body: []byte(`{"signedValue":"{\"status\":\"OK\"}","status":"error","errorCode":"20019","message":"签名验证失败"}`)}, time.Millisecond)
	tl.count(answer{status: 500, body: []byte("boom")}, time.Millisecond)
	tl.count(answer{status: 200, body: []byte("not json")}, time.Millisecond)

	r := result([]*tally{tl}, time.Second)
	assert.Equal(t, uint64(5), r.Requests)
	assert.Equal(t, uint64(1), r.OK, "an escaped status inside signedValue does not count")
	assert.Equal(t, map[string]uint64{"30000": 1, "20019": 1, "http-500": 1, "bad-body": 1}, r.NotOK)
	assert.Equal(t, "所属应用下已经存在此用户", r.Examples["30000"])
	assert.Equal(t, uint64(4), r.NotOKTotal())
	assert.InDelta(t, 5.0, r.RPS, 0.001)

	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out))
	assert.Contains(t, out.String(), "not OK: 30000 ×1 (所属应用下已经存在此用户)")
}

func TestMergeRounds(t *testing.T) {
	a := newTally()
	for range 30 {
		a.count(answer{status: 200, body: okMarker}, time.Millisecond)
	}
	b := newTally()
	for range 10 {
		b.count(answer{status: 200, body: okMarker}, 3*time.Millisecond)
	}
	b.fail("30000", "dup")
	r1, r2 := result([]*tally{a}, time.Second), result([]*tally{b}, time.Second)
	r1.sent, r2.sent = 31, 11
	m := Merge(r1, r2)
	assert.Equal(t, uint64(40), m.Requests)
	assert.Equal(t, uint64(40), m.OK)
	assert.Equal(t, map[string]uint64{"30000": 1}, m.NotOK)
	assert.InDelta(t, 20.0, m.RPS, 1e-9, "40 answers in 2 s")
	assert.Equal(t, uint64(42), m.Sent(), "the requests both runs took")
	assert.InDelta(t, 3.0, m.Max, 0.01)
	assert.InDelta(t, 1.0, m.P50, 0.02)
	assert.Zero(t, Merge().Requests)
}
