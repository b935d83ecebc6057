package scenarios

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const balance = "OrderService.queryBalance"

// TestOrder: files in load order, rules in file order, first match wins;
// added rules before files, newest first; magic before everything.
func TestOrder(t *testing.T) {
	a := parseAs(t, "a.yaml", `rules:
  - {name: first, when: {}, respond: {error: "40014"}}
  - {name: second, when: {}, respond: {error: "50001"}}
`)
	b := parseAs(t, "b.yaml", "rules:\n  - {when: {}, respond: {error: \"9400\"}}\n")
	s := newSet(t, b, a)
	assert.Equal(t, "b.yaml:2", s.Decide(req(t, balance, `{}`)).Rule())

	s.SetFiles([]*File{a, b})
	d := s.Decide(req(t, balance, `{}`))
	assert.Equal(t, "a.yaml:2 first", d.Rule())
	assert.Equal(t, "40014", d.Err.Code)

	ids1 := s.Add(parseAs(t, "api", "rules:\n  - {name: older, when: {}, respond: {error: \"30001\"}}\n"))
	ids2 := s.Add(parseAs(t, "api", "rules:\n  - {name: newer, when: {}, respond: {error: \"30002\"}}\n"))
	assert.Equal(t, []string{"added#1 api:2 older"}, ids1)
	assert.Equal(t, ids2[0], s.Decide(req(t, balance, `{}`)).Rule())

	d = s.Decide(req(t, balance, `{"bizUserId":"err-50002-x"}`))
	assert.Equal(t, "magic bizUserId=err-50002-", d.Rule())
	assert.Equal(t, "50002", d.Err.Code)

	var got []string
	for _, r := range s.Rules() {
		got = append(got, r.ID)
	}
	assert.Equal(t, []string{"magic", ids2[0], ids1[0], "a.yaml:2 first", "a.yaml:3 second", "b.yaml:2"}, got)
}

// TestDelayFallsThrough: a delay alone adds up and lets later rules, and
// then the emulator, answer.
func TestDelayFallsThrough(t *testing.T) {
	s := newSet(t, mustParse(t, `rules:
  - {name: slow, when: {}, respond: {delay: 100ms}}
  - {name: slower, when: {service: OrderService}, respond: {delay: 50ms}}
  - {name: answer, when: {param: {bizUserId: x}}, respond: {delay: 5ms, ok: {a: 1}}}
`))
	d := s.Decide(req(t, balance, `{}`))
	assert.Equal(t, Emulate, d.Kind)
	assert.Equal(t, 150*time.Millisecond, d.Delay)
	assert.Equal(t, "test.yaml:2 slow + test.yaml:3 slower", d.Rule())

	d = s.Decide(req(t, balance, `{"bizUserId":"x"}`))
	assert.Equal(t, OK, d.Kind)
	assert.Equal(t, 155*time.Millisecond, d.Delay)

	d = s.Decide(req(t, "MemberService.createMember", `{}`))
	assert.Equal(t, 100*time.Millisecond, d.Delay)
}

// TestSequenceAndTimes: one step per matching call, the last repeats; a
// rule with times retires and the next rule answers.
func TestSequenceAndTimes(t *testing.T) {
	s := newSet(t, mustParse(t, `rules:
  - name: flaky
    when: {param: {bizOrderNo: o1}}
    sequence:
      - respond: {error: {code: "9400"}}
      - {fault: http-500}
      - respond: {emulate: true}
  - name: twice
    when: {param: {bizOrderNo: o2}}
    times: 2
    respond: {ok: {n: "{{call}}"}}
  - name: after
    when: {param: {bizOrderNo: o2}}
    respond: {error: "40000"}
`))
	get := func(order string) Decision {
		return s.Decide(req(t, "OrderService.getOrderDetail", `{"bizOrderNo":"`+order+`"}`))
	}
	assert.Equal(t, Fail, get("o1").Kind)
	assert.Equal(t, HTTP500, get("o1").Fault)
	for range 3 {
		d := get("o1")
		assert.Equal(t, Emulate, d.Kind)
		assert.Empty(t, d.Fault)
		assert.Equal(t, "test.yaml:2 flaky", d.Rule(), "the emulator answers, by the rule's decision")
	}
	assert.EqualValues(t, "1", get("o2").Body["n"])
	assert.EqualValues(t, "2", get("o2").Body["n"])
	d := get("o2")
	assert.Equal(t, "test.yaml:12 after", d.Rule())
	assert.Equal(t, "40000", d.Err.Code)

	info := s.Rules()[2]
	assert.Equal(t, RuleInfo{ID: "test.yaml:8 twice", Source: "test.yaml", Line: 8, Name: "twice",
		When: "every call, bizOrderNo = o2", Answer: "ok (times 2)", Times: 2, Uses: 2, Retired: true,
		RetiredFor: []string{"100000000002"}}, info)

	s.ResetCounters()
	assert.Equal(t, "test.yaml:8 twice", get("o2").Rule())
	assert.Equal(t, Fail, get("o1").Kind)
}

