package proxy

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/scenarios"
)

// recTime is when the test calls are made.
var recTime = time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)

// newTestRecorder records into a fresh folder with the demo platform key.
func newTestRecorder(t testing.TB, ignore ...string) (*Recorder, string) {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	dir := t.TempDir()
	if ignore == nil {
		ignore = DefaultRecordIgnore()
	}
	r, err := NewRecorder(RecorderConfig{Dir: dir, Upstream: "http://upstream.test/service/soa", Mode: "passthrough",
		Version: "test", Ignore: ignore, PlatformKey: m.PlatformKey})
	require.NoError(t, err)
	return r, dir
}

// recording is a call of method with params (JSON) answered value (JSON)
// or code and message.
func recording(t testing.TB, service, method, param, value string) Recording {
	t.Helper()
	m, serr := soa.DefaultCatalogue().Lookup(service, method)
	require.Nil(t, serr)
	rec := Recording{Time: recTime, SysID: demo.SysID, HTTPMethod: "POST", Method: m, Param: decodeJSON(t, param),
		Opened: map[string]string{}, Sealed: map[string]bool{}}
	if value != "" {
		rec.Value = decodeJSON(t, value)
	}
	return rec
}

func decodeJSON(t testing.TB, text string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v map[string]any
	require.NoError(t, dec.Decode(&v))
	return v
}

// replay loads the folder's files and decides how the call would be
// answered.
func replay(t testing.TB, dir string, service, method string, param map[string]any) scenarios.Decision {
	t.Helper()
	files, err := scenarios.Load(dir)
	require.NoError(t, err, "the recording loads")
	set := scenarios.NewSet(scenarios.Options{NoMagic: true})
	set.SetFiles(files)
	return set.Decide(scenarios.Request{SysID: demo.SysID, Service: service, Method: method, Param: param})
}

func fileText(t testing.TB, dir, service string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, service+".yaml"))
	require.NoError(t, err)
	return string(b)
}

// TestRecordedConditions: what a rule matches on, and how it is written.
func TestRecordedConditions(t *testing.T) {
	t.Parallel()
	m, err := demo.Load()
	require.NoError(t, err)
	sealedFor := func(text string) string { // encrypted for a platform that is not tsymock
		ct, err := keys.EncryptField(&m.MerchantKey.PublicKey, text)
		require.NoError(t, err)
		return ct
	}
	openFor := func(text string) string {
		ct, err := keys.EncryptField(&m.PlatformKey.PublicKey, text)
		require.NoError(t, err)
		return ct
	}
	for _, tc := range []struct {
		name, service, method, param string
		want, absent                 []string
	}{
		{name: "scalars by type", service: "MemberService", method: "createMember",
			param: `{"bizUserId":"007","memberType":3,"source":1,"extendParam":null}`,
			want:  []string{`bizUserId: "007"`, "memberType: 3", "source: 1", "extendParam: {absent: true}"}},
		{name: "paths into objects and lists", service: "OrderService", method: "consumeApply",
			param:  `{"bizOrderNo":"C1","payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":100}]},"orderExpireDatetime":"2026-11-28 12:30:00"}`,
			want:   []string{"payMethod.BALANCE[0].accountSetNo: \"200126\"", "payMethod.BALANCE[0].amount: 100", "bizOrderNo: C1"},
			absent: []string{"orderExpireDatetime:"}},
		{name: "a param the method does not have", service: "MemberService", method: "createMember",
			param:  `{"bizUserId":"a","memberType":3,"source":1,"notAParam":"x","a.b":"y"}`,
			absent: []string{"notAParam:", "a.b:"}},
		{name: "an encrypted field tsymock cannot open", service: "MemberService", method: "setRealName",
			param: `{"bizUserId":"a","name":"n","identityType":1,"identityNo":"` + sealedFor("110101199003078515") + `"}`,
			want:  []string{"identityNo: {present: true}"}},
		{name: "one it opens: its masked pattern", service: "MemberService", method: "setRealName",
			param:  `{"bizUserId":"a","name":"n","identityType":1,"identityNo":"` + openFor("110101199003078515") + `"}`,
			want:   []string{`identityNo: {regex: '^110101.{8}8515$'}`},
			absent: []string{"110101199003078515"}},
		{name: "numbers in clear: masked, short ones by presence", service: "MemberService", method: "applyBindBankCard",
			param:  `{"bizUserId":"a","cardNo":"6222021234567890123","phone":"13800000000","name":"n","identityType":1,"identityNo":"x","validate":"0925","cvv2":"123"}`,
			want:   []string{`cardNo: {regex: '^622202.{9}0123$'}`, "validate: {present: true}", "cvv2: {present: true}"},
			absent: []string{"6222021234567890123", "0925"}},
		{name: "free text holding card numbers: a pattern, the comment masked", service: "OrderService", method: "consumeApply",
			param:  `{"bizOrderNo":"C1","summary":"card 6222 0212 3456 7890 123 and 6222021234567890123"}`,
			want:   []string{`summary: {regex: '^card 6222 0.{13} 123 and 622202.{9}0123$'}`, `card 622202*********0123 and 622202*********0123`},
			absent: []string{"6222 0212 3456 7890 123", "6222021234567890123"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, dir := newTestRecorder(t)
			rec := recording(t, tc.service, tc.method, tc.param, `{"ok":true}`)
			r.decodeInto(&rec)
			_, err := r.Record(rec)
			require.NoError(t, err)
			text := fileText(t, dir, tc.service)
			for _, w := range tc.want {
				assert.Contains(t, text, w)
			}
			for _, a := range tc.absent {
				assert.NotContains(t, text, a)
			}
			d := replay(t, dir, tc.service, tc.method, plainParams(t, r, rec))
			assert.Equal(t, scenarios.OK, d.Kind, "the rule answers the call it was recorded from:\n%s", text)
		})
	}
}

