package rpc

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/scenarios"
)

// TestOneJSONLogLinePerRequest: every request logs one line with the call,
// sysid, outcome, errorCode, the rule that answered, the duration and its
// journal id.
func TestOneJSONLogLinePerRequest(t *testing.T) {
	var buf testtool.Buffer
	h, m := newTestHandler(t, func(p *Parts) { p.Log = slog.New(slog.NewJSONHandler(&buf, nil)) })
	f, err := scenarios.Parse("t.yaml", []byte("rules:\n  - name: busy\n    when: {method: getMemberInfo}\n    respond: {error: {code: \"9400\"}}\n"))
	require.NoError(t, err)
	h.Scenarios.Add(f)
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("a"))
	wiretest.Call(t, h, m, `{"service":"MemberService","method":"getMemberInfo","param":{"bizUserId":"a"}}`)

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 2)
	var ok, failed map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &ok))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &failed))
	assert.Equal(t, "MemberService.createMember", ok["call"])
	assert.Equal(t, "100000000002", ok["sysid"])
	assert.Equal(t, "OK", ok["outcome"])
	assert.EqualValues(t, 1, ok["journal"])
	assert.Contains(t, ok, "duration")
	assert.Equal(t, "error", failed["outcome"])
	assert.Equal(t, "9400", failed["errorCode"])
	assert.Equal(t, "added#1 t.yaml:2 busy", failed["rule"])
}

func TestLogLevel(t *testing.T) {
	tests := []struct {
		name    string
		ex      exchange
		level   slog.Level
		outcome string
		msg     string
	}{
		{"OK", exchange{}, slog.LevelInfo, "OK", "soa OK"},
		{"error", exchange{err: soa.NewError("30000")}, slog.LevelWarn, "error", "soa error"},
		{"fault", exchange{fault: scenarios.HTTP500}, slog.LevelWarn, "fault", "soa fault"},
		{"fault over error", exchange{err: soa.NewError("30000"), fault: scenarios.HTTP500}, slog.LevelWarn, "fault", "soa fault"},
		{"OK but not portable", exchange{portability: []emulator.Portability{{Rule: "test-identity", Code: "30012"}}},
			slog.LevelWarn, "OK", msgNotPortable},
		{"an error is an error", exchange{err: soa.NewError("30000"), portability: []emulator.Portability{{Rule: "r"}}},
			slog.LevelWarn, "error", "soa error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			level, outcome, msg := logLevel(&tt.ex)
			assert.Equal(t, tt.level, level)
			assert.Equal(t, tt.outcome, outcome)
			assert.Equal(t, tt.msg, msg)
		})
	}
}

// TestPortabilityText: the notes of a call in its log line, each with its
// rule and the real test environment's code.
func TestPortabilityText(t *testing.T) {
	got := portabilityText([]emulator.Portability{
		{Rule: "test-card-prefix", Code: "30049", Message: "card 622202*********0002"},
		{Rule: "test-phone-prefix", Code: "30014", Message: "phone 18800000001"},
	})
	assert.Equal(t, "test-card-prefix: card 622202*********0002 (the real test environment answers 30049); "+
		"test-phone-prefix: phone 18800000001 (the real test environment answers 30014)", got)
}

// TestWouldFailHeaders: the reasons ride beside the notes, unless so many
// notes pass the bound; the notes themselves always do.
func TestWouldFailHeaders(t *testing.T) {
	note := emulator.Portability{Rule: "member-prerequisite", Code: "30008",
		Message: `receiver "10003" lacks setRealName: spec §4.2.4 note 3 pays only a real-named person or an approved enterprise`}
	for _, tc := range []struct {
		name    string
		n       int
		reasons bool
	}{
		{"one", 1, true},
		{"a dozen", 12, true},
		{"a hundred: past the bound", 100, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			notes := make([]emulator.Portability, tc.n)
			for i := range notes {
				notes[i] = note
			}
			hdr := http.Header{}
			wouldFailHeaders(hdr, notes)
			assert.Len(t, soa.ParseWouldFail(hdr.Get(soa.HeaderWouldFail)), tc.n)
			_, present := hdr[soa.HeaderWouldFailReason]
			assert.Equal(t, tc.reasons, present)
			if tc.reasons {
				got := soa.ParseWouldFail(hdr.Get(soa.HeaderWouldFail))
				soa.AddWouldFailReasons(got, hdr.Get(soa.HeaderWouldFailReason))
				assert.Equal(t, note.Message, got[tc.n-1].Reason)
				assert.LessOrEqual(t, len(hdr.Get(soa.HeaderWouldFailReason)), maxReasonsHeader)
			}
		})
	}
}

// TestWouldFailReasonsBound: a reasons value of exactly maxReasonsHeader
// bytes is sent, one byte more is left out (the bound is inclusive).
func TestWouldFailReasonsBound(t *testing.T) {
	note := func(n int) []emulator.Portability {
		return []emulator.Portability{{Rule: "member-prerequisite", Code: "30008", Message: strings.Repeat("a", n)}}
	}
	overhead := len(soa.FormatWouldFailReasons([]soa.WouldFail{{Rule: "member-prerequisite", Code: "30008", Reason: "a"}})) - 1
	for _, tc := range []struct {
		name    string
		length  int
		present bool
	}{
		{"at the bound", maxReasonsHeader, true},
		{"one byte past", maxReasonsHeader + 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := http.Header{}
			wouldFailHeaders(hdr, note(tc.length-overhead))
			v, present := hdr[soa.HeaderWouldFailReason]
			require.Equal(t, tc.present, present)
			if present {
				assert.Len(t, v[0], tc.length)
			}
		})
	}
}
