package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseErrors: every kind of mistake is an error naming file:line.
func TestParseErrors(t *testing.T) {
	const head = "rules:\n  - when: {service: MemberService, method: createMember}\n"
	for _, tc := range []struct {
		name, src, want string
	}{
		{"empty file", "", "test.yaml:1: the file is empty"},
		{"comment only", "# nothing\n", "test.yaml:1: the file is empty"},
		{"syntax", "rules:\n  - when: {\n", "test.yaml:2:11: syntax: this '{' is not closed"},
		{"not a mapping", "- a\n", "test.yaml:1: scenario file must be a mapping"},
		{"no rules", "name: x\n", "test.yaml:1: a scenario file needs rules:"},
		{"two documents", "rules: []\n---\nrules: []\n", "holds one document"},
		{"unknown top key", "rulez: []\n", `test.yaml:1: scenario file: unknown key "rulez" (did you mean "rules"?)`},
		{"rules not a list", "rules: {}\n", "test.yaml:1: rules must be a list, got a mapping"},
		{"unknown rule key", head + "    respond: {ok: {}}\n    time: 1\n", `test.yaml:4: rule: unknown key "time" (did you mean "times"?)`},
		{"duplicate key", head + "    respond: {ok: {}}\n    respond: {ok: {}}\n", `test.yaml:4: rule: key "respond" appears twice`},
		{"no when", "rules:\n  - respond: {ok: {}}\n", "test.yaml:2: rule needs a when"},
		{"no respond", head, "test.yaml:2: rule needs exactly one of respond and sequence"},
		{"both respond and sequence", head + "    respond: {ok: {}}\n    sequence: [{ok: {}}]\n", "exactly one of respond and sequence"},
		{"unknown service", "rules:\n  - when: {service: MemberServce}\n    respond: {ok: {}}\n", `test.yaml:2: unknown service "MemberServce" (did you mean "MemberService"?)`},
		{"unknown method", "rules:\n  - when: {service: MemberService, method: createMembr}\n    respond: {ok: {}}\n", `test.yaml:2: unknown method "createMembr"`},
		{"method in no service", "rules:\n  - when: {method: nope}\n    respond: {ok: {}}\n", `unknown method "nope"`},
		{"page flow", "rules:\n  - when: {service: MemberPwdService, method: setPayPwd}\n    respond: {ok: {}}\n", "page flow"},
		{"unknown param", "rules:\n  - when:\n      service: MemberService\n      method: createMember\n      param: {bizUserID: x}\n    respond: {ok: {}}\n", `test.yaml:5: param "bizUserID": MemberService.createMember has no such param (did you mean "bizUserId"?)`},
		{"param no method has (probe-Z 13)", "rules:\n  - when: {param: {bizUserID: x}}\n    respond: {error: \"9400\"}\n",
			`test.yaml:2: param "bizUserID": no method has such a param (did you mean "bizUserId"?)`},
		{"param no method of the service has", "rules:\n  - when: {service: OrderService, param: {bizOrderNO: x}}\n    respond: {error: \"9400\"}\n",
			`test.yaml:2: param "bizOrderNO": no method of OrderService has such a param (did you mean "bizOrderNo"?)`},
		{"param far from every method's", "rules:\n  - when: {param: {zzzqqq: x}}\n    respond: {error: \"9400\"}\n",
			`test.yaml:2: param "zzzqqq": no method has such a param (docs/methods.md lists each method's params)`},
		{"bad path", "rules:\n  - when: {param: {\"a[x]\": 1}}\n    respond: {ok: {}}\n", `test.yaml:2: param path "a[x]"`},
		{"unknown operator", "rules:\n  - when: {param: {a: {regexp: x}}}\n    respond: {ok: {}}\n", `unknown key "regexp" (did you mean "regex"?)`},
		{"bad regex", "rules:\n  - when: {param: {a: {regex: \"(\"}}}\n    respond: {ok: {}}\n", `test.yaml:2: regex "("`},
		{"range needs number", "rules:\n  - when: {param: {a: {gt: ten}}}\n    respond: {ok: {}}\n", "gt needs a number"},
		{"eq null", "rules:\n  - when: {param: {a: null}}\n    respond: {ok: {}}\n", "use absent: true"},
		{"in not a list", "rules:\n  - when: {param: {a: {in: x}}}\n    respond: {ok: {}}\n", "in must be a non-empty list"},
		{"present not bool", "rules:\n  - when: {param: {a: {present: yes please}}}\n    respond: {ok: {}}\n", "present must be true or false"},
		{"empty condition", "rules:\n  - when: {param: {a: {}}}\n    respond: {ok: {}}\n", "has no operator"},
		{"unknown error code", head + "    respond: {error: {code: \"40024\"}}\n", `test.yaml:3: unknown error code "40024"`},
		{"error without code", head + "    respond: {error: {message: x}}\n", "error needs a code"},
		{"error code wrong type", head + "    respond: {error: {code: [1]}}\n", "error code must be a single value"},
		{"unknown fault", head + "    respond: {fault: timeout}\n", `unknown fault "timeout"`},
		{"fault with answer", head + "    respond: {fault: empty-body, ok: {}}\n", "fault empty-body sends no answer"},
		{"two faults", head + "    respond: {hang: 1s, slow-body: 2s}\n", "hang and slow-body cannot be combined"},
		{"fault and slow-body", head + "    respond: {fault: short-body, slow-body: 2s}\n", "short-body and slow-body cannot be combined"},
		{"slow-body not a duration", head + "    respond: {slow-body: 2}\n", "slow-body must be a duration"},
		{"emulate with slow-body", head + "    respond: {emulate: true, fault: short-body}\n",
			"fault short-body alone carries the emulator's answer already; leave emulate out"},
		{"two answers", head + "    respond: {ok: {}, error: \"30000\"}\n", "respond has ok and error: give only one of ok and error"},
		{"emulate with ok", head + "    respond: {emulate: true, ok: {}}\n", "respond has emulate and ok: give one"},
		{"emulate with a fault and its answer", head + "    respond: {emulate: true, fault: http-500, error: \"9400\"}\n",
			"fault http-500 sends no answer, so error means nothing here"},
		{"emulate with error on a page", "rules:\n  - when: {method: setPayPwd}\n    respond: {emulate: true, error: \"9400\"}\n",
			"emulate with error is for /service/soa"},
		{"empty respond", head + "    respond: {}\n", "respond needs one of"},
		{"bad duration", head + "    respond: {delay: 3}\n", "delay must be a duration such as 250ms"},
		{"negative duration", head + "    respond: {delay: -1s}\n", "delay must not be negative"},
		{"ok not a mapping", head + "    respond: {ok: [1]}\n", "answer must be a mapping"},
		{"bad template", head + "    respond: {ok: {a: \"{{nope}}\"}}\n", `test.yaml:3: template: {{nope}}: unknown function "nope"`},
		{"unclosed template", head + "    respond: {ok: {a: \"{{now\"}}\n", "without its }}"},
		{"template arity", head + "    respond: {ok: {a: \"{{uuid 1}}\"}}\n", "uuid takes"},
		{"times zero", head + "    respond: {ok: {}}\n    times: 0\n", "times must be a whole number of at least 1"},
		{"times below steps", head + "    sequence: [{ok: {}}, {ok: {}}]\n    times: 1\n", "retires the rule before its 2 steps"},
		{"empty sequence", head + "    sequence: []\n", "sequence must be a non-empty list"},
		{"alias", "x: &a {}\nrules:\n  - when: *a\n    respond: {ok: {}}\n", "test.yaml:3: aliases (*a) are not supported"},
		{"emulate false", head + "    respond: {emulate: false}\n", "emulate: false means nothing"},
		{"number JSON cannot carry", head + "    respond: {ok: {a: .inf}}\n", "not a number JSON can carry"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("test.yaml", []byte(tc.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			for _, e := range AsErrors(err) {
				assert.Equal(t, "test.yaml", e.File)
			}
		})
	}
}

// TestParseReportsEveryProblem: one run shows all the mistakes of a file.
func TestParseReportsEveryProblem(t *testing.T) {
	_, err := Parse("many.yaml", []byte(`rules:
  - when: {service: Nope}
    respond: {ok: {}}
  - when: {}
    respond: {error: {code: "1"}}
  - when: {}
    respond: {fault: nope}
`))
	errs := AsErrors(err)
	require.Len(t, errs, 3, "%v", err)
	assert.Equal(t, []int{2, 5, 7}, []int{errs[0].Line, errs[1].Line, errs[2].Line})
}

// TestJSONAccepted: a JSON scenario file works like YAML, tabs and all.
func TestJSONAccepted(t *testing.T) {
	f, err := Parse("x.json", []byte("{\n\t\"rules\": [\n\t\t{\"when\": {\"service\": \"OrderService\", \"method\": \"queryBalance\"},\n\t\t \"respond\": {\"ok\": {\"allAmount\": 5}}}\n\t]\n}\n"))
	require.NoError(t, err)
	require.Len(t, f.Rules, 1)
	assert.Equal(t, "x.json:3", f.Rules[0].ID())
	assert.Equal(t, "x", f.Name)
}

// TestBuiltins: every example loads, by name and all at once.
func TestBuiltins(t *testing.T) {
	names := BuiltinNames()
	assert.Subset(t, names, []string{"balances", "duplicate-member", "flaky-network", "payment-failures"})
	for _, name := range names {
		f, err := Builtin(name)
		require.NoError(t, err, name)
		assert.Equal(t, "builtin:"+name, f.Source)
		assert.NotEmpty(t, f.Rules, name)
		assert.NotEmpty(t, f.Description, name)
	}
	all, err := Load("builtin:*")
	require.NoError(t, err)
	assert.Len(t, all, len(names))
	_, err = Load("builtin:nope")
	assert.ErrorContains(t, err, "builtin:nope: no such built-in scenario")
}

// TestExamplesOnDisk: the example files in this folder are the embedded
// ones, and load from disk too.
func TestExamplesOnDisk(t *testing.T) {
	files, err := Load(".")
	require.NoError(t, err)
	assert.Len(t, files, len(BuiltinNames()))
}

// TestLoadFolder: a folder is its .yaml, .yml and .json files sorted by
// name; other files, hidden files and sub-folders are left out; a missing
// path is an error.
func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	ok := "rules: []\n"
	for _, name := range []string{"b.yml", "a.yaml", "c.json", "notes.txt", ".hidden.yaml", "x.yaml~"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(ok), 0o600))
	}
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub.yaml"), 0o700))
	files, err := Load(dir)
	require.NoError(t, err)
	var got []string
	for _, f := range files {
		got = append(got, filepath.Base(f.Source))
	}
	assert.Equal(t, []string{"a.yaml", "b.yml", "c.json"}, got)

	_, err = Load(filepath.Join(dir, "missing.yaml"))
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), filepath.Join(dir, "missing.yaml")+": "), err.Error())
}

