package proxy

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/scenarios"
)

// fuzzMethods are the methods FuzzRecord records: plain params, nested
// objects with wildcard keys, lists, encrypted fields.
func fuzzMethods() [][2]string {
	return [][2]string{{"MemberService", "createMember"}, {"OrderService", "consumeApply"},
		{"MemberService", "applyBindBankCard"}, {"OrderService", "batchAgentPay"}}
}

// FuzzRecord: whatever params and answer a call had, its recorded file
// loads, the rule answers the very call it was recorded from, and it
// answers what the upstream answered (masked where the journal masks).
func FuzzRecord(f *testing.F) {
	for _, seed := range []struct {
		method              uint8
		param, answer, code string
	}{
		{0, `{"bizUserId":"a","memberType":3,"source":1}`, `{"bizUserId":"a","userId":"u"}`, ""},
		{0, `{"bizUserId":"007","memberType":"3","source":1.0,"extendParam":null}`, "", "30000"},
		{1, `{"bizOrderNo":"C1","payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":100}]},"amount":1e3}`, `{"payStatus":"success","x":"{{y}}"}`, ""},
		{2, `{"bizUserId":"a","cardNo":"6222021234567890123","validate":"0925","phone":"13800000000"}`, `{"tranceNum":"1","cardNo":"6222021234567890123"}`, ""},
		{3, `{"bizBatchNo":"B","batchPayList":[{"bizOrderNo":"x","amount":1},{"bizOrderNo":"y","amount":2}]}`, `{"a":[[],{}],"b":true,"c":null,"<<":"m"}`, ""},
		{1, `{"bizOrderNo":"C2","summary":"card 6222 0212 3456 7890 123 (6222021234567890123) id 110101-19900307-803X."}`, `{"payStatus":"success"}`, ""},
	} {
		f.Add(seed.method, seed.param, seed.answer, seed.code, "消息 {{ message 6222021234567890123")
	}
	m, err := demo.Load()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, which uint8, param, answer, code, message string) {
		name := fuzzMethods()[int(which)%len(fuzzMethods())]
		method, _ := soa.DefaultCatalogue().Lookup(name[0], name[1])
		params, ok := jsonObject(param)
		if !ok {
			return
		}
		rec := Recording{Time: recTime, SysID: "s", HTTPMethod: "POST", Method: method, Param: params}
		rec.Opened, rec.Sealed = openFields(m.PlatformKey, method, params)
		if rec.Value, ok = jsonObject(answer); !ok {
			rec.Err = &soa.Error{Code: code, Message: message}
		}
		dir := t.TempDir()
		r, err := NewRecorder(RecorderConfig{Dir: dir, Ignore: DefaultRecordIgnore(), PlatformKey: m.PlatformKey})
		require.NoError(t, err)
		_, err = r.Record(rec)
		if err != nil {
			require.ErrorIs(t, err, errNotRecordable)
			_, lerr := scenarios.Load(dir)
			require.NoError(t, lerr, "a file listing calls not recorded loads too")
			return
		}
		d := replay(t, dir, name[0], name[1], params)
		checkReplayed(t, rec, d)
	})
}

// checkReplayed: the replayed answer is the recorded one, masked.
func checkReplayed(t *testing.T, rec Recording, d scenarios.Decision) {
	if rec.Err != nil {
		require.Equal(t, scenarios.Fail, d.Kind, "the rule answers its own call")
		require.Equal(t, rec.Err.Code, d.Err.Code)
		require.Equal(t, journal.MaskNumbers(strings.ToValidUTF8(rec.Err.Message, "\uFFFD")), d.Err.Message)
		return
	}
	require.Equal(t, scenarios.OK, d.Kind, "the rule answers its own call")
	want := soa.CopyParams(rec.Value)
	_ = soa.WalkEncrypted(want, rec.Method.EncryptedResponse, func(path, _ string) (string, error) {
		return maskedRequestField(rec, leafName(path)), nil
	})
	journal.MaskSensitive(want)
	wantText, err := soa.MarshalValue(want)
	require.NoError(t, err)
	gotText, err := soa.MarshalValue(d.Body)
	require.NoError(t, err)
	if wantText != gotText && !echoed(rec) {
		t.Fatalf("replayed %s, recorded %s", gotText, wantText)
	}
}

// echoed reports whether an ignored param's value is in the answer: it is
// replayed as a template of the param, which may type it differently.
func echoed(rec Recording) bool {
	for name := range rec.Param {
		if Patterns(DefaultRecordIgnore()).Match(name, name) {
			return true
		}
	}
	return false
}

// jsonObject decodes text as one JSON object, numbers as json.Number.
func jsonObject(text string) (map[string]any, bool) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v map[string]any
	if dec.Decode(&v) != nil || v == nil || dec.More() {
		return nil, false
	}
	return v, true
}