// TestFaults: each fault is named in the decision, bad-signature with its
// answer.
func TestFaults(t *testing.T) {
	s := newSet(t, mustParse(t, `rules:
  - {when: {param: {bizOrderNo: a}}, respond: {fault: bad-signature, ok: {x: 1}}}
  - {when: {param: {bizOrderNo: b}}, respond: {fault: reset}}
  - {when: {param: {bizOrderNo: c}}, respond: {hang: 2s}}
  - {when: {param: {bizOrderNo: d}}, respond: {fault: hang}}
  - {when: {param: {bizOrderNo: e}}, respond: {fault: bad-signature}}
  - {when: {param: {bizOrderNo: f}}, respond: {slow-body: 5s, error: "9400"}}
  - {when: {param: {bizOrderNo: g}}, respond: {fault: slow-body}}
  - {when: {param: {bizOrderNo: h}}, respond: {fault: short-body}}
`))
	get := func(order string) Decision {
		return s.Decide(req(t, "OrderService.getOrderDetail", `{"bizOrderNo":"`+order+`"}`))
	}
	d := get("a")
	assert.Equal(t, BadSignature, d.Fault)
	assert.Equal(t, OK, d.Kind)
	assert.Equal(t, ConnectionReset, get("b").Fault)
	assert.Equal(t, Decision{Rules: []string{"test.yaml:4"}, Fault: Hang, Hang: 2 * time.Second}, get("c"))
	assert.Equal(t, Hang, get("d").Fault)
	assert.Zero(t, get("d").Hang)
	d = get("e")
	assert.Equal(t, BadSignature, d.Fault)
	assert.Equal(t, Emulate, d.Kind, "the emulator's answer, signed wrongly")
	d = get("f")
	assert.Equal(t, Decision{Rules: []string{"test.yaml:7"}, Kind: Fail, Err: d.Err, Fault: SlowBody, Over: 5 * time.Second}, d)
	assert.Equal(t, "9400", d.Err.Code)
	assert.Equal(t, Decision{Rules: []string{"test.yaml:8"}, Fault: SlowBody}, get("g"), "the emulator's answer, over the server's maximum")
	assert.Equal(t, Decision{Rules: []string{"test.yaml:9"}, Fault: ShortBody}, get("h"), "the emulator's answer, cut")
}

// TestTimesUnderConcurrency: a rule with times answers exactly that many
// of many concurrent calls, and a sequence hands each step out once.
func TestTimesUnderConcurrency(t *testing.T) {
	s := newSet(t, mustParse(t, `rules:
  - {name: limited, when: {param: {bizOrderNo: x}}, times: 50, respond: {ok: {n: "{{call}}"}}}
`))
	var answered atomic.Int64
	seen := sync.Map{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				d := s.Decide(req(t, "OrderService.getOrderDetail", `{"bizOrderNo":"x"}`))
				if d.Kind == OK {
					answered.Add(1)
					_, dup := seen.LoadOrStore(d.Body["n"], true)
					assert.False(t, dup, "use %v handed out twice", d.Body["n"])
				}
			}
		})
	}
	wg.Go(func() {
		for range 50 {
			_ = s.Rules()
			s.SetFiles(s.Files())
		}
	})
	wg.Wait()
	assert.EqualValues(t, 50, answered.Load())
}