// TestLoadStopsNothing: problems in several files are all reported.
func TestLoadReportsEveryFile(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("rules: x\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.yaml"), []byte("nope: 1\n"), 0o600))
	_, err := Load(dir)
	errs := AsErrors(err)
	require.Len(t, errs, 2)
	assert.Equal(t, filepath.Join(dir, "a.yaml"), errs[0].File)
	assert.Equal(t, filepath.Join(dir, "b.yaml"), errs[1].File)
}

func TestParseRules(t *testing.T) {
	tests := []struct{ name, body string }{
		{"one rule as JSON", `{"when":{"service":"MemberService","method":"createMember"},"respond":{"error":{"code":"30022"}}}`},
		{"one rule as YAML", "when: {method: createMember}\nrespond:\n  error: {code: \"30022\"}\n"},
		{"a file", "rules:\n  - when: {method: createMember}\n    respond: {error: {code: \"30022\"}}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseRules("arm", []byte(tt.body))
			require.NoError(t, err)
			require.Len(t, f.Rules, 1)
		})
	}
	_, err := ParseRules("arm", []byte(`{"when":{"method":"createMember"},"respond":{"error":{"code":"123"}}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "arm:3", "errors name the line of the wrapped rule")
}

// TestPageFlowRules: a rule may name a page flow when each of its steps
// answers an error or delays (its pages take those); a page's request
// takes part in no other rule, which stays unclaimed for /service/soa.
func TestPageFlowRules(t *testing.T) {
	f := mustParse(t, "rules:\n  - {when: {service: MemberPwdService, method: setPayPwd}, sequence: [{delay: 1s}, {error: \"30043\"}]}\n"+
		"  - {when: {param: {bizUserId: p}}, respond: {fault: http-500}}\n")
	s := newSet(t, f)
	page := Request{SysID: "1", Service: "MemberPwdService", Method: "setPayPwd", Param: map[string]any{"bizUserId": "p"}, Page: true}
	assert.Equal(t, Emulate, s.Decide(page).Kind, "the delay step")
	assert.Equal(t, "30043", s.Decide(page).Err.Code)
	assert.Zero(t, s.Rules()[2].Uses, "the fault is left for /service/soa")
	rpc := req(t, "MemberService.getMemberInfo", `{"bizUserId":"p"}`)
	assert.Equal(t, HTTP500, s.Decide(rpc).Fault)
}

// TestOKBodyKeys: an ok body's key that misspells an answer key of the
// method named is refused at its line with the key meant; a key of the
// rule's own, far from every answer key, and any key of a rule that names
// no method, are kept (probe-Z: allAmout loaded and answered).
func TestOKBodyKeys(t *testing.T) {
	_, err := Parse("t.yaml", []byte("rules:\n  - when: {method: queryBalance}\n    respond:\n      ok: {allAmout: 1, freezenAmount: 0}\n"))
	require.Error(t, err)
	assert.Equal(t, `t.yaml:4: ok: key "allAmout" is not in the answer of queryBalance (did you mean "allAmount"?)`, err.Error())
	for _, src := range []string{
		"rules:\n  - {when: {method: queryBalance}, respond: {ok: {allAmount: 1, freezenAmount: 0, shopNote: x}}}\n",
		"rules:\n  - {when: {param: {bizUserId: a}}, respond: {ok: {allAmout: 1}}}\n",
	} {
		_, err := Parse("t.yaml", []byte(src))
		assert.NoError(t, err, src)
	}
}