// decodeInto fills in the encrypted fields the recorder's key opens, as
// Proxy.decode does.
func (r *Recorder) decodeInto(rec *Recording) {
	rec.Opened, rec.Sealed = openFields(r.cfg.PlatformKey, rec.Method, rec.Param)
}

// plainParams are the params as the rules see them on replay: encrypted
// fields the key opens, decrypted.
func plainParams(t testing.TB, r *Recorder, rec Recording) map[string]any {
	t.Helper()
	plain := soa.CopyParams(rec.Param)
	_ = soa.WalkEncrypted(plain, rec.Method.EncryptedRequestPaths(), func(path, hex string) (string, error) {
		if text, ok := rec.Opened[path]; ok {
			return text, nil
		}
		return hex, nil
	})
	return plain
}

// TestRecordedSequences: a call made again with another answer becomes a
// sequence, the last repeating; the same answer again only counts.
func TestRecordedSequences(t *testing.T) {
	t.Parallel()
	ok := `{"userId":"u1","bizUserId":"a"}` // the platform's key order (soa.MarshalValue)
	for _, tc := range []struct {
		name    string
		answers []string // "" is the error 30000
		want    []string // what a replay answers, call by call
		steps   int
	}{
		{"the same answer", []string{ok, ok, ok}, []string{ok, ok, ok, ok}, 1},
		{"then an error, repeated", []string{ok, "", ""}, []string{ok, "30000", "30000", "30000"}, 2},
		{"back and forth", []string{ok, "", ok}, []string{ok, "30000", ok, ok}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, dir := newTestRecorder(t)
			for i, a := range tc.answers {
				rec := recording(t, "MemberService", "createMember", `{"bizUserId":"a","memberType":3,"source":1}`, a)
				rec.Time = recTime.Add(time.Duration(i) * time.Second)
				if a == "" {
					rec.Err = soa.NewError("30000")
				}
				_, err := r.Record(rec)
				require.NoError(t, err)
			}
			text := fileText(t, dir, "MemberService")
			assert.Equal(t, tc.steps, strings.Count(text, "respond:"), text)
			assert.Contains(t, text, "3 calls, the last 2026-11-28 12:00:02")
			files, err := scenarios.Load(dir)
			require.NoError(t, err)
			set := scenarios.NewSet(scenarios.Options{NoMagic: true})
			set.SetFiles(files)
			for i, want := range tc.want {
				d := set.Decide(scenarios.Request{Service: "MemberService", Method: "createMember", Param: decodeJSON(t, `{"bizUserId":"a","memberType":3,"source":1}`)})
				assert.Equal(t, want, answerText(t, d), "call %d", i+1)
			}
		})
	}
}

// answerText is a decision's answer: its body as JSON, or its code.
func answerText(t testing.TB, d scenarios.Decision) string {
	t.Helper()
	switch d.Kind {
	case scenarios.Fail:
		return d.Err.Code
	case scenarios.OK:
		text, err := soa.MarshalValue(d.Body)
		require.NoError(t, err)
		return text
	}
	return "emulate"
}

// TestRecordedFileOrder: the same calls give the same file whatever order
// they came in; a rule matching more params comes first.
func TestRecordedFileOrder(t *testing.T) {
	t.Parallel()
	calls := []Recording{
		recording(t, "OrderService", "queryBalance", `{"bizUserId":"b","accountSetNo":"200126"}`, `{"allAmount":2}`),
		recording(t, "OrderService", "getOrderDetail", `{"bizOrderNo":"O1"}`, `{"orderStatus":4}`),
		recording(t, "OrderService", "queryBalance", `{"bizUserId":"a","accountSetNo":"200126"}`, `{"allAmount":1}`),
		recording(t, "OrderService", "queryBalance", `{"bizUserId":"a"}`, `{"allAmount":0}`),
	}
	var texts []string
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}} {
		r, dir := newTestRecorder(t)
		for _, i := range order {
			_, err := r.Record(calls[i])
			require.NoError(t, err)
		}
		texts = append(texts, strings.ReplaceAll(fileText(t, dir, "OrderService"), dir, "DIR"))
		d := replay(t, dir, "OrderService", "queryBalance", decodeJSON(t, `{"bizUserId":"a","accountSetNo":"200126"}`))
		assert.Equal(t, `{"allAmount":1}`, answerText(t, d), "the more specific rule answers")
	}
	assert.Equal(t, texts[0], texts[1])
	assert.Less(t, strings.Index(texts[0], "getOrderDetail"), strings.Index(texts[0], "queryBalance"))
}

