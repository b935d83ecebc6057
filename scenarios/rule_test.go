package scenarios

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestForSysID(t *testing.T) {
	f := mustParse(t, `rules:
  - when: {service: MemberService, method: createMember}
    respond: {error: {code: "30000"}}
`)
	scoped, err := f.ForSysID("A")
	require.NoError(t, err)
	assert.Empty(t, f.Rules[0].SysIDs(), "the original is left as it was")
	assert.Equal(t, []string{"A"}, scoped.Rules[0].SysIDs())

	s := NewSet(Options{})
	s.Arm(scoped)
	call := func(sysid string) Decision {
		return s.Decide(Request{SysID: sysid, Service: "MemberService", Method: "createMember", Param: map[string]any{}})
	}
	assert.Equal(t, Emulate, call("B").Kind, "another sysid is not answered")
	assert.Equal(t, Fail, call("A").Kind)
	assert.Equal(t, Emulate, call("A").Kind, "armed: once")
	assert.Equal(t, []string{"A"}, s.Rules()[1].SysIDs)
}

func TestForSysIDRefusesAnotherSysID(t *testing.T) {
	f := mustParse(t, `rules:
  - when: {sysid: B}
    respond: {error: {code: "30000"}}
`)
	_, err := f.ForSysID("A")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not A")
	same, err := f.ForSysID("B")
	require.NoError(t, err)
	assert.Equal(t, []string{"B"}, same.Rules[0].SysIDs())
}