// TestRemoveAndArm: added rules can be removed; an armed rule answers once.
func TestRemoveAndArm(t *testing.T) {
	file := mustParse(t, "rules:\n  - {name: base, when: {}, respond: {error: \"40000\"}}\n")
	s := newSet(t, file)
	armed := s.Arm(parseAs(t, "api", "rules:\n  - {name: once, when: {}, respond: {error: \"9400\"}}\n"))
	assert.Equal(t, "9400", s.Decide(req(t, balance, `{}`)).Err.Code)
	assert.Equal(t, "40000", s.Decide(req(t, balance, `{}`)).Err.Code)
	assert.True(t, s.Rules()[1].Retired)
	assert.True(t, s.Rules()[1].Added)

	assert.True(t, s.Remove(armed[0]))
	assert.False(t, s.Remove(armed[0]))
	assert.True(t, s.Remove("test.yaml:2 base"))
	assert.Equal(t, Emulate, s.Decide(req(t, balance, `{}`)).Kind)
	s.SetFiles([]*File{mustParse(t, "rules:\n  - {name: base, when: {}, respond: {error: \"40000\"}}\n")})
	assert.Equal(t, "40000", s.Decide(req(t, balance, `{}`)).Err.Code, "a reloaded file brings its rules back")
}

// TestArmedSequencePlaysEachStep: an armed sequence without times plays
// each step once, then retires (it retired after its first: probe-Z).
func TestArmedSequencePlaysEachStep(t *testing.T) {
	s := newSet(t)
	s.Arm(parseAs(t, "api", "rules:\n  - {when: {}, sequence: [{error: \"9400\"}, {error: \"9500\"}, {ok: {}}]}\n"))
	assert.Equal(t, "9400", s.Decide(req(t, balance, `{}`)).Err.Code)
	assert.Equal(t, "9500", s.Decide(req(t, balance, `{}`)).Err.Code)
	assert.Equal(t, OK, s.Decide(req(t, balance, `{}`)).Kind)
	assert.Equal(t, Emulate, s.Decide(req(t, balance, `{}`)).Kind, "retired")
}

// TestSetFilesKeepsCounters: the same file keeps its counts; a reloaded
// one starts again.
func TestSetFilesKeepsCounters(t *testing.T) {
	src := "rules:\n  - {when: {}, times: 1, respond: {ok: {}}}\n"
	f := mustParse(t, src)
	s := newSet(t, f)
	assert.Equal(t, OK, s.Decide(req(t, balance, `{}`)).Kind)
	s.SetFiles([]*File{f})
	assert.Equal(t, Emulate, s.Decide(req(t, balance, `{}`)).Kind)
	s.SetFiles([]*File{mustParse(t, src)})
	assert.Equal(t, OK, s.Decide(req(t, balance, `{}`)).Kind)
}

func parseAs(t testing.TB, source, src string) *File {
	t.Helper()
	f, err := Parse(source, []byte(src))
	require.NoError(t, err)
	return f
}

// TestAddedRulesAreBounded: past MaxAdded run-time rules the oldest
// retired ones go first, then the oldest of all; the newest stay.
func TestAddedRulesAreBounded(t *testing.T) {
	s := newSet(t)
	keep := s.Add(parseAs(t, "api", "rules:\n  - {name: kept, when: {method: getMemberInfo}, respond: {error: \"30001\"}}\n"))
	for range MaxAdded + 50 {
		s.Arm(parseAs(t, "api", "rules:\n  - {when: {}, respond: {error: \"30002\"}}\n"))
		s.Decide(req(t, balance, `{}`)) // retires it
	}
	var added []string
	for _, r := range s.Rules() {
		if r.Added {
			added = append(added, r.ID)
		}
	}
	assert.Len(t, added, MaxAdded)
	assert.Contains(t, added, keep[0], "an unretired rule outlives the retired ones")
}