// TestRecordedAnswers: how answers are written: masked numbers, fields the
// upstream encrypted for the merchant, braces, an ignored param's echo.
func TestRecordedAnswers(t *testing.T) {
	t.Parallel()
	r, dir := newTestRecorder(t, "bizOrderNo")
	rec := recording(t, "OrderService", "getOrderDetail", `{"bizOrderNo":"ORD-1"}`,
		`{"bizOrderNo":"ORD-1","cardNo":"6222021234567890123","extendInfo":"{{x}}","amount":1.50}`)
	_, err := r.Record(rec)
	require.NoError(t, err)
	text := fileText(t, dir, "OrderService")
	assert.NotContains(t, text, "6222021234567890123")
	assert.NotContains(t, text, "ORD-1\n", "the ignored param is not matched, and its echo is a template")
	d := replay(t, dir, "OrderService", "getOrderDetail", decodeJSON(t, `{"bizOrderNo":"ORD-2"}`))
	assert.Equal(t, `{"amount":1.50,"extendInfo":"{{x}}","cardNo":"622202*********0123","bizOrderNo":"ORD-2"}`, answerText(t, d))

	unbind := recording(t, "MemberService", "unbindBankCard", `{"bizUserId":"a","cardNo":"6222021234567890123"}`,
		`{"bizUserId":"a","cardNo":"`+strings.Repeat("AB", 128)+`"}`)
	_, err = r.Record(unbind)
	require.NoError(t, err)
	d = replay(t, dir, "MemberService", "unbindBankCard", decodeJSON(t, `{"bizUserId":"a","cardNo":"6222021234567890123"}`))
	assert.Equal(t, `{"cardNo":"622202*********0123","bizUserId":"a"}`, answerText(t, d),
		"the field encrypted for the merchant: the request's number, masked")
}

// TestRecordedNotes: answers no rule can give are listed in the file, not
// recorded; the file still loads.
func TestRecordedNotes(t *testing.T) {
	t.Parallel()
	r, dir := newTestRecorder(t)
	for _, code := range []string{"20019", "20000", "12345"} {
		rec := recording(t, "MemberService", "createMember", `{"bizUserId":"a","memberType":3,"source":1}`, "")
		rec.Err = &soa.Error{Code: code, Message: "m"}
		_, err := r.Record(rec)
		require.ErrorIs(t, err, errNotRecordable)
	}
	text := fileText(t, dir, "MemberService")
	assert.Contains(t, text, "rules: []")
	assert.Contains(t, text, "# Calls not recorded as rules:")
	assert.Contains(t, text, "concerns the sysid or the sign")
	assert.Contains(t, text, "errorCode 12345 (m) is not in tsymock's catalogue")
	_, err := scenarios.Load(dir)
	require.NoError(t, err)
}

// TestRecordedNotesWithAnyCharacter: an upstream's message listed in a
// note may hold any character; the file loads whatever it holds (YAML
// refuses C1 controls, U+FFFE and U+FFFF anywhere in a file, comments too).
func TestRecordedNotesWithAnyCharacter(t *testing.T) {
	t.Parallel()
	for _, message := range []string{"a\u0080b", "a\u009fb", "a\ufffeb", "a\uffffb", "a\u0085b", "a\u2028b", "a\x00b\tc\rd", "a\xffb"} {
		t.Run(strings.ToValidUTF8(message, "?"), func(t *testing.T) {
			r, dir := newTestRecorder(t)
			rec := recording(t, "MemberService", "createMember", `{"bizUserId":"a","memberType":3,"source":1}`, "")
			rec.Err = &soa.Error{Code: "12345", Message: message}
			_, err := r.Record(rec)
			require.ErrorIs(t, err, errNotRecordable)
			_, err = scenarios.Load(dir)
			require.NoError(t, err)
			assert.Contains(t, fileText(t, dir, "MemberService"), "errorCode 12345 (a")
		})
	}
}

// TestRecorderRefusesAnEarlierRecording: a folder holding a file the
// recorder would write stops it.
func TestRecorderRefusesAnEarlierRecording(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "OrderService.yaml"), []byte("rules: []\n"), 0o600))
	_, err := NewRecorder(RecorderConfig{Dir: dir})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "already holds OrderService.yaml from an earlier recording")
	_, err = NewRecorder(RecorderConfig{Dir: t.TempDir(), Ignore: []string{"[a"}})
	assert.ErrorContains(t, err, `field pattern "[a"`)
}