// TestFileRulesCountEachApplication: a file's rule counts each sysid's
// calls apart, so that parallel jobs each get "the 3rd createMember fails"
// and a sequence from its start, whatever the others do; resetting one
// sysid's counts restarts its own only. A rule armed for every application
// still answers one call in all (probe-Z found file counts shared).
func TestFileRulesCountEachApplication(t *testing.T) {
	s := newSet(t, mustParse(t, "rules:\n  - {name: third, when: {method: createMember}, sequence: [{emulate: true}, {emulate: true}, {error: \"30022\"}], times: 3}\n"))
	call := func(sysid string) string {
		r := req(t, "MemberService.createMember", `{}`)
		r.SysID = sysid
		if d := s.Decide(r); d.Err != nil {
			return d.Err.Code
		}
		return ""
	}
	got := []string{call("job1"), call("job2"), call("job1"), call("job2"), call("job1"), call("job2"), call("job1")}
	assert.Equal(t, []string{"", "", "", "", "30022", "30022", ""}, got, "each job's third call; then retired for it")
	assert.EqualValues(t, 6, s.Rules()[1].Uses)
	assert.True(t, s.Rules()[1].Retired, "used up by every application that called it")

	assert.Equal(t, []string{"job1", "job2"}, s.Rules()[1].RetiredFor)
	s.ResetCountersOf("job1")
	assert.Equal(t, []string{"job2"}, s.Rules()[1].RetiredFor, "job1 meets it again")
	assert.EqualValues(t, 3, s.Rules()[1].Uses, "job2's")
	assert.Equal(t, []string{"", "", "30022", ""}, []string{call("job1"), call("job1"), call("job1"), call("job2")})

	s.Arm(parseAs(t, "api", "rules:\n  - {when: {method: queryBalance}, respond: {error: \"9400\"}}\n"))
	balanceOf := func(sysid string) Decision {
		r := req(t, balance, `{}`)
		r.SysID = sysid
		return s.Decide(r)
	}
	assert.Equal(t, "9400", balanceOf("job1").Err.Code)
	assert.Equal(t, Emulate, balanceOf("job2").Kind, "armed for every application: one call in all")
}

// TestEmulateFirst: emulate with an error or a fault runs the call through
// the emulator, then answers that error or breaks the answer; emulate alone
// is the emulator's answer as before.
func TestEmulateFirst(t *testing.T) {
	f := mustParse(t, `rules:
  - {when: {param: {bizOrderNo: a}}, respond: {emulate: true, error: "9400"}}
  - {when: {param: {bizOrderNo: b}}, respond: {emulate: true, fault: http-500}}
  - {when: {param: {bizOrderNo: c}}, respond: {emulate: true, error: "9999", slow-body: 2s}}
  - {when: {param: {bizOrderNo: d}}, respond: {emulate: true}}
`)
	s := newSet(t, f)
	get := func(order string) Decision {
		return s.Decide(req(t, "OrderService.getOrderDetail", `{"bizOrderNo":"`+order+`"}`))
	}
	d := get("a")
	assert.Equal(t, Decision{Rules: []string{"test.yaml:2"}, Kind: Fail, Err: d.Err, EmulateFirst: true}, d)
	assert.Equal(t, "9400", d.Err.Code)
	assert.Equal(t, Decision{Rules: []string{"test.yaml:3"}, Fault: HTTP500, EmulateFirst: true}, get("b"))
	d = get("c")
	assert.Equal(t, Decision{Rules: []string{"test.yaml:4"}, Kind: Fail, Err: d.Err, Fault: SlowBody, Over: 2 * time.Second,
		EmulateFirst: true}, d)
	assert.Equal(t, Decision{Rules: []string{"test.yaml:5"}}, get("d"))

	var answers []string
	for _, r := range f.Rules {
		answers = append(answers, r.Answer())
	}
	assert.Equal(t, []string{"emulate, then error 9400", "emulate, then fault http-500",
		"emulate, then error 9999, fault slow-body 2s", "emulate"}, answers)
}
